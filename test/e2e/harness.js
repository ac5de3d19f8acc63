'use strict';
/**
 * A tiny check recorder for the real-n8n suites (e2e, queue, versions): every check is named,
 * timed and bounded, a failure is printed with its reason and does not stop the checks that follow.
 */
const assert = require('assert');
const { withTimeout } = require('../../dev/n8n/clock');
const { executeWorkflow, readBinaryData } = require('../../dev/n8n/cli');

class Results {
	/** `label` starts the summary line `.ci/run` reads: `<label>: N passed, N failed`. */
	constructor(label) {
		this.label = label;
		this.passed = 0;
		this.failed = 0;
		this.failures = [];
	}

	/** Runs fn as one named check with a time limit; returns its value or undefined. */
	async check(name, fn, timeoutMs = 120000) {
		const started = Date.now();
		try {
			const value = await withTimeout(fn, timeoutMs);
			this.passed++;
			console.log(`  ok    ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
			return value;
		} catch (err) {
			this.failed++;
			this.failures.push({ name, err });
			console.log(`  FAIL  ${name}\n${indent(err.message || String(err))}`);
			return undefined;
		}
	}

	summary() {
		return `${this.label}: ${this.passed} passed, ${this.failed} failed`;
	}
}

/**
 * Runs a suite's `main` (resolving its Results), prints the summary line and exits 1 on any
 * failure; a crash outside the checks counts as one failed check.
 */
function runSuite(label, main) {
	main().then(
		(results) => {
			console.log(results.summary());
			process.exit(results.failed ? 1 : 0);
		},
		(err) => {
			console.error(err.stack || err.message);
			console.log(`${label}: 0 passed, 1 failed`);
			process.exit(1);
		},
	);
}

function indent(text) {
	return text
		.split('\n')
		.slice(0, 60)
		.map((line) => `        ${line}`)
		.join('\n');
}

/** The output items of one node in an `n8n execute --rawOutput` run, or throws why not. */
function nodeItems(run, nodeName) {
	assert.ok(run, 'n8n execute printed no run JSON');
	const runData = run.data && run.data.resultData && run.data.resultData.runData;
	assert.ok(runData && runData[nodeName], `node "${nodeName}" did not run`);
	const last = runData[nodeName][runData[nodeName].length - 1];
	if (last.error) throw new Error(`node "${nodeName}" failed: ${last.error.message}\n${last.error.description || ''}`);
	return ((last.data && last.data.main && last.data.main[0]) || []).map((item) => item.json);
}

/** The binary properties of one node's output items (as `n8n execute` prints them), or throws why not. */
function nodeBinaries(run, nodeName) {
	nodeItems(run, nodeName);
	const runData = run.data.resultData.runData[nodeName];
	const last = runData[runData.length - 1];
	return ((last.data && last.data.main && last.data.main[0]) || []).map((item) => item.binary || {});
}

/**
 * API calls the emulator logged, reduced to what the checks compare; the query string only
 * when there is one (GET reports: it names the bulk and the page).
 */
function apiCalls(requests) {
	return requests.map((r) => {
		const call = { method: r.method, path: r.path, body: r.body };
		if (r.query && Object.keys(r.query).length) call.query = r.query;
		return call;
	});
}

/**
 * Runs one workflow with `n8n execute` and makes its test case's checks (test/e2e/cases.js): the
 * emulator's request log, the API key on every request, the output, the execution status.
 */
async function runCase(n8nEnv, emulator, workflow, testCase, apiKey) {
	emulator.reset();
	const before = new Set(emulator.state.outbox.map((row) => row.id));
	const res = await executeWorkflow(n8nEnv, workflow.id);
	if (!res.run) {
		throw new Error(`n8n execute (exit ${res.code}) printed no run JSON:\n${(res.stderr || res.stdout).slice(-3000)}`);
	}
	const ctx = {
		run: res.run,
		items: (name) => nodeItems(res.run, name),
		binaries: (name) => nodeBinaries(res.run, name),
		emulator,
		binaryText: (binary) => readBinaryData(n8nEnv, binary).toString('utf8'),
		outboxIds: emulator.state.outbox.filter((row) => !before.has(row.id)).map((row) => row.id),
	};
	const items = ctx.items(testCase.node);
	assert.deepStrictEqual(apiCalls(emulator.requests), testCase.requests(ctx), 'requests the emulator received');
	for (const r of emulator.requests) assert.strictEqual(r.headers.authorization, apiKey, `Authorization on ${r.path}`);
	testCase.output(items, ctx);
	assert.strictEqual(res.run.status, 'success', 'execution status');
}

/** Waits until the emulator logged a request matching `match`; returns the calls it logged (apiCalls). */
async function waitForRequest(emulator, match, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (emulator.requests.some(match)) return apiCalls(emulator.requests);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`no matching request within ${timeoutMs / 1000} s; the emulator saw ${JSON.stringify(apiCalls(emulator.requests))}`);
}

/**
 * `n8n execute` only starts at a Manual Trigger (n8n's STARTING_NODES). For an example that
 * starts with a schedule or polling trigger, a copy (own id) where that trigger is replaced:
 *   start === 'manual'   by a Manual Trigger of the same name;
 *   start = { items }    by a Code node of the same name that outputs those items (what the
 *                        trigger would have emitted), run from a Manual Trigger.
 * Keeping the name keeps the connections and any $('Trigger name') expressions working.
 */
function withManualStart(workflow, start) {
	const copy = JSON.parse(JSON.stringify(workflow));
	copy.id = `${workflow.id}e2e`;
	copy.name = `${workflow.name} (e2e start)`;
	delete copy.pinData;
	const fed = new Set(
		Object.values(copy.connections).flatMap((outputs) => (outputs.main || []).flat().map((c) => c && c.node)),
	);
	const trigger = copy.nodes.find((n) => !fed.has(n.name) && /trigger$/i.test(n.type));
	assert.ok(trigger, `${workflow.name}: no trigger node to replace`);
	const manual = { parameters: {}, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: trigger.position };
	const others = copy.nodes.filter((n) => n !== trigger);
	if (start === 'manual') {
		copy.nodes = [...others, { ...manual, id: trigger.id, name: trigger.name }];
		return copy;
	}
	const feed = {
		id: trigger.id,
		name: trigger.name,
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position: trigger.position,
		parameters: { jsCode: `return ${JSON.stringify(start.items.map((json) => ({ json })))};` },
	};
	const startName = `${trigger.name} (e2e start)`;
	copy.nodes = [...others, feed, { ...manual, id: `${trigger.id}-e2e`, name: startName }];
	copy.connections[startName] = { main: [[{ node: trigger.name, type: 'main', index: 0 }]] };
	return copy;
}

module.exports = { Results, runSuite, runCase, apiCalls, waitForRequest, assert, withManualStart };
