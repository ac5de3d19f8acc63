#!/usr/bin/env node
'use strict';
/**
 * Checks the documentation the way a reader meets it:
 *  - every relative link and image in README.md, CONTRIBUTING.md, CHANGELOG.md, examples/README.md
 *    and docs/*.md points at a file of the repository, and a `#anchor` at a heading of its page
 *    (GitHub's heading ids);
 *  - every absolute link or image into this repository (github.com/<repo>/blob|tree/main/…,
 *    raw.githubusercontent.com/<repo>/main/…) names a file that exists, and README images are
 *    absolute (npm's package page shows no image from a relative path);
 *  - the README that `npm pack` ships is under npm's 64 KiB page limit, and under 300 lines;
 *  - package.json's repository, homepage, bugs and author name the same GitHub repository (owner)
 *    the README links.
 *
 * Prints `docs: N passed, N failed` last; exits 1 on any failure.
 */
const fs = require('fs');
const path = require('path');
const { execSync } = require('child_process');

const root = path.resolve(__dirname, '..');
const pkg = require('../package.json');
const NPM_README_LIMIT = 64 * 1024;

/** owner/name from package.json's repository URL. */
function repoSlug() {
	const url = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository && pkg.repository.url;
	const match = /github\.com[/:]([^/]+\/[^/.]+)(\.git)?$/.exec(url || '');
	return match ? match[1] : undefined;
}

function pages() {
	const list = ['README.md', 'CONTRIBUTING.md', 'CHANGELOG.md', 'examples/README.md'];
	for (const f of fs.readdirSync(path.join(root, 'docs'))) if (f.endsWith('.md')) list.push(`docs/${f}`);
	return list.filter((f) => fs.existsSync(path.join(root, f)));
}

