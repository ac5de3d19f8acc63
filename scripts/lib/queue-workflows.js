'use strict';
/**
 * The workflows scripts/queue.js imports into the queue-mode n8n. Each production
 * execution of them (a webhook call, a poll that found events) is queued in Redis by the
 * main instance and run by a worker; `n8n execute` would run in-process and prove nothing.
 */
const crypto = require('crypto');
const { PACKAGE_NAME } = require('../../dev/n8n/paths');
const { CREDENTIAL_TYPE } = require('../../dev/n8n/examples');

const SENDER = '+983000505';
const NODE = `${PACKAGE_NAME}.ippanel`;
const TRIGGER = `${PACKAGE_NAME}.ippanelTrigger`;

/** Stable ids, so a rerun in the same user folder would update in place. */
const idFor = (name) => crypto.createHash('sha256').update(`queue:${name}`).digest('hex').slice(0, 16);
const uuidFor = (name) => {
	const h = crypto.createHash('sha256').update(`uuid:${name}`).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

function webhook(name, webhookPath) {
	return {
		parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'onReceived', options: {} },
		id: uuidFor(`${webhookPath}:webhook`),
		name,
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: uuidFor(`${webhookPath}:webhookId`),
	};
}

function ippanel(name, parameters, credential, x) {
	return {
		parameters,
		id: uuidFor(`${name}:node`),
		name,
		type: NODE,
		typeVersion: 1,
		position: [x, 0],
		credentials: { [CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } },
	};
}

function chain(nodes) {
	const connections = {};
	for (let i = 0; i + 1 < nodes.length; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return connections;
}

function workflow(key, name, nodes) {
	return { id: idFor(key), name, nodes, connections: chain(nodes), settings: { executionOrder: 'v1' }, pinData: {}, active: false };
}

const sendParameters = (recipients, message, additionalFields = {}) => ({
	resource: 'send',
	operation: 'webservice',
	fromNumber: SENDER,
	recipients,
	message,
	additionalFields,
});

/** body { count, prefix }: a Code node makes `count` items, one number each; one batched send. */
function batchSend(credential) {
	const code = {
		parameters: {
			jsCode: [
				'const { count, prefix } = $input.first().json.body;',
				"return Array.from({ length: count }, (_, i) => ({ json: { phone: prefix + String(i).padStart(7, '0') } }));",
			].join('\n'),
		},
		id: uuidFor('batch:code'),
		name: 'Make Recipients',
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position: [240, 0],
	};
	return workflow('batch-send', 'Queue: batched send', [
		webhook('Webhook', 'ippanel-queue-batch'),
		code,
		ippanel('Send Batched', sendParameters('={{ $json.phone }}', 'Queue-mode batched send', { batchItems: true }), credential, 480),
	]);
}

/** body { bulkId }: every recipient row of that outbox message. */
function reportExport(credential) {
	return workflow('report-export', 'Queue: report export', [
		webhook('Webhook', 'ippanel-queue-export'),
		ippanel('Export Recipients', { resource: 'report', operation: 'recipients', bulkId: '={{ $json.body.bulkId }}', returnAll: true }, credential, 240),
	]);
}

/** body { phone }: one small send per call (the throughput figure). */
function smallSend(credential) {
	return workflow('small-send', 'Queue: one send per call', [
		webhook('Webhook', 'ippanel-queue-small'),
		ippanel('Send One', sendParameters('={{ $json.body.phone }}', 'Queue-mode small send'), credential, 240),
	]);
}

/** The trigger, active on the main instance: inbound messages, polled every minute. */
function inboundTrigger(credential) {
	const trigger = {
		parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, event: 'inboundMessage', options: {} },
		id: uuidFor('trigger:node'),
		name: 'IPPanel Trigger',
		type: TRIGGER,
		typeVersion: 1,
		position: [0, 0],
		credentials: { [CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } },
	};
	const noop = { parameters: {}, id: uuidFor('trigger:noop'), name: 'Received', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [240, 0] };
	return workflow('inbound-trigger', 'Queue: inbound trigger', [trigger, noop]);
}

module.exports = { SENDER, batchSend, reportExport, smallSend, inboundTrigger };
