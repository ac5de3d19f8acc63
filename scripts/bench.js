#!/usr/bin/env node
'use strict';
/**
 * `npm run bench`: this package against what users do without it, on loopback against the local
 * IPPanel emulator (dev/emulator, in a child process), printed as one table. docs/performance.md
 * explains the figures.
 *
 *  1. 1,000 items, same text: IPPanel node with Batch Input Items vs n8n's HTTP Request node,
 *     in a real n8n 2.41.1 (`n8n execute`, dev/n8n/): requests and time
 *  2. 1 item: per-item overhead of both nodes (node executionTime from the run data)
 *  3. export of a 100,000-recipient bulk: node (n8n engine in-process) vs a bare fetch loop
 *  4. IPPanel Trigger: requests per poll, per event
 *  5. at a 100 ms round trip, real n8n: 200 pattern sends, IPPanel node vs HTTP Request node; a
 *     100-page inbox export, IPPanel node vs the node with Concurrency 1 vs a sequential fetch loop
 *  6. phonebook sync: Contact → Create or Update, 10,000 customers into a phonebook of 10,000, vs one add per item
 *
 * Options:
 *   --no-build   pack dist/ as it is instead of `npm run build` first (quicker reruns)
 *   --tarball F  install this packed package into n8n instead (e.g. an older version, to compare)
 *   --json FILE  also write the raw results as JSON
 *   --keep       keep the temporary folder (n8n user folder, packed tarball)
 *   --only LIST  run only these parts, comma-separated: bulk, perItem, export, trigger, latency, contacts
 *                (e.g. `npm run bench -- --only latency` for part 5 alone)
 *
 * A part that fails is marked FAILED in the table and the others still run; exit code 1 then.
 * Ports: n8n 5680–5689, emulator 8780–8789 (the first free ones).
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { N8N_VERSION } = require('../dev/n8n/paths');
const { withTimeout } = require('../dev/n8n/clock');
const { run } = require('../dev/n8n/processes');
const { ensureRuntime } = require('../dev/n8n/runtime');
const { ensureProjectDeps } = require('../dev/n8n/package');
const { log } = require('../dev/n8n/log');
const { freePort } = require('../dev/n8n/ports');
const { startEmulator } = require('./lib/bench-emulator');
const { setupN8n, benchBulk, benchPerItem } = require('./lib/bench-n8n');
const { benchExport } = require('./lib/bench-export');
const { benchTrigger } = require('./lib/bench-trigger');
const { benchContacts, contactsSection } = require('./lib/bench-contacts');
const { setupLatency, benchLatency, latencySection } = require('./lib/bench-latency');
const { renderTable } = require('./lib/bench-table');
const sections = require('./lib/bench-sections');
const { hrMs, ms } = require('./lib/bench-stats');
const stats = require('./lib/bench-stats');

const MINUTE = 60 * 1000;
const CONFIG = {
	bulk: { items: 1000, runs: 2 },
	perItem: { rounds: 31, runs: 3, singleRuns: 3 },
	export: { recipients: 100000 },
	latency: { items: 200, messages: 10000, delayMs: 100, runs: 2 },
};

/** The parts, by the names `--only` takes. */
const PARTS = ['bulk', 'perItem', 'export', 'trigger', 'latency', 'contacts'];

function parseArgs(argv) {
	const args = { build: true, tarball: undefined, json: undefined, keep: false, only: undefined };
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--no-build') args.build = false;
		else if (argv[i] === '--tarball') args.tarball = path.resolve(argv[++i]);
		else if (argv[i] === '--json') args.json = argv[++i];
		else if (argv[i] === '--keep') args.keep = true;
		else if (argv[i] === '--only') {
			args.only = String(argv[++i] ?? '').split(',').filter(Boolean);
			const unknown = args.only.filter((name) => !PARTS.includes(name));
			if (unknown.length || !args.only.length) throw new Error(`--only takes parts among ${PARTS.join(', ')}`);
		} else throw new Error(`unknown argument: ${argv[i]} (options: --no-build, --tarball FILE, --json FILE, --keep, --only LIST)`);
	}
	return args;
}


/** Runs one part with a time limit; resolves { value } or { error } and logs its duration. */
async function part(name, limitMs, fn) {
	const started = process.hrtime.bigint();
	try {
		const value = await withTimeout(fn, limitMs);
		log(`${name}: done in ${ms(hrMs(started))}`);
		return { value };
	} catch (error) {
		log(`${name}: FAILED after ${ms(hrMs(started))}: ${error.message}`);
		return { error: error.message.split('\n')[0] };
	}
}

