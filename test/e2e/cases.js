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
 *             ({ method, path, body, query? }, path without the /v1 prefix; query only when
 *             the request had one)
 *   output    (items, ctx) => assertions on that node's output items
 *   start     optional, for examples that begin with a schedule or polling trigger
 *             (`n8n execute` only starts at a Manual Trigger): 'manual' runs a copy whose
 *             trigger is a Manual Trigger of the same name; { items: [...] } runs a copy whose
 *             trigger is replaced by a node of the same name emitting these items.
 * ctx: { run, items(nodeName), binaries(nodeName), binaryText(binary), emulator, outboxIds } —
 * outboxIds are the outbox rows the emulator created during this execution; binaries are the
 * output items' `binary` objects, binaryText reads one's content. The emulator is reset (seed
 * data) before each row.
 */
const { assert } = require('./harness');
const { autoReplySend, inboundItem, yesterdayUtc, seededRowsCreatedIn, expectedRecipients } = require('./expected');

const SENDER = '+983000505';
const INBOUND = { messages_inbox_id: 1004, from: '+989121234567', number: SENDER, message: 'Is my order on its way?' };
const REPORT_NODES = { list: "Yesterday's Sends", recipients: 'Recipients and Delivery States' };

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
	{
		file: 'report-export-daily.json',
		node: 'Recipients CSV',
		start: 'manual',
		// One List request for yesterday (UTC, the run's time zone), then one Recipients
		// request per listed bulk, in the List node's order.
		requests: (ctx) => {
			const { from, to } = yesterdayUtc(ctx.run.startedAt);
			return [
				{
					method: 'POST',
					path: '/api/report/new_list',
					body: { filters: { create_from_date: String(from), create_to_date: String(to) }, page: 1, limit: 100 },
				},
				...ctx.items(REPORT_NODES.list).map((row) => ({
					method: 'GET',
					path: '/api/report/recipients',
					body: null,
					query: { bulk_id: String(row.messages_outbox_id), page: '1', per_page: '1000' },
				})),
			];
		},
		output: (items, ctx) => {
			const { from, to, date } = yesterdayUtc(ctx.run.startedAt);
			assert.strictEqual(to - from, 86399, 'the day is 86 399 s long');
			// The seed always has a send 24 h ago: yesterday in any time zone.
			const seeded = seededRowsCreatedIn(ctx.emulator, from, to);
			assert.ok(seeded.length >= 1, 'no seeded send falls in yesterday');
			const listed = ctx.items(REPORT_NODES.list);
			assert.deepStrictEqual(listed.map((row) => row.messages_outbox_id), seeded.map((entry) => entry.id), 'listed bulks');
			for (const row of listed) {
				assert.ok(row.time >= from && row.time <= to, `bulk ${row.messages_outbox_id} created at ${row.time_iso}`);
			}
			assert.deepStrictEqual(ctx.outboxIds, [], 'the export sent nothing');

			const recipients = ctx.items(REPORT_NODES.recipients);
			assert.deepStrictEqual(recipients, expectedRecipients(ctx.emulator, seeded), 'recipients and their delivery states');
			assert.ok(recipients.length >= 1, 'yesterday has recipients');

			assert.strictEqual(items.length, 1, 'one CSV item');
			const binaries = ctx.binaries('Recipients CSV');
			const file = binaries[0].data;
			assert.ok(file, 'the CSV item has no binary "data"');
			assert.strictEqual(file.fileName, `ippanel-recipients-${date}.csv`);
			assert.strictEqual(file.mimeType, 'text/csv');
			// Convert to File starts the CSV with a byte-order mark (for spreadsheet apps).
			const lines = ctx.binaryText(file).replace(/^\uFEFF/, '').replace(/\n$/, '').split('\n');
			assert.strictEqual(lines[0], Object.keys(recipients[0]).join(','), 'CSV header');
			assert.strictEqual(lines.length, recipients.length + 1, 'one CSV line per recipient + header');
			recipients.forEach((r, i) => assert.ok(lines[i + 1].startsWith(`${r.bulk_id},${r.recipient},`), `line ${i + 1}: ${lines[i + 1]}`));
		},
	},
	{
		file: 'inbound-auto-reply.json',
		node: 'Reply to Sender',
		// What the IPPanel Trigger emits for one inbound message (shapeInboxRow).
		start: { items: [inboundItem({ ...INBOUND, time: 1763900000 })] },
		requests: () => [autoReplySend(INBOUND)],
		output: (items, ctx) => {
			assert.strictEqual(items.length, 1, 'one reply');
			assert.strictEqual(items[0].sending_type, 'webservice');
			assert.strictEqual(items[0].recipients_count, 1);
			assert.deepStrictEqual(items[0].message_outbox_ids, ctx.outboxIds);
		},
	},
	{
		file: 'sync-customers-phonebook.json',
		node: 'Sync into phonebook',
		// Contact → Create or Update: the phonebook once, its contacts once, the new customers in
		// one add (the two "Reza" rows merged, the last one's values), the ids of the new contacts,
		// and one update for the renamed customer; the unchanged one is left alone.
		requests: () => {
			const contacts = { method: 'GET', path: '/api/phonebooks/numbers/contact-list', body: null, query: { phonebook_id: '456987', page: '1', per_page: '1000' } };
			return [
				{ method: 'GET', path: '/api/phonebooks/list-new', body: null, query: { id: '456987', page: '1', per_page: '1' } },
				contacts,
				{
					method: 'POST',
					path: '/api/phonebooks/numbers/add-list-new',
					body: {
						list: [
							{ number: '+989121234567', name: 'Reza Karimi', options: { 1235: '300000' }, phonebook_id: '456987' },
							{ number: '+989351234567', name: 'Mina Ahmadi', options: { 1235: '45000' }, phonebook_id: '456987' },
						],
					},
				},
				contacts,
				{
					method: 'PUT',
					path: '/api/phonebooks/numbers/update-new/5000252',
					body: { number: '+989908880054', pre: 'خانم', name: 'سارا محمدی نیا', email: '', options: { 1235: '0' }, phonebook_id: '456987' },
				},
			];
		},
		output: (items, ctx) => {
			assert.deepStrictEqual(
				items.map((item) => [item.action, item.mobile]),
				[
					['unchanged', '+989018880053'],
					['updated', '+989908880054'],
					['created', '+989121234567'],
					['created', '+989351234567'],
					['created', '+989121234567'],
				],
			);
			const added = ctx.emulator.contacts(456987).filter((c) => ['+989121234567', '+989351234567'].includes(c.number));
			assert.deepStrictEqual(items.slice(2, 4).map((item) => item.contact_id), added.map((c) => c.id));
			assert.deepStrictEqual(items[4].merged_items, [2, 4]);
		},
	},
	{
		file: 'regional-campaign.json',
		node: 'Spring Campaign',
		start: 'manual',
		// Free reads first (region look-ups, the city's audience, the price for Max Cost), then
		// exactly one paid request within the caps.
		requests: () => {
			const message = 'حراج بهاره: ۲۰٪ تخفیف تا جمعه. لغو۱۱';
			return [
				{ method: 'GET', path: '/api/send/banks/provinces', body: null },
				{ method: 'GET', path: '/api/send/banks/counties', body: null, query: { province_id: '89' } },
				{ method: 'GET', path: '/api/send/banks/cities', body: null, query: { county_id: '212' } },
				{
					method: 'GET',
					path: '/api/send/banks/counts',
					body: null,
					query: { province_id: '89', county_id: '212', city_id: '82', birth_year_from: '1370', birth_year_to: '1380', gender_id: '2' },
				},
				{ method: 'POST', path: '/api/send/calculate-price', body: { number: SENDER, message } },
				{
					method: 'POST',
					path: '/api/send',
					body: {
						sending_type: 'country',
						from_number: SENDER,
						message,
						params: [
							{
								bank: 'all',
								province_id: 89,
								county_id: 212,
								city_id: 82,
								gender: 2,
								age_from: 1370,
								age_to: 1380,
								mci: { start: 0, size: 3000 },
								irancell: { start: 0, size: 2000 },
								other: { start: 0, size: 0 },
							},
						],
					},
				},
			];
		},
		output: (items, ctx) => {
			assert.strictEqual(items.length, 1, 'one output item');
			assert.strictEqual(items[0].sending_type, 'country');
			assert.strictEqual(items[0].recipients_count, 5000);
			assert.deepStrictEqual(items[0].message_outbox_ids, ctx.outboxIds);
		},
	},
];