/** GitHub's heading ids: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchorsOf(markdown) {
	const seen = new Map();
	const ids = new Set();
	let fenced = false;
	for (const line of markdown.split('\n')) {
		if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
		if (fenced) continue;
		const m = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
		if (!m) continue;
		const base = m[1]
			.replace(/<[^>]+>/g, '')
			.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
			.toLowerCase()
			.replace(/[^\p{L}\p{N}\s_-]/gu, '')
			.replace(/\s/g, '-');
		const n = seen.get(base) || 0;
		seen.set(base, n + 1);
		ids.add(n ? `${base}-${n}` : base);
	}
	return ids;
}

/** [text, target, isImage, line] for every inline link and image outside code. */
function linksOf(markdown) {
	const out = [];
	let fenced = false;
	markdown.split('\n').forEach((line, i) => {
		if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
		if (fenced) return;
		const text = line.replace(/`[^`]*`/g, '');
		for (const m of text.matchAll(/(!?)\[((?:[^\]\[]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
			out.push({ image: m[1] === '!', target: m[3], line: i + 1 });
		}
		for (const m of text.matchAll(/<img\s[^>]*src="([^"]+)"/g)) out.push({ image: true, target: m[1], line: i + 1 });
	});
	return out;
}

function main() {
	const slug = repoSlug();
	let passed = 0;
	let failed = 0;
	const record = (ok, name, detail) => {
		if (ok) passed++;
		else failed++;
		console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${!ok && detail ? `\n${detail}` : ''}`);
	};

	const sameRepo = slug
		? new RegExp(`^https://(?:github\\.com/${slug}/(?:blob|tree|raw)/main/|raw\\.githubusercontent\\.com/${slug}/main/)([^#?]*)(#.*)?$`)
		: null;
	const anchorCache = new Map();
	const anchors = (file) => {
		if (!anchorCache.has(file)) anchorCache.set(file, anchorsOf(fs.readFileSync(file, 'utf8')));
		return anchorCache.get(file);
	};

	for (const page of pages()) {
		const file = path.join(root, page);
		const markdown = fs.readFileSync(file, 'utf8');
		const problems = [];
		let count = 0;
		for (const link of linksOf(markdown)) {
			const where = `${page}:${link.line} ${link.target}`;
			let target = link.target;
			if (/^(mailto:)/.test(target)) continue;
			const repoMatch = sameRepo && sameRepo.exec(target);
			let resolved;
			let anchor;
			if (repoMatch) {
				resolved = path.join(root, decodeURIComponent(repoMatch[1]));
				anchor = repoMatch[2] ? repoMatch[2].slice(1) : undefined;
			} else if (/^[a-z][a-z0-9+.-]*:/i.test(target)) {
				// Another site: not checked (CI has no internet). Images must not live elsewhere.
				if (link.image && page === 'README.md') problems.push(`${where}: README image outside this repository`);
				continue;
			} else {
				if (link.image && page === 'README.md') problems.push(`${where}: relative image (npm shows none): use an absolute raw.githubusercontent.com URL`);
				const [p, a] = target.split('#');
				resolved = p ? path.resolve(path.dirname(file), decodeURIComponent(p)) : file;
				anchor = a;
			}
			count++;
			if (!resolved.startsWith(root) || !fs.existsSync(resolved)) {
				problems.push(`${where}: no such file in the repository`);
				continue;
			}
			if (anchor !== undefined && fs.statSync(resolved).isFile() && resolved.endsWith('.md') && !anchors(resolved).has(anchor)) {
				problems.push(`${where}: no heading #${anchor} in ${path.relative(root, resolved)}`);
			}
		}
		record(problems.length === 0, `${page}: ${count} links and images into the repository resolve`, problems.map((p) => `     ${p}`).join('\n'));
	}

	// Documentation links inside the nodes and the credential (n8n shows them in the editor).
	if (slug) {
		const sources = ['nodes', 'credentials'].flatMap((dir) =>
			fs
				.readdirSync(path.join(root, dir), { recursive: true })
				.filter((f) => /\.(json|ts)$/.test(f))
				.map((f) => path.join(root, dir, f)),
		);
		const problems = [];
		let count = 0;
		const home = new RegExp(`https://github\\.com/${slug}(#[\\w-]+)?(?=['"\\s]|$)`, 'g');
		for (const file of sources) {
			const text = fs.readFileSync(file, 'utf8');
			for (const m of text.matchAll(home)) {
				count++;
				if (m[1] && m[1] !== '#readme' && !anchors(path.join(root, 'README.md')).has(m[1].slice(1))) problems.push(`     ${path.relative(root, file)}: ${m[0]}: no such heading in README.md`);
			}
			for (const m of text.matchAll(/https:\/\/github\.com\/[^\s'"]+\/blob\/main\/[^\s'"#]+(#[\w-]+)?/g)) {
				count++;
				const rel = m[0].replace(sameRepo || /^$/, '$1');
				if (!sameRepo || !sameRepo.test(m[0]) || !fs.existsSync(path.join(root, rel))) problems.push(`     ${path.relative(root, file)}: ${m[0]}: no such file in the repository`);
			}
		}
		record(problems.length === 0, `${count} documentation links in nodes/ and credentials/ resolve`, problems.join('\n'));
	}

	// The README as npm ships it.
	const [report] = JSON.parse(execSync('npm pack --dry-run --json --ignore-scripts', { cwd: root, encoding: 'utf8' }));
	const packed = report.files.find((f) => f.path === 'README.md');
	record(Boolean(packed), 'README.md is in the packed package');
	if (packed) {
		record(packed.size < NPM_README_LIMIT, `packed README.md is ${packed.size} bytes, under npm's ${NPM_README_LIMIT}-byte page limit`);
	}
	const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
	const lines = readme.split('\n').length - (readme.endsWith('\n') ? 1 : 0);
	record(lines < 300, `README.md has ${lines} lines (under 300; the detail lives in docs/)`);

	// One repository everywhere.
	const url = slug && `https://github.com/${slug}`;
	record(Boolean(slug), `package.json repository is a GitHub repository (${slug})`);
	if (slug) {
		const homepage = String(pkg.homepage || '');
		const bugs = String((pkg.bugs && pkg.bugs.url) || pkg.bugs || '');
		record(homepage === url || homepage.startsWith(`${url}#`), `package.json homepage is ${url}`, `     homepage: ${homepage}`);
		record(bugs === `${url}/issues`, `package.json bugs is ${url}/issues`, `     bugs: ${bugs}`);
		const owner = `https://github.com/${slug.split('/')[0]}`;
		const author = pkg.author || {};
		record(
			Boolean(author.name && author.email) && (!author.url || author.url === owner),
			`package.json author has a name and an email${author.url ? ` and is ${owner}` : ''}`,
			`     author: ${JSON.stringify(author)}`,
		);
		const others = [...readme.matchAll(/https:\/\/(?:github\.com|raw\.githubusercontent\.com)\/([^/\s)]+\/[^/\s)#]+)/g)]
			.map((m) => m[1])
			.filter((s) => s !== slug && !/^(ippanelcom)\//.test(s));
		record(others.length === 0, `README.md links no other copy of this repository`, `     ${[...new Set(others)].join(', ')}`);
	}

	console.log(`docs: ${passed} passed, ${failed} failed`);
	process.exit(failed ? 1 : 0);
}

main();
