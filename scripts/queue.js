#!/usr/bin/env node
'use strict';
/**
 * `npm run test:queue`: this package in n8n 2.41.1's queue mode — a main instance, two
 * `n8n worker` processes, Redis (Bull queue) and PostgreSQL (shared database), all private
 * and bound to 127.0.0.1, with the local IPPanel emulator in-process.
 *
 * Everything runs through the main instance as production executions (webhook calls and the
 * polling trigger), which the main queues in Redis and the workers run:
 *   1. 50 small executions (one send each)           → executions per second
 *   2. a batched send of 10,000 recipients (10,000 items, Batch Input Items on)
 *   3. a report export of 100,000 recipients (Return All)  → time for the export
 *   4. the IPPanel Trigger active on the main, polling every minute while messages arrive
 * and checks: every recipient sent exactly once (the emulator's request log), every exported
 * row output once (the execution stored in Postgres), each inbound message emitted once,
 * every execution ran on a worker, and both workers ran some.
 *
 * Ports: n8n 5690–5699, emulator 8790–8799, Redis 6390–6394, Postgres 6395–6399 (first free).
 * Options: --keep (keep the temp folder with the logs). Prints `queue: N passed, N failed`.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const crypto = require('crypto');
const { paths } = require('../dev/n8n/paths');
const { phaseTimer, seconds, sleep } = require('../dev/n8n/clock');
const { log } = require('../dev/n8n/log');
const { ensureRuntime } = require('../dev/n8n/runtime');
const { ensureProjectDeps } = require('../dev/n8n/package');
const { ensureDebianPackages } = require('../dev/n8n/apt');
const { freePort } = require('../dev/n8n/ports');
const { buildAndPack, installTarball } = require('../dev/n8n/package');
const { importCredentials, importWorkflows, makeN8nEnv, n8nCli, startN8n } = require('../dev/n8n/cli');
const { ippanelCredential } = require('../dev/n8n/examples');
const services = require('./lib/queue-services');
const { startWorker, executionsOf, waitForExecutions, nodeOutput } = require('./lib/queue-n8n');
const flows = require('./lib/queue-workflows');
const { Results, runSuite, assert } = require('../test/e2e/harness');
const { createEmulator } = require('../dev/emulator');

const MINUTE = 60 * 1000;
const API_KEY = 'emulator-api-key';
const SMALL_RUNS = 50;
const BATCH_RECIPIENTS = 10000;
const EXPORT_RECIPIENTS = 100000;
const INBOUND_PER_WAVE = 15;
const TOTAL_BUDGET_MS = 20 * MINUTE;
const RUNNING = ['new', 'running', 'waiting']; // the whole run is cut off here, whatever hangs

const figures = {};
const { timings, timed, summary: timingSummary } = phaseTimer();

async function post(url, body) {
	const res = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
		signal: AbortSignal.timeout(30000),
	});
	const text = await res.text();
	if (!res.ok) throw new Error(`POST ${url}: HTTP ${res.status} ${text.slice(0, 300)}`);
	return text;
}

/** Recipients of every /api/send the emulator received since `since` (index in its log). */
function sentRecipients(emulator, since) {
	return emulator.requests
		.slice(since)
		.filter((r) => r.method === 'POST' && r.path === '/api/send')
		.flatMap((r) => (r.body && r.body.params && r.body.params.recipients) || []);
}

/** Asserts that `sent` holds each of `expected` exactly once and nothing else. */
function assertExactlyOnce(sent, expected, what) {
	const counts = new Map();
	for (const n of sent) counts.set(n, (counts.get(n) || 0) + 1);
	const twice = [...counts].filter(([, c]) => c > 1).map(([n]) => n);
	const missing = expected.filter((n) => !counts.has(n));
	const wanted = new Set(expected);
	const extra = [...counts.keys()].filter((n) => !wanted.has(n));
	assert.deepStrictEqual(
		{ twice: twice.slice(0, 5), missing: missing.slice(0, 5), extra: extra.slice(0, 5), total: sent.length },
		{ twice: [], missing: [], extra: [], total: expected.length },
		`${what}: each exactly once`,
	);
}

