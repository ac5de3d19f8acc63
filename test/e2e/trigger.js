'use strict';
/**
 * The IPPanel Trigger polling in a running n8n (`n8n start`), through the REST calls the
 * editor makes. Two steps, so the browser checks can run while n8n waits for its next poll:
 *
 *  activateTrigger   activate examples/inbound-auto-reply.json; n8n starts the trigger within
 *                    ~15 s (its publication outbox) with a first poll, which must only note the
 *                    newest inbox id (one `messages-inbox` request for one row) and start no
 *                    execution.
 *  checkNextPoll     a message arrives in the emulator; the next scheduled poll (everyMinute:
 *                    at most ~60 s) must start exactly one execution whose trigger output is
 *                    that message, and the workflow must reply to its sender exactly once. The
 *                    check watches through one more scheduled poll (seen in the emulator's
 *                    request log), which must emit nothing; every execution of the workflow must
 *                    have succeeded, and the message's id is counted across all of them.
 */
const { sleep } = require('../../dev/n8n/clock');
const { requireFromN8n } = require('../../dev/n8n/runtime');
const { activateWorkflow, deactivateWorkflow, getExecution, listExecutions, restLogin, waitForExecutions } = require('../../dev/n8n/rest');
const { assert, apiCalls, waitForRequest } = require('./harness');
const { autoReplySend, inboundItem } = require('./expected');

const FILE = 'inbound-auto-reply.json';
const TRIGGER = 'IPPanel Trigger';
const INBOX = '/api/report/messages-inbox';
const FIRST_POLL_MS = 45000;
const NEXT_POLL_MS = 75000;
/** After a poll: time for an execution it started to be listed. */
const SETTLE_MS = 3000;
const ARRIVING = { from: '+989351112233', to: '+983000505', message: 'When does the shop open?' };

/** A scheduled poll's inbox read, continuing after message `fromId`. */
const pollAfter = (fromId) => ({ method: 'POST', path: INBOX, body: { page: 1, per_page: 100, filters: { from_id: fromId } } });

/** n8n keeps run data "flatted" (JSON with back references); its own copy of flatted reads it. */
function runData(execution) {
	const { parse } = requireFromN8n('flatted');
	const data = typeof execution.data === 'string' ? parse(execution.data) : execution.data;
	return data.resultData.runData;
}

/** Returns the state checkNextPoll needs, or undefined when activation failed. */
async function activateTrigger({ results, n8nUrl, login, emulator, examples }) {
	const example = examples.find((e) => e.file === FILE);
	return results.check(`trigger: activating ${FILE} runs a first poll that emits nothing`, async () => {
		assert.ok(example, `examples/${FILE} is missing`);
		const workflowId = example.workflow.id;
		const session = await restLogin(n8nUrl, login);
		emulator.reset();
		const newestId = emulator.state.inbox[emulator.state.inbox.length - 1].messages_inbox_id;
		const activated = await activateWorkflow(session, workflowId);
		assert.strictEqual(activated.active, true, 'the workflow is active');
		await waitForRequest(emulator, (r) => r.path === INBOX, FIRST_POLL_MS);
		await sleep(1500); // an emitted poll would start its execution (and the reply) right away
		const [first, ...later] = apiCalls(emulator.requests);
		assert.deepStrictEqual(first, { method: 'POST', path: INBOX, body: { page: 1, per_page: 1, filters: {} } });
		// Activated just before a minute boundary, the scheduled poll follows at once (it failed CI
		// once): it must read on from the cursor the first poll stored.
		for (const call of later) assert.deepStrictEqual(call, pollAfter(newestId));
		assert.deepStrictEqual(await listExecutions(session, workflowId), [], 'executions after the first poll');
		assert.ok(!emulator.requests.some((r) => r.path === '/api/send'), 'no reply was sent');
		return { session, workflowId, newestId };
	}, FIRST_POLL_MS + 30000);
}

/** The inbox ids the trigger emitted in one execution ([] when it did not run). */
async function emittedIds(session, execution) {
	const runs = runData(await getExecution(session, execution.id))[TRIGGER] || [];
	return runs.flatMap((run) => ((run.data && run.data.main && run.data.main[0]) || []).map((item) => item.json.messages_inbox_id));
}

async function checkNextPoll({ results, emulator, started }) {
	if (!started) return;
	const { session, workflowId, newestId } = started;
	const name = 'trigger: the next poll emits the new inbound message once, the workflow replies once, the poll after emits nothing';
	await results.check(name, async () => {
		emulator.clearRequests();
		const row = emulator.addInbound(ARRIVING);
		const isSend = (r) => r.method === 'POST' && r.path === '/api/send';
		await waitForRequest(emulator, isSend, NEXT_POLL_MS);
		// Watch through one more scheduled poll after the one that emitted: a trigger that re-emits
		// (a cursor not saved, a late duplicate) would do it there.
		const polls = () => emulator.requests.filter((r) => r.path === INBOX).length;
		await waitForRequest(emulator, () => polls() >= 2, NEXT_POLL_MS);
		await sleep(SETTLE_MS);
		// Every execution of the workflow, of any mode (the editor's "Fetch Test Event" in the browser
		// checks adds a manual one), none still running.
		const executions = await waitForExecutions(session, workflowId, { count: 1, timeoutMs: 30000 });
		const ids = [];
		for (const execution of executions) ids.push(...(await emittedIds(session, execution)));
		assert.deepStrictEqual(
			{
				notSucceeded: executions.filter((e) => e.status !== 'success').map((e) => ({ id: e.id, mode: e.mode, status: e.status })),
				triggerExecutions: executions.filter((e) => e.mode === 'trigger').length,
				timesEmitted: ids.filter((id) => id === row.messages_inbox_id).length,
				emittedTwice: ids.filter((id, i) => ids.indexOf(id) !== i),
				replies: emulator.requests.filter(isSend).length,
			},
			{ notSucceeded: [], triggerExecutions: 1, timesEmitted: 1, emittedTwice: [], replies: 1 },
			'executions of the workflow through one more poll',
		);
		const calls = apiCalls(emulator.requests);
		const replied = calls.findIndex((call) => call.path === '/api/send') + 1;
		assert.deepStrictEqual(calls.slice(0, replied), [
			pollAfter(newestId),
			autoReplySend({ from: row.from, number: row.number, message: row.message }),
		]);
		// Every later poll reads on after the new message.
		for (const call of calls.slice(replied)) assert.deepStrictEqual(call, pollAfter(row.messages_inbox_id));
		const [execution] = executions.filter((e) => e.mode === 'trigger');
		const emitted = runData(await getExecution(session, execution.id))[TRIGGER][0].data.main[0].map((item) => item.json);
		assert.deepStrictEqual(emitted, [inboundItem({ ...row, time: Number(row.time) })], 'the trigger output');
		await deactivateWorkflow(session, workflowId);
	}, 2 * NEXT_POLL_MS + SETTLE_MS + 45000);
}

module.exports = { activateTrigger, checkNextPoll };
