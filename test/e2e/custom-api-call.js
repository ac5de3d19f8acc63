'use strict';
/**
 * Custom API Call in a real n8n: the HTTP Request node with Authentication "Predefined
 * Credential Type" → ippanelApi calls an IPPanel endpoint the IPPanel node has no operation
 * for (the phonebook list). The credential supplies the Authorization header, in both modes:
 *
 *   API key    one request, the raw key in Authorization
 *   login      first run: n8n logs in (preAuthentication) and sends the session token;
 *              second run, after the emulator expired every token: the stored token is refused
 *              (401), n8n logs in again by itself and repeats the request once with the new one
 *
 * Self-contained: imports its own credential (login mode) and workflows into the n8n that
 * scripts/e2e.js prepared, runs them with `n8n execute`, checks the emulator's request log.
 */
const { executeWorkflow, importCredentials, importWorkflows } = require('../../dev/n8n/cli');
const { PACKAGE_NAME } = require('../../dev/n8n/paths');
const { restLogin } = require('../../dev/n8n/rest');
const { assert } = require('./harness');

const LOGIN_CREDENTIAL = { id: 'ippanelE2eLogin01', name: 'IPPanel (local emulator, login)' };
const USER = { username: 'demo', password: 'demo-password' };
const PATH = '/api/phonebooks/list-new';

function customApiCallWorkflow(id, name, baseUrl, credential) {
	return {
		id,
		name,
		nodes: [
			{ id: `${id}-start`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: `${id}-http`,
				name: 'Phonebooks',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [220, 0],
				parameters: {
					url: `${baseUrl}${PATH}`,
					authentication: 'predefinedCredentialType',
					nodeCredentialType: 'ippanelApi',
					options: {},
				},
				credentials: { ippanelApi: { id: credential.id, name: credential.name } },
			},
		],
		connections: { Start: { main: [[{ node: 'Phonebooks', type: 'main', index: 0 }]] } },
		settings: {},
		active: false,
		pinData: {},
	};
}

/** The phonebook list came back as IPPanel sent it, and the execution succeeded. */
function checkAnswer(res, emulator) {
	assert.ok(res.run, `n8n execute (exit ${res.code}) printed no run JSON:\n${(res.stderr || res.stdout || '').slice(-3000)}`);
	const runData = res.run.data.resultData.runData.Phonebooks;
	assert.ok(runData, 'the HTTP Request node did not run');
	const last = runData[runData.length - 1];
	assert.ok(!last.error, `the HTTP Request node failed: ${last.error && last.error.message}`);
	const items = last.data.main[0].map((item) => item.json);
	assert.strictEqual(items.length, 1, 'one answer item');
	assert.strictEqual(items[0].meta && items[0].meta.status, true, 'IPPanel envelope meta.status');
	assert.strictEqual(items[0].data.length, emulator.state.phonebooks.length, 'every phonebook listed');
	assert.strictEqual(res.run.status, 'success', 'execution status');
}

const calls = (emulator) => emulator.requests.map((r) => `${r.method} ${r.path}`);
const liveSessionTokens = (emulator) =>
	[...emulator.state.tokens.entries()].filter(([, t]) => t.method === 'login' && !t.revoked).map(([token]) => token);

/**
 * Adds the checks to `results`. apiKeyCredential: the API-key credential e2e.js imported;
 * baseUrl: the emulator's base URL the credentials point at.
 */
