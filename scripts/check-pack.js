#!/usr/bin/env node
// Checks what `npm pack` would publish: only dist, README, LICENSE and package.json, with the
// nodes and credential n8n loads, and no runtime dependencies. Prints `pack: N passed, N failed`.
const { execSync } = require('child_process');
const path = require('path');
const pkg = require('../package.json');

const root = path.resolve(__dirname, '..');
const [report] = JSON.parse(execSync('npm pack --dry-run --json --ignore-scripts', { cwd: root, encoding: 'utf8' }));
const files = report.files.map((file) => file.path);

const checks = [
	['only dist, README.md, LICENSE and package.json are packed', files.every((f) => /^(dist\/|README\.md$|LICENSE$|package\.json$)/.test(f))],
	['README.md and LICENSE are packed', files.includes('README.md') && files.includes('LICENSE')],
	['no test, source map of tests, or TypeScript source is packed', !files.some((f) => /(^|\/)test\/|\.ts$(?<!\.d\.ts)/.test(f))],
	['every node and credential in the n8n block is packed', [...pkg.n8n.nodes, ...pkg.n8n.credentials].every((f) => files.includes(f))],
	['icons are packed beside the node', files.includes('dist/nodes/Ippanel/ippanel.svg') && files.includes('dist/nodes/Ippanel/ippanel.dark.svg')],
	['the codex file is packed', files.includes('dist/nodes/Ippanel/Ippanel.node.json')],
	['no runtime dependencies', Object.keys(pkg.dependencies ?? {}).length === 0],
];
let failed = 0;
for (const [name, ok] of checks) {
	console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}`);
	if (!ok) failed++;
}
if (failed) console.log(files.join('\n'));
console.log(`pack: ${checks.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