const numbers = (prefix, count) => Array.from({ length: count }, (_, i) => prefix + String(i).padStart(7, '0'));

async function main() {
	const args = new Set(process.argv.slice(2));
	const results = new Results('queue');
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ippanel-queue-'));
	const stops = []; // run in reverse order in `finally`
	const taken = new Set();
	let budget;

	try {
		// Installs first (the project's dependencies, Node 24 + n8n, Redis and PostgreSQL), without a
		// time limit and with progress lines.
		const runtime = await timed('runtime', () =>
			results.check('setup: project dependencies, Node 24 + n8n, Redis and PostgreSQL installed', async () => {
				await ensureProjectDeps();
				const ready = await ensureRuntime();
				await ensureDebianPackages([services.REDIS, services.POSTGRES]);
				return ready;
			}, null),
		);
		if (!runtime) return results;
		// From here on (the installs excluded) the run is cut off at the budget.
		budget = setTimeout(() => {
			console.error(`queue: the run passed ${seconds(TOTAL_BUDGET_MS)} after setup; stopping`);
			results.failed++;
			console.log(results.summary());
			process.exit(1); // dev/n8n/processes.js kills every process group on exit
		}, TOTAL_BUDGET_MS);
		budget.unref();

		// ---- Redis + Postgres --------------------------------------------------------------
		const infra = await timed('services', () =>
			results.check('setup: Redis and PostgreSQL start on 127.0.0.1', async () => {
				const redis = await services.startRedis({ port: await freePort(6390, 6394, taken), dir: path.join(tmp, 'redis') });
				stops.push(() => redis.stop());
				const db = await services.startPostgres({ port: await freePort(6395, 6399, taken), dir: path.join(tmp, 'pg') });
				stops.push(() => db.stop());
				log(`redis on ${redis.port}, postgres on ${db.port}`);
				return { redis, db };
			}, MINUTE * 4),
		);
		if (!infra) return results;
		const { redis, db } = infra;

		// ---- the package, installed into three user folders --------------------------------
		const folders = { main: path.join(tmp, 'main'), w1: path.join(tmp, 'worker1'), w2: path.join(tmp, 'worker2') };
		const installed = await timed('package', () =>
			results.check('setup: the packed tarball installs into main and both workers as n8n does', async () => {
				const tarball = await buildAndPack(path.join(tmp, 'pack'));
				for (const folder of Object.values(folders)) await installTarball(tarball, folder);
				return true;
			}, MINUTE * 10),
		);
		if (!installed) return results;

		// ---- emulator ----------------------------------------------------------------------
		// Enough credit for every send here (the default 1.5 M Rials is ~5,000 SMS).
		const emulator = createEmulator({ credit: 1e12 });
		const emulatorUrl = await emulator.start(await freePort(8790, 8799, taken));
		stops.push(() => emulator.stop());
		log(`emulator at ${emulatorUrl}`);

		// ---- n8n: same key, same Redis, same database for all three processes ---------------
		const encryptionKey = crypto.randomBytes(24).toString('hex');
		const mainPort = await freePort(5690, 5699, taken);
		const shared = {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			...db.dbEnv,
			GENERIC_TIMEZONE: 'UTC',
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		};
		const envFor = async (userFolder, { port, extra = {} } = {}) =>
			makeN8nEnv({
				userFolder,
				encryptionKey,
				port,
				brokerPort: await freePort(5690, 5699, taken),
				logLevel: 'info',
				extra: { ...shared, ...extra },
			});
		const mainEnv = await envFor(folders.main, { port: mainPort, extra: { WEBHOOK_URL: `http://127.0.0.1:${mainPort}/` } });

		const credential = ippanelCredential({ id: 'ippanelQueueCred1', name: 'IPPanel (emulator, queue)', baseUrl: emulatorUrl, apiKey: API_KEY });
		const wf = {
			small: flows.smallSend(credential),
			batch: flows.batchSend(credential),
			export: flows.reportExport(credential),
			trigger: flows.inboundTrigger(credential),
		};
		const imported = await timed('import', () =>
			results.check('n8n: import the credential and 4 workflows, publish them (active on start)', async () => {
				await importCredentials(mainEnv, [credential], tmp);
				await importWorkflows(mainEnv, Object.values(wf), tmp);
				for (const w of Object.values(wf)) await n8nCli(['publish:workflow', `--id=${w.id}`], mainEnv);
				const active = (await db.psql(`select count(*) from workflow_entity where "activeVersionId" is not null or active`)).trim();
				assert.strictEqual(active, '4', 'published workflows');
				return true;
			}, MINUTE * 6),
		);
		if (!imported) return results;

		// ---- processes -----------------------------------------------------------------------
		const workers = await timed('workers', () =>
			results.check('n8n: two `n8n worker` processes start', async () => {
				const list = [];
				for (const [name, folder] of [['w1', folders.w1], ['w2', folders.w2]]) {
					const workerEnv = await envFor(folder);
					const worker = await startWorker(workerEnv, {
						name,
						logFile: path.join(tmp, `${name}.log`),
						healthPort: await freePort(5690, 5699, taken),
					});
					stops.push(() => worker.stop());
					list.push(worker);
				}
				return list;
			}, MINUTE * 5),
		);
		if (!workers) return results;

		const requestsBeforeMain = emulator.requests.length;
		const server = await timed('main', () =>
			results.check('n8n: the main instance starts in queue mode', async () => {
				const s = await startN8n(mainEnv, { logFile: path.join(tmp, 'main.log'), timeoutMs: 3 * MINUTE });
				stops.push(() => s.stop());
				return s;
			}, MINUTE * 4),
		);
		if (!server) return results;
		const base = server.url;

		// ---- trigger, part 1: its first poll (at activation) only records the cursor ----------
		const inboxPolls = (since = 0) => emulator.requests.slice(since).filter((r) => r.path === '/api/report/messages-inbox').length;
		const waves = [];
		const triggerReady = await results.check('trigger: the main polls the inbox once at activation', async () => {
			const deadline = Date.now() + MINUTE;
			while (inboxPolls(requestsBeforeMain) === 0 && Date.now() < deadline) await sleep(250);
			assert.ok(inboxPolls(requestsBeforeMain) > 0, 'no inbox request from the trigger');
			waves.push(emulator.generateInbound(INBOUND_PER_WAVE));
			return true;
		}, MINUTE * 2);

		// ---- 1. throughput: 50 small executions ------------------------------------------------
		await timed('small', () =>
			results.check(`queue: ${SMALL_RUNS} webhook executions, one send each, each recipient exactly once`, async () => {
				const since = emulator.requests.length;
				const phones = numbers('+98912', SMALL_RUNS);
				const started = Date.now();
				await Promise.all(phones.map((phone) => post(`${base}/webhook/ippanel-queue-small`, { phone })));
				const rows = await waitForExecutions(db, wf.small.id, SMALL_RUNS, { timeoutMs: 3 * MINUTE, intervalMs: 100 });
				const wall = Date.now() - started;
				assert.deepStrictEqual(rows.map((r) => r.status), phones.map(() => 'success'), 'execution statuses');
				const first = Math.min(...rows.map((r) => r.startedAt));
				const last = Math.max(...rows.map((r) => r.stoppedAt));
				figures.smallExecutionsPerSecond = +(SMALL_RUNS / (wall / 1000)).toFixed(1);
				figures.smallExecutionsPerSecondWorkerSide = +(SMALL_RUNS / ((last - first) / 1000)).toFixed(1);
				figures.smallWallSeconds = +(wall / 1000).toFixed(2);
				assertExactlyOnce(sentRecipients(emulator, since), phones, 'small sends');
			}, MINUTE * 4),
		);

		// ---- 2. batched send of 10,000 recipients ---------------------------------------------
		await timed('batch', () =>
			results.check(`queue: batched send of ${BATCH_RECIPIENTS.toLocaleString('en')} recipients, each sent exactly once`, async () => {
				const since = emulator.requests.length;
				const prefix = '+98935';
				const started = Date.now();
				await post(`${base}/webhook/ippanel-queue-batch`, { count: BATCH_RECIPIENTS, prefix });
				const [row] = await waitForExecutions(db, wf.batch.id, 1, { timeoutMs: 5 * MINUTE });
				figures.batchSendSeconds = +((Date.now() - started) / 1000).toFixed(1);
				assert.strictEqual(row.status, 'success', `execution ${row.id} status`);
				const sends = emulator.requests.slice(since).filter((r) => r.path === '/api/send');
				figures.batchSendRequests = sends.length;
				assertExactlyOnce(sentRecipients(emulator, since), numbers(prefix, BATCH_RECIPIENTS), 'batched send');
				const out = await nodeOutput(db, row.id, 'Send Batched');
				assert.ok(out.length > 0, 'the send node output nothing');
			}, MINUTE * 7),
		);

		// ---- 3. report export of 100,000 recipients -------------------------------------------
		await timed('export', () =>
			results.check(`queue: report export of ${EXPORT_RECIPIENTS.toLocaleString('en')} recipients, every row output once`, async () => {
				const bulkId = emulator.seedBulk({ recipients: EXPORT_RECIPIENTS });
				const started = Date.now();
				await post(`${base}/webhook/ippanel-queue-export`, { bulkId });
				const [row] = await waitForExecutions(db, wf.export.id, 1, { timeoutMs: 8 * MINUTE });
				figures.exportWallSeconds = +((Date.now() - started) / 1000).toFixed(1);
				figures.exportExecutionSeconds = +((row.stoppedAt - row.startedAt) / 1000).toFixed(1);
				assert.strictEqual(row.status, 'success', `execution ${row.id} status`);
				const readStarted = Date.now();
				const rows = await nodeOutput(db, row.id, 'Export Recipients');
				figures.exportReadBackSeconds = +((Date.now() - readStarted) / 1000).toFixed(1);
				const distinct = new Set(rows.map((r) => r.recipient));
				assert.deepStrictEqual(
					{ rows: rows.length, distinct: distinct.size },
					{ rows: EXPORT_RECIPIENTS, distinct: EXPORT_RECIPIENTS },
					'exported rows',
				);
			}, MINUTE * 10),
		);

		// ---- 4. trigger, part 2: each inbound message emitted exactly once ---------------------
		if (triggerReady) {
			await timed('trigger', () =>
				results.check('trigger: polled on the main, run on workers, each inbound message emitted exactly once through one more poll', async () => {
					const firstWave = waves[0].map((m) => m.messages_inbox_id);
					// Every execution of the trigger workflow, whatever its status: their emitted ids.
					const emitted = async () => {
						const rows = await executionsOf(db, wf.trigger.id);
						const ids = [];
						for (const r of rows.filter((row) => !RUNNING.includes(row.status))) {
							const out = await nodeOutput(db, r.id, 'IPPanel Trigger').catch(() => []);
							ids.push(...out.map((m) => m.messages_inbox_id));
						}
						return { rows, ids };
					};
					const waitFor = async (wanted, timeoutMs) => {
						const deadline = Date.now() + timeoutMs;
						let state = await emitted();
						while (!wanted.every((id) => state.ids.includes(id)) && Date.now() < deadline) {
							await sleep(2000);
							state = await emitted();
						}
						return state;
					};
					// Wave 1 (added after the activation poll) comes with a minute's poll.
					await waitFor(firstWave, 2.5 * MINUTE);
					const beforeWave2 = emulator.requests.length;
					waves.push(emulator.generateInbound(INBOUND_PER_WAVE));
					const all = waves.flat().map((m) => m.messages_inbox_id);
					await waitFor(all, 2.5 * MINUTE);
					// Watch through one more scheduled poll: the first poll after wave 2 arrived emits it, the
					// next one must emit nothing (a cursor not saved, a late duplicate would show there).
					const deadline = Date.now() + 1.5 * MINUTE;
					while (inboxPolls(beforeWave2) < 2 && Date.now() < deadline) await sleep(1000);
					assert.ok(inboxPolls(beforeWave2) >= 2, `no scheduled poll after the one that emitted wave 2 (${inboxPolls(beforeWave2)} poll(s))`);
					await sleep(5000); // its execution, if it started one, is queued by now
					const settled = Date.now() + MINUTE;
					let final = await emitted();
					while (final.rows.some((r) => RUNNING.includes(r.status)) && Date.now() < settled) {
						await sleep(2000);
						final = await emitted();
					}
					figures.triggerExecutions = final.rows.length;
					const counts = new Map();
					for (const id of final.ids) counts.set(id, (counts.get(id) || 0) + 1);
					assert.deepStrictEqual(
						{
							notSucceeded: final.rows.filter((r) => r.status !== 'success' || r.mode !== 'trigger').map((r) => `${r.id}:${r.mode}:${r.status}`),
							twice: [...counts].filter(([, c]) => c > 1).map(([id]) => id),
							missing: all.filter((id) => !counts.has(id)),
							extra: [...counts.keys()].filter((id) => !all.includes(id)),
						},
						{ notSucceeded: [], twice: [], missing: [], extra: [] },
						'every execution of the trigger workflow succeeded, and each inbound message was emitted exactly once across all of them',
					);
					assert.ok(final.rows.length >= 2, `expected at least two trigger executions, got ${final.rows.length}`);
				}, MINUTE * 9),
			);
		}

		// ---- where did everything run? ---------------------------------------------------------
		await results.check('queue: every execution ran on a worker, and both workers ran some', async () => {
			const all = [];
			for (const w of Object.values(wf)) all.push(...(await executionsOf(db, w.id)));
			const byWorker = workers.map((w) => new Set(w.executionIds()));
			figures.executionsPerWorker = Object.fromEntries(workers.map((w, i) => [w.name, byWorker[i].size]));
			const nowhere = all.filter((e) => !byWorker.some((s) => s.has(e.id))).map((e) => e.id);
			const twice = all.filter((e) => byWorker.every((s) => s.has(e.id))).map((e) => e.id);
			assert.deepStrictEqual({ nowhere, twice }, { nowhere: [], twice: [] }, 'executions per worker log');
			for (const [i, w] of workers.entries()) assert.ok(byWorker[i].size > 0, `worker ${w.name} ran nothing`);
		});

		return results;
	} finally {
		for (const stop of stops.reverse()) await stop().catch((err) => log(`stop: ${err.message}`));
		log(timingSummary());
		log(`figures: ${JSON.stringify(figures)}`);
		const outDir = path.join(paths.root, '.ci', 'out');
		if (fs.existsSync(path.dirname(outDir))) {
			fs.mkdirSync(outDir, { recursive: true });
			fs.writeFileSync(path.join(outDir, 'queue-figures.json'), JSON.stringify({ figures, timings, at: new Date().toISOString() }, null, 2) + '\n');
		}
		if (results.failed || args.has('--keep')) log(`kept ${tmp} (main.log, w1.log, w2.log, redis/, pg/)`);
		else fs.rmSync(tmp, { recursive: true, force: true });
		clearTimeout(budget);
	}
}

runSuite('queue', main);
