'use strict';
/**
 * Example workflows that the e2e run executes headless (`n8n execute`) against the
 * in-process emulator. One row per examples/<file>; examples without a row are still
 * imported (so a broken example fails the import check) but not executed.
 *
 * Each row:
 *   file      examples/<file>
 *   node      the IPPanel node whose output is checked
 *   requests  (ctx) => the exact API calls the emulator must have received, in order
 *             ({ method, path, body }, path without the /v1 prefix)
 *   output    (items, ctx) => assertions on that node's output items
 *   start     optional, for examples that begin with a schedule or polling trigger
 *             (`n8n execute` only starts at a Manual Trigger): 'manual' runs a copy whose
 *             trigger is a Manual Trigger of the same name; { items: [...] } runs a copy whose
 *             trigger is replaced by a node of the same name emitting these items.
 * ctx: { run, items(nodeName), outboxIds } — outboxIds are the outbox rows the
 * emulator created during this execution. The emulator is reset (seed data) before each row.
 */
const { assert } = require('./harness');

const SENDER = '+983000505';

module.exports = [
	{
		file: 'send-webservice.json',
		node: 'Send SMS',
		requests: () => [
			{
				method: 'POST',
				path: '/api/send',
				body: {
					sending_type: 'webservice',
					from_number: SENDER,
					message: 'Hello from n8n and IPPanel!',
					params: { recipients: ['+989121234567', '+989351234567'] },
				},
			},
		],
		output: (items, ctx) => {
			assert.strictEqual(items.length, 1, 'one output item');
			assert.strictEqual(items[0].sending_type, 'webservice');
			assert.strictEqual(items[0].recipients_count, 2);
			assert.deepStrictEqual(items[0].message_outbox_ids, ctx.outboxIds);
			assert.strictEqual(items[0].message_outbox_id, ctx.outboxIds[0]);
		},
	},
	{
		file: 'send-otp-pattern.json',
		node: 'Send OTP',
		// The code is random per run: take it from the "Make a code" node's output.
		requests: (ctx) => [
			{
				method: 'POST',
				path: '/api/send',
				body: {
					sending_type: 'pattern',
					from_number: SENDER,
					code: 'otp-login',
					recipients: ['+989121234567'],
					params: { code: ctx.items('Make a code')[0].code },
				},
			},
		],
		output: (items, ctx) => {
			assert.match(String(ctx.items('Make a code')[0].code), /^\d{6}$/);
			assert.strictEqual(items.length, 1, 'one output item');
			assert.strictEqual(items[0].sending_type, 'pattern');
			assert.strictEqual(items[0].recipients_count, 1);
			assert.deepStrictEqual(items[0].message_outbox_ids, ctx.outboxIds);
		},
	},
];
