#!/usr/bin/env node
// Runs @n8n/scan-community-package's own checks without the npm registry: its scanner lints the
// provenance-attested source and the published tarball; here the source is this checkout and the
// tarball is what `npm pack` makes of it. Prints `scan: N passed, N failed`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(path.join(tmpdir(), 'ippanel-scan-'));
try {
	const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: root, encoding: 'utf8' })
		.trim()
		.split('\n')
		.pop();
	const unpacked = path.join(work, 'package');
	execFileSync('tar', ['-xzf', path.join(work, tarball), '-C', work]);

	const legs = [
		['source (nodes, credentials, package.json)', await analyzePackage(root, SOURCE_FILE_PATTERNS)],
		['packed tarball (compiled .js, package.json)', await analyzePackage(unpacked, ['**/*.js', 'package.json'])],
	];
	let failed = 0;
	for (const [name, result] of legs) {
		console.log(`${result.passed ? 'ok  ' : 'FAIL'} ${name}${result.message ? `: ${result.message}` : ''}`);
		if (result.details) console.log(result.details);
		if (!result.passed) failed++;
	}
	console.log(`scan: ${legs.length - failed} passed, ${failed} failed`);
	process.exitCode = failed ? 1 : 0;
} finally {
	rmSync(work, { recursive: true, force: true });
}
