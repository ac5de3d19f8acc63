'use strict';
/** n8n's REST API as the editor calls it, against a running `n8n start` (cli.js). */
const crypto = require('crypto');
const { sleep, seconds } = require('./clock');

/**
 * Logs in like the editor: the session cookie is bound to a `browser-id` header, which every
 * later call must repeat. Returns a session for the calls below. n8n serves the editor before
 * it has applied the owner from N8N_INSTANCE_OWNER_* (seen on a busy machine): a refused login
 * is tried again for up to `timeoutMs`.
 */
async function restLogin(url, credentials, { timeoutMs = 60000 } = {}) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			return await loginOnce(url, credentials);
		} catch (err) {
			if (Date.now() > deadline) throw err;
			await sleep(1000);
		}
	}
}

async function loginOnce(url, { email, password }) {
	const browserId = crypto.randomUUID();
	const res = await fetch(`${url}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'browser-id': browserId },
		body: JSON.stringify({ emailOrLdapLoginId: email, password }),
		signal: AbortSignal.timeout(30000),
	});
	if (!res.ok) throw new Error(`POST /rest/login: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
	const cookie = res.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.find((c) => c.startsWith('n8n-auth='));
	if (!cookie) throw new Error('POST /rest/login set no n8n-auth cookie');
	return { url, headers: { cookie, 'browser-id': browserId } };
}

/** One call to n8n's REST API; returns the answer's `data`, throws with n8n's message on an error status. */
async function restRequest(session, method, endpoint, { body, query } = {}) {
	const qs = query ? `?${new URLSearchParams(query)}` : '';
	const res = await fetch(`${session.url}/rest${endpoint}${qs}`, {
		method,
		headers: { ...session.headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
		body: body === undefined ? undefined : JSON.stringify(body),
		signal: AbortSignal.timeout(60000),
	});
	const text = await res.text();
	if (!res.ok) throw new Error(`${method} /rest${endpoint}: HTTP ${res.status} ${text.slice(0, 500)}`);
	return text ? JSON.parse(text).data : undefined;
}

/**
 * Activates (publishes) a workflow's current version as the editor's Publish button does in
 * n8n 2.41: `POST /rest/workflows/:id/activate` with its versionId. Returns the workflow.
 * The triggers start later: by default n8n 2.41 hands the activation to its publication
 * outbox (N8N_USE_WORKFLOW_PUBLICATION_SERVICE, read every 15 s), which then starts the
 * triggers and runs a polling trigger's first poll.
 */
async function activateWorkflow(session, workflowId) {
	const workflow = await restRequest(session, 'GET', `/workflows/${workflowId}`);
	return restRequest(session, 'POST', `/workflows/${workflowId}/activate`, { body: { versionId: workflow.versionId } });
}

async function deactivateWorkflow(session, workflowId) {
	return restRequest(session, 'POST', `/workflows/${workflowId}/deactivate`, { body: {} });
}

/** The workflow's executions, newest first (at most 100): [{ id, status, mode, finished, ... }]. */
async function listExecutions(session, workflowId) {
	const data = await restRequest(session, 'GET', '/executions', {
		query: { filter: JSON.stringify({ workflowId }), limit: '100' },
	});
	return data.results;
}

/** Full execution record (with its run data) as the editor loads it. */
async function getExecution(session, executionId) {
	return restRequest(session, 'GET', `/executions/${executionId}`);
}

/**
 * Waits until the workflow has at least `count` executions (of `mode`, e.g. 'trigger', when
 * given: the editor's manual runs are listed too) and none of them is still running;
 * resolves with that list, throws after timeoutMs.
 */
async function waitForExecutions(session, workflowId, { count = 1, mode, timeoutMs = 90000, everyMs = 1000 } = {}) {
	const deadline = Date.now() + timeoutMs;
	let executions = [];
	while (Date.now() < deadline) {
		executions = (await listExecutions(session, workflowId)).filter((e) => !mode || e.mode === mode);
		const running = executions.filter((e) => ['new', 'running', 'waiting'].includes(e.status));
		if (executions.length >= count && !running.length) return executions;
		await sleep(everyMs);
	}
	throw new Error(
		`workflow ${workflowId}: ${executions.length} finished execution(s) after ${seconds(timeoutMs)}, wanted ${count}: ` +
			JSON.stringify(executions.map((e) => ({ id: e.id, status: e.status, mode: e.mode }))),
	);
}

module.exports = { restLogin, activateWorkflow, deactivateWorkflow, listExecutions, getExecution, waitForExecutions };
