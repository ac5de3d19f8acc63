'use strict';
/**
 * Parts 1 and 2 of `npm run bench`: this package's IPPanel node against n8n's HTTP Request
 * node, both in a real n8n 2.41.1 (`n8n execute` of imported workflows, see
 * dev/n8n/), sending to the emulator.
 *
 * Figures per execution: the sender node's `executionTime` from the run data (what the node
 * costs), the workflow's startedAt → stoppedAt, the `n8n execute` process wall time (mostly
 * n8n booting), and the requests the emulator logged.
 */
const path = require('path');
const crypto = require('crypto');
const { ensureRuntime } = require('../../dev/n8n/runtime');
const { buildAndPack, installTarball } = require('../../dev/n8n/package');
const { executeWorkflow, importCredentials, importWorkflows, makeN8nEnv } = require('../../dev/n8n/cli');
const { ippanelCredential } = require('../../dev/n8n/examples');
const workflows = require('./bench-workflows');
const { hrMs, median, mean, percentile } = require('./bench-stats');

const MINUTE = 60 * 1000;
const WORKFLOW_IDS = {
	bulkIppanel: 'benchBulkIppanel',
	bulkHttp: 'benchBulkHttpReq',
	perItem: 'benchPerItemPair',
	singleIppanel: 'benchOneIppanel1',
	singleHttp: 'benchOneHttpReq1',
};

/**
 * Node 24 + n8n from the cache, this package packed and installed into a fresh user folder
 * under `tmp` (or the given `tarball`, e.g. an older release), the credentials (pointing at the
 * emulator) and the bench workflows imported.
 * Returns { n8nEnv, setupMs }.
 */
async function setupN8n({ tmp, emulator, port, brokerPort, build, tarball: given, counts }) {
	const started = process.hrtime.bigint();
	await ensureRuntime();
	const packDir = path.join(tmp, 'pack');
	const tarball = given || (await buildAndPack(packDir, { build }));
	const userFolder = path.join(tmp, 'user');
	await installTarball(tarball, userFolder);
	const n8nEnv = makeN8nEnv({
		userFolder,
		encryptionKey: crypto.randomBytes(24).toString('hex'),
		port,
		brokerPort,
		// `n8n execute --rawOutput` prints the run JSON at info level only.
		logLevel: 'info',
		extra: { GENERIC_TIMEZONE: 'UTC' },
	});
	const credential = ippanelCredential({
		id: 'benchIppanelCred',
		name: 'IPPanel (bench emulator)',
		baseUrl: emulator.baseUrl,
		apiKey: emulator.apiKey,
	});
	const headerAuth = workflows.headerAuthCredential(emulator.apiKey);
	const target = { credential, headerAuth, baseUrl: emulator.baseUrl, apiKey: emulator.apiKey };
	await importCredentials(n8nEnv, [credential, headerAuth], tmp);
	await importWorkflows(
		n8nEnv,
		[
			workflows.bulkWorkflow(WORKFLOW_IDS.bulkIppanel, 'ippanel', counts.bulkItems, target),
			workflows.bulkWorkflow(WORKFLOW_IDS.bulkHttp, 'http', counts.bulkItems, target),
			workflows.perItemWorkflow(WORKFLOW_IDS.perItem, counts.rounds, target),
			workflows.singleWorkflow(WORKFLOW_IDS.singleIppanel, 'ippanel', target),
			workflows.singleWorkflow(WORKFLOW_IDS.singleHttp, 'http', target),
		],
		tmp,
	);
	return { n8nEnv, setupMs: hrMs(started) };
}

/** The error a failed run reports, in one line. */
function runError(res) {
	const resultData = res.run && res.run.data && res.run.data.resultData;
	const error = resultData && resultData.error;
	if (error) return `${resultData.lastNodeExecuted || 'workflow'}: ${error.message}${error.description ? ` (${error.description})` : ''}`;
	return `n8n execute exited ${res.code}: ${(res.stderr || res.stdout).trim().split('\n').slice(-5).join(' | ')}`;
}

/**
 * One `n8n execute` on a freshly reset emulator. Returns { wallMs, workflowMs, runData,
 * sends (POST /api/send logged), requests (all logged) }; throws when the run did not succeed.
 */
async function execute(n8nEnv, emulator, workflowId) {
	await emulator.reset();
	const started = process.hrtime.bigint();
	const res = await executeWorkflow(n8nEnv, workflowId, 3 * MINUTE);
	const wallMs = hrMs(started);
	if (!res.run || res.run.status !== 'success') throw new Error(runError(res));
	return {
		wallMs,
		workflowMs: Date.parse(res.run.stoppedAt) - Date.parse(res.run.startedAt),
		runData: res.run.data.resultData.runData,
		sends: await emulator.count('/api/send'),
		requests: await emulator.count(),
	};
}

