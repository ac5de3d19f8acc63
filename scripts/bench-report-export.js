#!/usr/bin/env node
'use strict';
/**
 * Measures Report → Get Recipients with Return All on a large bulk, through n8n's real engine
 * (the test harness), against a bare `fetch` paging loop (the floor), with the local IPPanel
 * emulator in a child process. The export part of `npm run bench`, alone and with options:
 *
 *   npx tsc -p tsconfig.json && node scripts/bench-report-export.js [--recipients 100000] [--include-raw] [--repeats 3]
 *
 * Prints pages fetched, wall time, peak RSS and heap growth of each (each run is a process of its
 * own, on Node 24 from the n8n cache when it is installed).
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { startEmulator } = require('./lib/bench-emulator');
const { benchExport } = require('./lib/bench-export');
const { ms, mb, count } = require('./lib/bench-stats');

function parseArgs(argv) {
	const args = { recipients: 100000, includeRaw: false, repeats: 3 };
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--recipients') args.recipients = Number(argv[++i]);
		else if (argv[i] === '--include-raw') args.includeRaw = true;
		else if (argv[i] === '--repeats') args.repeats = Number(argv[++i]);
		else throw new Error(`unknown argument: ${argv[i]}`);
	}
	return args;
}

function print(label, r) {
	console.log(`  ${label}`);
	console.log(`    items / rows:    ${count(r.items)}`);
	console.log(`    pages fetched:   ${r.pages} (${r.distinctPages} distinct, per_page=${r.perPage})`);
	console.log(`    wall time:       ${ms(r.wallMs)} (median of ${r.runs}; ${count(Math.round(r.items / (r.wallMs / 1000)))} rows/s)`);
	console.log(`    heap growth:     ${mb(r.heapGrowth)} (peak, over the start)`);
	console.log(`    peak RSS:        ${mb(r.peakRss)} (Node ${r.node})`);
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ippanel-bench-export-'));
	process.env.N8N_USER_FOLDER = tmp; // the harness's n8n user folder, for the child processes
	const emulator = await startEmulator(0);
	try {
		const result = await benchExport(emulator, args);
		console.log(`Report → Get Recipients, Return All, ${count(args.recipients)} recipients${args.includeRaw ? ' (Include Raw API Row)' : ''}`);
		print('IPPanel node (n8n engine)', result.node);
		print('bare fetch loop (floor)', result.floor);
		if (result.node.pages !== result.node.distinctPages) process.exitCode = 1;
	} finally {
		await emulator.stop();
		fs.rmSync(tmp, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
