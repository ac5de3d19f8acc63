'use strict';
/**
 * n8n pieces for the queue-mode test that dev/n8n/ does not have: `n8n worker`
 * processes, and reading executions back from the shared PostgreSQL database (where a
 * worker stores what it ran).
 */
const fs = require('fs');
const path = require('path');
const { paths } = require('../../dev/n8n/paths');
const { seconds, sleep } = require('../../dev/n8n/clock');
const { log, tail } = require('../../dev/n8n/log');
const { spawnGroup } = require('../../dev/n8n/processes');
const { waitForHttp } = require('../../dev/n8n/cli');

/**
 * Starts `n8n worker` (own process group, log in logFile at info level, so that
 * "Worker started execution <id>" lines tell which worker ran what) and resolves once its
 * /healthz answers. Returns { name, logFile, stop(), executionIds() }.
 */
async function startWorker(workerEnv, { name, logFile, healthPort, concurrency = 10, timeoutMs = 2 * 60 * 1000 }) {
	const { alive, stop } = spawnGroup(paths.nodeExe, [paths.n8nBin, 'worker', `--concurrency=${concurrency}`], {
		env: { ...workerEnv, QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(healthPort), N8N_LOG_LEVEL: 'info' },
		cwd: workerEnv.N8N_USER_FOLDER,
		logFile,
	});
	const started = Date.now();
	try {
		await waitForHttp(`http://127.0.0.1:${healthPort}/healthz`, { timeoutMs, alive });
	} catch (err) {
		await stop(3000);
		throw new Error(`n8n worker ${name} did not start: ${err.message}\n--- ${logFile} ---\n${tail(logFile)}`);
	}
	log(`worker ${name} ready in ${seconds(Date.now() - started)}`);

	/** Execution ids this worker logged as started. */
	function executionIds() {
		const text = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
		return [...text.matchAll(/Worker started execution (\d+)/g)].map((m) => m[1]);
	}
	return { name, logFile, stop, executionIds };
}

/** Executions of one workflow, oldest first: { id, status, mode, startedAt, stoppedAt } (ms). */
async function executionsOf(db, workflowId) {
	const out = await db.psql(
		`select id, status, mode, coalesce(extract(epoch from "startedAt") * 1000, 0)::bigint, coalesce(extract(epoch from "stoppedAt") * 1000, 0)::bigint, "storedAt"
		 from execution_entity where "workflowId" = '${workflowId}' order by id`,
	);
	return out
		.split('\n')
		.filter(Boolean)
		.map((line) => {
			const [id, status, mode, startedAt, stoppedAt, storedAt] = line.split('|');
			return { id, status, mode, startedAt: Number(startedAt), stoppedAt: Number(stoppedAt), storedAt };
		});
}

/** Waits until `count` executions of the workflow have ended; returns them all. */
async function waitForExecutions(db, workflowId, count, { timeoutMs, intervalMs = 500 }) {
	const deadline = Date.now() + timeoutMs;
	let rows = [];
	while (Date.now() < deadline) {
		rows = await executionsOf(db, workflowId);
		const ended = rows.filter((r) => !['new', 'running', 'waiting'].includes(r.status));
		if (ended.length >= count) return rows;
		await sleep(intervalMs);
	}
	const summary = rows.map((r) => `${r.id}:${r.status}`).join(', ') || 'none';
	throw new Error(`${count} execution(s) of workflow ${workflowId} not finished after ${seconds(timeoutMs)} (seen: ${summary})`);
}

/** n8n stores a run as `flatted` JSON in execution_data.data; flatted ships with n8n. */
function flatted() {
	return require(path.join(paths.n8nDir, 'node_modules', 'flatted'));
}

/** The stored run data of one execution: { resultData: { runData, error? } }. */
async function runOf(db, executionId) {
	const text = await db.psql(`select data from execution_data where "executionId" = ${Number(executionId)}`, { timeoutMs: 5 * 60 * 1000 });
	if (!text.trim()) throw new Error(`execution ${executionId}: no data stored`);
	return flatted().parse(text.trim());
}

/** The json of every output item of `nodeName` in an execution (throws when the node failed). */
async function nodeOutput(db, executionId, nodeName) {
	const run = await runOf(db, executionId);
	const runData = run.resultData && run.resultData.runData;
	const runs = runData && runData[nodeName];
	if (!runs) {
		const error = run.resultData && run.resultData.error;
		throw new Error(`execution ${executionId}: node "${nodeName}" did not run${error ? `: ${error.message}` : ''}`);
	}
	const items = [];
	for (const nodeRun of runs) {
		if (nodeRun.error) throw new Error(`execution ${executionId}: node "${nodeName}" failed: ${nodeRun.error.message}`);
		for (const item of (nodeRun.data && nodeRun.data.main && nodeRun.data.main[0]) || []) items.push(item.json);
	}
	return items;
}

module.exports = { startWorker, executionsOf, waitForExecutions, nodeOutput };