async function checkCustomApiCall({ results, n8nEnv, emulator, baseUrl, apiKey, apiKeyCredential, tmp }) {
	const apiKeyFlow = customApiCallWorkflow('ippanelCustomApiKey', 'Custom API Call (API key)', baseUrl, apiKeyCredential);
	const loginFlow = customApiCallWorkflow('ippanelCustomLogin', 'Custom API Call (login)', baseUrl, LOGIN_CREDENTIAL);
	const imported = await results.check('custom API call: import a login credential and two HTTP Request workflows', async () => {
		const credential = {
			...LOGIN_CREDENTIAL,
			type: 'ippanelApi',
			data: { baseUrl, authentication: 'login', ...USER, totpSecret: '', sessionToken: '' },
		};
		await importCredentials(n8nEnv, [credential], tmp);
		await importWorkflows(n8nEnv, [apiKeyFlow, loginFlow], tmp);
		return true;
	});
	if (!imported) return;

	await results.check('custom API call: HTTP Request node + ippanelApi (API key) sends the raw key', async () => {
		emulator.reset();
		const res = await executeWorkflow(n8nEnv, apiKeyFlow.id);
		assert.deepStrictEqual(calls(emulator), [`GET ${PATH}`], 'requests the emulator received');
		assert.strictEqual(emulator.requests[0].headers.authorization, apiKey, 'Authorization is the raw API key');
		checkAnswer(res, emulator);
	}, 3 * 60 * 1000);

	let firstToken;
	await results.check('custom API call: HTTP Request node + ippanelApi (login) logs in and sends the session token', async () => {
		emulator.reset();
		const res = await executeWorkflow(n8nEnv, loginFlow.id);
		assert.deepStrictEqual(calls(emulator), ['POST /api/acl/auth/login', `GET ${PATH}`], 'requests the emulator received');
		assert.deepStrictEqual(emulator.requests[0].body, USER, 'login body');
		const tokens = liveSessionTokens(emulator);
		assert.strictEqual(tokens.length, 1, 'one session issued');
		[firstToken] = tokens;
		assert.strictEqual(emulator.requests[1].headers.authorization, firstToken, 'Authorization is the session token');
		checkAnswer(res, emulator);
	}, 3 * 60 * 1000);
	if (!firstToken) return;

	await results.check('custom API call: an expired session is renewed once and the request repeated', async () => {
		emulator.expireTokens();
		emulator.clearRequests();
		const res = await executeWorkflow(n8nEnv, loginFlow.id);
		assert.deepStrictEqual(
			calls(emulator),
			[`GET ${PATH}`, 'POST /api/acl/auth/login', `GET ${PATH}`],
			'stored token refused, one login, one repeat',
		);
		assert.strictEqual(emulator.requests[0].headers.authorization, firstToken, 'the stored session token was used first');
		const [renewed] = liveSessionTokens(emulator);
		assert.ok(renewed && renewed !== firstToken, 'a new session was issued');
		assert.strictEqual(emulator.requests[2].headers.authorization, renewed, 'the repeat carries the new token');
		checkAnswer(res, emulator);
	}, 3 * 60 * 1000);
}

module.exports = { checkCustomApiCall };

/**
 * What the editor reads to offer the credential in the HTTP Request node: the credential type
 * as the running n8n serves it to the browser, with `authenticate` in its declarative form
 * (a method would reach the browser as `{}`) and the httpRequestNode entry.
 */
async function checkCredentialServed({ results, n8nUrl, login }) {
	await results.check('custom API call: n8n serves ippanelApi with its declarative authenticate', async () => {
		const session = await restLogin(n8nUrl, login);
		const res = await fetch(`${n8nUrl}/types/credentials.json`, { headers: session.headers, signal: AbortSignal.timeout(30000) });
		assert.strictEqual(res.status, 200, 'GET /types/credentials.json');
		const type = (await res.json()).find((t) => t.name === 'ippanelApi');
		assert.ok(type, 'ippanelApi is not among the credential types n8n serves');
		assert.strictEqual(type.authenticate && type.authenticate.type, 'generic', 'authenticate.type');
		assert.match(type.authenticate.properties.headers.Authorization, /\$credentials\.sessionToken/);
		assert.strictEqual(type.httpRequestNode && type.httpRequestNode.name, 'IPPanel', 'httpRequestNode.name');
	});
	await results.check('custom API call: n8n offers "Custom API Call" in every Operation dropdown of the IPPanel node', async () => {
		const session = await restLogin(n8nUrl, login);
		const res = await fetch(`${n8nUrl}/types/nodes.json`, { headers: session.headers, signal: AbortSignal.timeout(30000) });
		assert.strictEqual(res.status, 200, 'GET /types/nodes.json');
		const node = (await res.json()).find((d) => d.name === `${PACKAGE_NAME}.ippanel`);
		assert.ok(node, 'the IPPanel node is not among the node types n8n serves');
		const operations = node.properties.filter((p) => p.name === 'operation');
		assert.ok(operations.length >= 5, `${operations.length} operation properties`);
		const without = operations
			.filter((p) => !p.options.some((o) => o.value === '__CUSTOM_API_CALL__' && o.name === 'Custom API Call'))
			.map((p) => p.displayOptions.show.resource.join());
		assert.deepStrictEqual(without, [], 'resources whose Operation dropdown has no Custom API Call');
	});
}

module.exports.checkCredentialServed = checkCredentialServed;