const taskOf = (runData, nodeName) => {
	const tasks = runData[nodeName];
	if (!tasks || !tasks.length) throw new Error(`node "${nodeName}" did not run`);
	return tasks[tasks.length - 1];
};
const outputOf = (task) => (task.data && task.data.main && task.data.main[0]) || [];

/** Part 1: 1,000 items through each sender, `runs` times each, alternating. */
async function benchBulk(n8nEnv, emulator, { items, runs }) {
	const kinds = { ippanel: WORKFLOW_IDS.bulkIppanel, http: WORKFLOW_IDS.bulkHttp };
	const samples = { ippanel: [], http: [] };
	for (let run = 0; run < runs; run++) {
		for (const kind of run % 2 ? ['ippanel', 'http'] : ['http', 'ippanel']) {
			const result = await execute(n8nEnv, emulator, kinds[kind]);
			const task = taskOf(result.runData, 'Send');
			const output = outputOf(task);
			const answered = output.filter((item) => item.json && (item.json.message_outbox_id || (item.json.data && item.json.data.message_outbox_ids)));
			if (output.length !== items || answered.length !== items) {
				throw new Error(`${kind}: ${output.length} output items, ${answered.length} with an outbox id (expected ${items})`);
			}
			samples[kind].push({ ...result, nodeMs: task.executionTime });
		}
	}
	const summary = (list) => ({
		nodeMs: median(list.map((s) => s.nodeMs)),
		workflowMs: median(list.map((s) => s.workflowMs)),
		wallMs: median(list.map((s) => s.wallMs)),
		sends: Math.max(...list.map((s) => s.sends)),
		requests: Math.max(...list.map((s) => s.requests)),
		runs: list.length,
	});
	return { items, ippanel: summary(samples.ippanel), http: summary(samples.http) };
}

/**
 * Part 2: the per-item workflow (IPPanel node, HTTP Request node, HTTP Request node with a
 * Header Auth credential, alternating, one item each) `runs` times; the first round of each run
 * is the warm-up (first connection, lazy loading) and is left out. Plus the wall time of
 * one-SMS executions, `singleRuns` times each.
 */
async function benchPerItem(n8nEnv, emulator, { rounds, runs, singleRuns }) {
	const kinds = workflows.PER_ITEM_KINDS;
	const times = Object.fromEntries(kinds.map((kind) => [kind, []]));
	const warmup = Object.fromEntries(kinds.map((kind) => [kind, []]));
	for (let run = 0; run < runs; run++) {
		const { runData, sends } = await execute(n8nEnv, emulator, WORKFLOW_IDS.perItem);
		if (sends !== rounds * kinds.length) throw new Error(`per-item run: ${sends} sends logged, expected ${rounds * kinds.length}`);
		for (let round = 1; round <= rounds; round++) {
			for (const kind of kinds) (round === 1 ? warmup : times)[kind].push(taskOf(runData, `${kind} ${round}`).executionTime);
		}
	}
	const single = { ippanel: [], http: [] };
	for (let run = 0; run < singleRuns; run++) {
		for (const kind of run % 2 ? ['ippanel', 'http'] : ['http', 'ippanel']) {
			const id = kind === 'ippanel' ? WORKFLOW_IDS.singleIppanel : WORKFLOW_IDS.singleHttp;
			const result = await execute(n8nEnv, emulator, id);
			if (result.sends !== 1) throw new Error(`one-SMS ${kind} run: ${result.sends} sends logged`);
			single[kind].push(result);
		}
	}
	const stats = (list) => ({ median: median(list), mean: mean(list), p90: percentile(list, 90), n: list.length });
	const singleStats = (list) => ({
		wallMs: median(list.map((r) => r.wallMs)),
		workflowMs: median(list.map((r) => r.workflowMs)),
		nodeMs: median(list.map((r) => taskOf(r.runData, 'Send').executionTime)),
		n: list.length,
	});
	return {
		ippanel: stats(times.IPPanel),
		http: stats(times.HTTP),
		httpCred: stats(times['HTTP cred']),
		warmup: { ippanel: median(warmup.IPPanel), http: median(warmup.HTTP), httpCred: median(warmup['HTTP cred']) },
		single: { ippanel: singleStats(single.ippanel), http: singleStats(single.http) },
	};
}

module.exports = { setupN8n, benchBulk, benchPerItem };