function machine() {
	const cpus = os.cpus();
	return {
		cpus: cpus.length,
		cpuModel: cpus[0] ? cpus[0].model.trim() : 'unknown',
		memoryGb: Math.round(os.totalmem() / 1024 ** 3),
		platform: `${os.type()} ${os.release()}`,
		node: process.version,
		loadAverage: os.loadavg().map((l) => l.toFixed(2)).join(' '),
	};
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const wanted = (name) => !args.only || args.only.includes(name);
	const started = process.hrtime.bigint();
	const before = machine();
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ippanel-bench-'));
	// The in-process n8n engine (parts 3 and 4, via test/harness) uses this as its user folder.
	process.env.N8N_USER_FOLDER = path.join(tmp, 'harness');
	fs.mkdirSync(process.env.N8N_USER_FOLDER);
	const results = {};
	let emulator;
	try {
		// Installs first (a fresh clone: the project's dependencies, then Node 24 + n8n, minutes on a
		// busy machine), without a time limit and with progress lines: no part's time limit
		// includes them. A failed install fails the n8n parts only.
		await ensureProjectDeps();
		const runtime = await ensureRuntime().then(
			() => ({}),
			(error) => ({ error: error.message.split('\n')[0] }),
		);
		if (runtime.error) {
			log(`n8n install FAILED: ${runtime.error}`);
			// Parts 3 and 4 still run; they load dist/, which the n8n setup would have built.
			if (args.build) await run('npm', ['run', 'build'], { timeoutMs: 5 * MINUTE });
		}

		emulator = await startEmulator(await freePort(8780, 8789));
		log(`emulator at ${emulator.baseUrl} (pid ${emulator.pid})`);

		// n8n first: its setup builds dist/, which parts 3 and 4 load (the test harness). Those two
		// need no n8n install, so they run (and report) even when the n8n setup fails.
		const ports = new Set();
		const port = await freePort(5680, 5689, ports);
		const brokerPort = await freePort(5680, 5689, ports);
		const how = args.tarball ? `install ${path.basename(args.tarball)}` : `${args.build ? 'build, ' : ''}pack, install`;
		const setup = runtime.error ? runtime : await part(`n8n setup (${how}, import)`, 8 * MINUTE, () =>
			setupN8n({ tmp, emulator, port, brokerPort, build: args.build, tarball: args.tarball, counts: { bulkItems: CONFIG.bulk.items, rounds: CONFIG.perItem.rounds } }),
		);
		if (wanted('export')) results.export = await part('export', 4 * MINUTE, () => benchExport(emulator, CONFIG.export));
		if (wanted('trigger')) results.trigger = await part('trigger', 2 * MINUTE, () => benchTrigger(emulator));
		if (wanted('contacts')) results.contacts = await part('phonebook sync', 4 * MINUTE, () => benchContacts(emulator));
		if (setup.error) {
			for (const key of ['bulk', 'perItem', 'latency'].filter(wanted)) results[key] = { error: `n8n setup failed: ${setup.error}` };
		} else {
			const { n8nEnv } = setup.value;
			if (wanted('bulk')) results.bulk = await part('1,000 items', 4 * MINUTE, () => benchBulk(n8nEnv, emulator, CONFIG.bulk));
			if (wanted('perItem')) results.perItem = await part('1 item', 4 * MINUTE, () => benchPerItem(n8nEnv, emulator, CONFIG.perItem));
			if (wanted('latency')) {
				results.latency = await part('100 ms round trip', 10 * MINUTE, async () => {
					await setupLatency(n8nEnv, emulator, tmp, CONFIG.latency);
					return await benchLatency(n8nEnv, emulator, CONFIG.latency);
				});
			}
		}
	} catch (error) {
		log(`bench: ${error.message}`);
		for (const key of PARTS.filter(wanted)) results[key] ??= { error: error.message };
	} finally {
		if (emulator) await emulator.stop();
		if (!args.keep) fs.rmSync(tmp, { recursive: true, force: true });
		else log(`kept ${tmp}`);
	}

	const after = machine();
	const table = renderTable(
		[
			wanted('bulk') && sections.bulkSection(results.bulk, CONFIG.bulk),
			wanted('perItem') && sections.perItemSection(results.perItem, CONFIG.perItem),
			wanted('export') && sections.exportSection(results.export, CONFIG.export),
			wanted('trigger') && sections.triggerSection(results.trigger),
			wanted('latency') && latencySection(results.latency, CONFIG.latency),
			wanted('contacts') && contactsSection(results.contacts, stats),
		].filter(Boolean),
	);
	const totalMs = hrMs(started);
	const exportNode = results.export && results.export.value ? results.export.value.node.node : 'n/a';
	console.log(
		`\nIPPanel Edge node benchmark: n8n ${N8N_VERSION} (\`n8n execute\`, Node 24) for parts 1–2 and 5; n8n-core through the test harness ` +
			`for part 3 (Node ${exportNode}, child processes) and part 4 (Node ${before.node}); emulator on 127.0.0.1`,
	);
	console.log(`machine: ${before.cpus} × ${before.cpuModel}, ${before.memoryGb} GB, ${before.platform}; load average ${before.loadAverage} at start, ${after.loadAverage} at end`);
	console.log(table);
	console.log(`\nbench finished in ${ms(totalMs)}`);
	if (args.json) fs.writeFileSync(args.json, JSON.stringify({ machine: { before, after }, config: CONFIG, results, totalMs }, null, 2) + '\n');
	if (PARTS.filter(wanted).some((key) => !results[key] || results[key].error)) process.exitCode = 1;
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
