#!/usr/bin/env node
'use strict';
/**
 * Measures Report → Get Recipients with Return All on a large bulk, through n8n's real engine
 * (the test harness) against the local IPPanel emulator running in a child process, so the
 * memory figures are the node's and the engine's only.
 *
 *   npx tsc -p tsconfig.json && node --expose-gc scripts/bench-report-export.js [--recipients 100000] [--include-raw]
 *
 * Prints: pages fetched, wall time, peak RSS and peak heap during the export, the heap still
 * held afterwards (the output items n8n keeps), and rows per second.
 */
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const ts = require('typescript');

const root = path.join(__dirname, '..');

// The harness is TypeScript: compile it on require, as ts-jest does in the tests.
require.extensions['.ts'] = (module, filename) => {
	const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
		compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2021, esModuleInterop: true },
		fileName: filename,
	});
	module._compile(outputText, filename);
};

function parseArgs(argv) {
	const args = { recipients: 100000, includeRaw: false };
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--recipients') args.recipients = Number(argv[++i]);
		else if (argv[i] === '--include-raw') args.includeRaw = true;
		else throw new Error(`unknown argument: ${argv[i]}`);
	}
	return args;
}

/** Starts dev/emulator/cli.js on a free port and resolves with its base URL and the child. */
function startEmulator() {
	const child = spawn(process.execPath, [path.join(root, 'dev/emulator/cli.js'), '--port', '0'], {
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	return new Promise((resolve, reject) => {
		let out = '';
		child.stdout.on('data', (chunk) => {
			out += chunk;
			const match = /listening on (\S+)/.exec(out);
			if (match) resolve({ baseUrl: match[1], child });
		});
		child.once('exit', (code) => reject(new Error(`emulator exited (${code}): ${out}`)));
	});
}

async function control(baseUrl, method, route, body) {
	const response = await fetch(`${baseUrl.replace(/\/v1$/, '')}/__emulator${route}`, {
		method,
		headers: { 'content-type': 'application/json' },
		body: body ? JSON.stringify(body) : undefined,
	});
	return await response.json();
}

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const gc = () => global.gc && global.gc();

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const { apiKeyCredentials, runNode } = require(path.join(root, 'test/harness/index.ts'));
	const { CREDENTIALS } = require(path.join(root, 'dev/emulator'));
	const { baseUrl, child } = await startEmulator();
	try {
		const credentials = apiKeyCredentials(baseUrl, CREDENTIALS.apiKey);
		const run = async (bulkId) =>
			await runNode({
				parameters: {
					resource: 'report',
					operation: 'recipients',
					bulkId: String(bulkId),
					returnAll: true,
					options: { includeRaw: args.includeRaw },
				},
				credentials,
			});

		// Warm-up on a small bulk: module loading and JIT are not part of the figures.
		const { id: warmId } = await control(baseUrl, 'POST', '/seed-bulk', { recipients: 2000 });
		await run(warmId);

		const { id: bulkId } = await control(baseUrl, 'POST', '/seed-bulk', { recipients: args.recipients });
		await control(baseUrl, 'POST', '/clear-requests');
		gc();
		const before = process.memoryUsage();
		let peakHeap = before.heapUsed;
		let peakRss = before.rss;
		const sampler = setInterval(() => {
			const now = process.memoryUsage();
			peakHeap = Math.max(peakHeap, now.heapUsed);
			peakRss = Math.max(peakRss, now.rss);
		}, 10);

		const started = process.hrtime.bigint();
		const result = await run(bulkId);
		const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
		clearInterval(sampler);
		if (result.error) throw result.error;

		gc();
		const after = process.memoryUsage();
		const { requests } = await control(baseUrl, 'GET', '/requests?path=/api/report/recipients');
		const perPage = [...new Set(requests.map((r) => r.query.per_page))];
		const distinctPages = new Set(requests.map((r) => r.query.page)).size;
		const items = result.items.length;
		const failed = result.items.filter((item) => item.json.is_failed).length;

		console.log(`Report → Get Recipients, Return All, ${args.recipients} recipients${args.includeRaw ? ' (Include Raw API Row)' : ''}`);
		console.log(`  items out:            ${items} (${failed} failed, ${items - failed} not failed)`);
		console.log(`  pages fetched:        ${requests.length} (${distinctPages} distinct, per_page=${perPage.join(',')})`);
		console.log(`  wall time:            ${(wallMs / 1000).toFixed(2)} s (${Math.round(items / (wallMs / 1000))} rows/s)`);
		console.log(`  heap before:          ${mb(before.heapUsed)}`);
		console.log(`  peak heap (sampled):  ${mb(peakHeap)} (+${mb(peakHeap - before.heapUsed)})`);
		console.log(`  heap held after (GC): ${mb(after.heapUsed)} (+${mb(after.heapUsed - before.heapUsed)}, ${Math.round((after.heapUsed - before.heapUsed) / items)} B/item: the output items n8n keeps)`);
		console.log(`  peak RSS (sampled):   ${mb(peakRss)} (before: ${mb(before.rss)})`);
		console.log(`  max RSS (process):    ${mb(process.resourceUsage().maxRSS * 1024)}`);
		if (items !== args.recipients || requests.length !== distinctPages) process.exitCode = 1;
	} finally {
		child.kill();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
