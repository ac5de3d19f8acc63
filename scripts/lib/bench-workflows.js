'use strict';
/**
 * The workflows `npm run bench` imports into n8n: Manual Trigger → items → sender, where the
 * sender is this package's IPPanel node or n8n's HTTP Request node posting the same body to
 * `/api/send` with the Authorization header (what users do without this package).
 *
 * Items are made by a Set node (raw JSON, one array) and a Split Out node: both run inside n8n's
 * process, unlike the Code node, which starts a task runner and would add seconds to the wall time.
 */
const FROM = '+983000505';
const TEXT = 'Your order has shipped. Thank you for shopping with us.';

let nextId = 0;
const nodeId = () => `bench-node-${++nextId}`;

/** A distinct Iranian mobile per index, so that the emulator's 40 s duplicate-send guard never trips. */
const phone = (series, index) => `+98${series}${String(index).padStart(7, '0')}`;

function manualTrigger() {
	return { id: nodeId(), name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} };
}

/** Set + Split Out: `count` items `{ phone }` with distinct numbers of `series`. */
function itemNodes(count, series) {
	const list = `Array.from({ length: ${count} }, (_, i) => '+98${series}' + String(i).padStart(7, '0'))`;
	return [
		{
			id: nodeId(),
			name: 'Numbers',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			parameters: { mode: 'raw', jsonOutput: `={{ { phone: ${list} } }}`, options: {} },
		},
		{
			id: nodeId(),
			name: 'Items',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			parameters: { fieldToSplitOut: 'phone', include: 'noOtherFields', options: {} },
		},
	];
}

/** The IPPanel node sending TEXT to `recipients` (a value or an expression). */
function ippanelNode(name, recipients, credential, { batchItems = false } = {}) {
	return {
		id: nodeId(),
		name,
		type: 'n8n-nodes-ippanel-edge.ippanel',
		typeVersion: 1,
		parameters: {
			resource: 'send',
			operation: 'webservice',
			fromNumber: FROM,
			recipients,
			message: TEXT,
			additionalFields: batchItems ? { batchItems: true } : {},
		},
		credentials: { ippanelApi: { id: credential.id, name: credential.name } },
	};
}

/** A Header Auth credential holding the API key, for the HTTP Request node variant that uses one. */
function headerAuthCredential(apiKey) {
	return { id: 'benchHeaderAuth1', name: 'IPPanel key (Header Auth)', type: 'httpHeaderAuth', data: { name: 'Authorization', value: apiKey } };
}

/**
 * n8n's HTTP Request node posting the webservice body the IPPanel node sends, one request per
 * item. `recipient` is a JS expression (e.g. `$json.phone`) or a fixed number. The key goes in
 * an Authorization header parameter, or with `headerAuth` in a Header Auth credential.
 */
function httpRequestNode(name, recipient, { baseUrl, apiKey }, { fixed = false, headerAuth } = {}) {
	const body = (to) => `{ sending_type: 'webservice', from_number: '${FROM}', message: '${TEXT}', params: { recipients: [${to}] } }`;
	const auth = headerAuth
		? { authentication: 'genericCredentialType', genericAuthType: 'httpHeaderAuth' }
		: { sendHeaders: true, headerParameters: { parameters: [{ name: 'Authorization', value: apiKey }] } };
	return {
		id: nodeId(),
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		...(headerAuth ? { credentials: { httpHeaderAuth: { id: headerAuth.id, name: headerAuth.name } } } : {}),
		parameters: {
			method: 'POST',
			url: `${baseUrl}/api/send`,
			...auth,
			sendBody: true,
			specifyBody: 'json',
			jsonBody: fixed
				? JSON.stringify({ sending_type: 'webservice', from_number: FROM, message: TEXT, params: { recipients: [recipient] } })
				: `={{ JSON.stringify(${body(recipient)}) }}`,
			options: {},
		},
	};
}

/** Connects the nodes in a line, in array order, and places them left to right. */
function chain(id, name, nodes) {
	const connections = {};
	nodes.forEach((node, index) => {
		node.position = [index * 200, 0];
		const next = nodes[index + 1];
		if (next) connections[node.name] = { main: [[{ node: next.name, type: 'main', index: 0 }]] };
	});
	return { id, name, active: false, nodes, connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

/** Manual Trigger → `count` items → one sender node named `Send`. */
function bulkWorkflow(id, kind, count, target) {
	const series = kind === 'ippanel' ? '912' : '913';
	const sender =
		kind === 'ippanel'
			? ippanelNode('Send', '={{ $json.phone }}', target.credential, { batchItems: true })
			: httpRequestNode('Send', '$json.phone', target);
	return chain(id, `bench: ${count} items, ${kind}`, [manualTrigger(), ...itemNodes(count, series), sender]);
}

/** The sender kinds of the per-item workflow, in the order they alternate. */
const PER_ITEM_KINDS = ['IPPanel', 'HTTP', 'HTTP cred'];

/**
 * Manual Trigger → 1 item → `rounds` × (IPPanel node → HTTP Request node → HTTP Request node
 * with a Header Auth credential), each node sending one SMS to its own fixed number: every node
 * runs once with one item, alternating so that no kind gets the warmer part of the run.
 */
function perItemWorkflow(id, rounds, target) {
	const nodes = [manualTrigger(), ...itemNodes(1, '919')];
	for (let round = 1; round <= rounds; round++) {
		nodes.push(ippanelNode(`IPPanel ${round}`, phone('914', round), target.credential));
		nodes.push(httpRequestNode(`HTTP ${round}`, phone('915', round), target, { fixed: true }));
		nodes.push(httpRequestNode(`HTTP cred ${round}`, phone('918', round), target, { fixed: true, headerAuth: target.headerAuth }));
	}
	return chain(id, `bench: 1 item, ${rounds} rounds`, nodes);
}

/** Manual Trigger → 1 item → one sender: the wall time of a one-SMS execution. */
function singleWorkflow(id, kind, target) {
	const sender =
		kind === 'ippanel'
			? ippanelNode('Send', phone('916', 1), target.credential)
			: httpRequestNode('Send', phone('917', 1), target, { fixed: true });
	return chain(id, `bench: 1 item, ${kind}`, [manualTrigger(), ...itemNodes(1, '919'), sender]);
}

module.exports = { bulkWorkflow, perItemWorkflow, singleWorkflow, headerAuthCredential, chain, PER_ITEM_KINDS, FROM, TEXT };
