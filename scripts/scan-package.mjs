#!/usr/bin/env node
// Runs @n8n/scan-community-package's own checks without the npm registry: its scanner lints the
// provenance-attested source and the published tarball; here the source is this checkout and the
// tarball is what `npm pack` makes of it. Prints how many files each leg scanned and
// `scan: N passed, N failed`. A leg that finds no code file to scan fails: the scanner itself
// answers "passed" when its patterns match nothing.
//
//   node scripts/scan-package.mjs [package-folder]   (default: this checkout)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

// The scanner's own glob library and ignore list, so that the count is of the files it lints.
const glob = createRequire(import.meta.resolve('@n8n/scan-community-package/scanner/scanner.mjs'))('fast-glob');
const IGNORE = ['node_modules/**', '**/package-lock.json'];

const root = path.resolve(process.argv[2] || path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
const work = mkdtempSync(path.join(tmpdir(), 'ippanel-scan-'));
try {
	const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: root, encoding: 'utf8' })
		.trim()
		.split('\n')
		.pop();
	const unpacked = path.join(work, 'package');
	execFileSync('tar', ['-xzf', path.join(work, tarball), '-C', work]);

	const legs = [
		['source (nodes, credentials, package.json)', root, SOURCE_FILE_PATTERNS],
		['packed tarball (compiled .js, package.json)', unpacked, ['**/*.js', 'package.json']],
	];
	let failed = 0;
	for (const [name, dir, patterns] of legs) {
		const files = glob.sync(patterns, { cwd: dir, ignore: IGNORE });
		const code = files.filter((file) => /\.[cm]?[jt]s$/.test(file));
		let result;
		if (!code.length) result = { passed: false, message: `no code file to analyze (${files.length} file(s) matched ${patterns.join(', ')})` };
		else {
			result = await analyzePackage(dir, patterns);
			if (result.passed && result.message) result = { passed: false, message: `the scanner answered "${result.message}"` };
		}
		const scanned = code.length ? `${files.length} files scanned (${code.length} code)` : 'nothing scanned';
		console.log(`${result.passed ? 'ok  ' : 'FAIL'} ${name}: ${scanned}${result.message ? `: ${result.message}` : ''}`);
		if (result.details) console.log(result.details);
		if (!result.passed) failed++;
	}
	console.log(`scan: ${legs.length - failed} passed, ${failed} failed`);
	process.exitCode = failed ? 1 : 0;
} finally {
	rmSync(work, { recursive: true, force: true });
}
