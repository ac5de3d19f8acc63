/**
 * Every sending type through the engine: the exact body IPPanel receives (compared with
 * IPPanel's API documentation of each sending type) and the items the node outputs.
 */
import nock from 'nock';

import { API_KEY, apiKeyCredentials, everythingProduced, runNode } from '../harness';
import { BASE, daysAhead, FROM, ok, recordSends } from './fixtures';

const credentials = () => apiKeyCredentials(BASE);

describe('Send to Numbers (webservice)', () => {
	test('normalizes recipients, converts the send time from the workflow zone to UTC, sends the documented body', async () => {
		const { bodies } = recordSends();
		const day = daysAhead(3);
		const result = await runNode({
			parameters: {
				resource: 'send',
				operation: 'webservice',
				fromNumber: FROM,
				recipients: '۰۹۱۲۱۲۳۴۵۶۷, 9351234567\n+98 912 123 4567; 00989901234567',
				message: 'متن پیام',
				additionalFields: { sendTime: `${day}T19:00:00` },
			},
			credentials: credentials(),
			timezone: 'Asia/Tehran',
		});
		expect(result.error).toBeUndefined();
		expect(bodies).toEqual([
			{
				sending_type: 'webservice',
				from_number: FROM,
				message: 'متن پیام',
				params: { recipients: ['+989121234567', '+989351234567', '+989901234567'] },
				send_time: `${day} 15:30:00`,
			},
		]);
		expect(result.items).toEqual([
			{
				json: {
					sending_type: 'webservice',
					message_outbox_id: 5000,
					message_outbox_ids: [5000],
					recipients_count: 3,
					parts: 1,
					api_message: 'انجام شد',
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(everythingProduced(result)).not.toContain(API_KEY);
	});

	test('is the default: a node with only sender, recipients and message sends to numbers, now', async () => {
		const scope = nock(BASE, { reqheaders: { authorization: API_KEY } })
			.post('/api/send', {
				sending_type: 'webservice',
				from_number: FROM,
				message: 'Hello',
				params: { recipients: ['+989121234567'] },
			})
			.reply(200, ok({ message_outbox_ids: [42] }));
		const result = await runNode({
			parameters: { fromNumber: FROM, recipients: '09121234567', message: 'Hello' },
			credentials: credentials(),
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.message_outbox_id).toBe(42);
		expect(scope.isDone()).toBe(true);
	});

	test('a sender typed as digits is sent in E.164', async () => {
		const { bodies } = recordSends();
		await runNode({
			parameters: { fromNumber: '۳۰۰۰۵۰۵', recipients: '09121234567', message: 'Hi' },
			credentials: credentials(),
		});
		expect(bodies[0].from_number).toBe('+983000505');
	});

	test.each([
		[{ recipients: '09121234567, 0912' }, 'This is not a phone number IPPanel can send to: "0912" (parameter "recipients", item 0)'],
		[{ message: '   ' }, 'The message is empty (parameter "message", item 0)'],
		[{ additionalFields: { sendTime: '2020-01-01T10:00:00' } }, 'Send Time 2020-01-01 10:00:00 UTC is in the past'],
		[{ fromNumber: '={{ $json.line }}' }, 'No sender number given (parameter "fromNumber", item 0)'],
	])('bad input %p fails before any request: %s', async (override, message) => {
		const { bodies } = recordSends();
		const result = await runNode({
			parameters: { resource: 'send', operation: 'webservice', fromNumber: FROM, recipients: '09121234567', message: 'Hi', ...override },
			credentials: credentials(),
		});
		expect(result.error?.message).toContain(message);
		expect(bodies).toEqual([]);
	});
});

describe('Send Pattern', () => {
	test('one request per recipient, variables as strings', async () => {
		const { bodies } = recordSends(700);
		const day = daysAhead(2);
		const result = await runNode({
			parameters: {
				resource: 'send',
				operation: 'pattern',
				fromNumber: FROM,
				patternCode: 'xxxxxxxxxxxxxxx',
				recipients: '09121234567, 09351234567',
				patternVariables: { variable: [{ name: 'code', value: 12345 }, { name: '%name%', value: 'علی' }] },
				additionalFields: { sendTime: `${day}T08:00:00Z` },
			},
			credentials: credentials(),
			timezone: 'Asia/Tehran',
		});
		expect(result.error).toBeUndefined();
		const body = (recipient: string) => ({
			sending_type: 'pattern',
			from_number: FROM,
			code: 'xxxxxxxxxxxxxxx',
			recipients: [recipient],
			params: { code: '12345', name: 'علی' },
			send_time: `${day} 08:00:00`,
		});
		expect(bodies).toEqual([body('+989121234567'), body('+989351234567')]);
		expect(result.items.map((item) => item.json)).toEqual([
			{
				sending_type: 'pattern',
				message_outbox_id: 700,
				message_outbox_ids: [700, 701],
				recipients_count: 2,
				api_message: 'انجام شد',
			},
		]);
	});

	test('a pattern without variables sends params {}', async () => {
		const { bodies } = recordSends();
		await runNode({
			parameters: { resource: 'send', operation: 'pattern', fromNumber: FROM, patternCode: 'p1', recipients: '09121234567' },
			credentials: credentials(),
		});
		expect(bodies).toEqual([
			{ sending_type: 'pattern', from_number: FROM, code: 'p1', recipients: ['+989121234567'], params: {} },
		]);
	});
});

describe('Send Voice OTP', () => {
	test('the code goes as message, one request per recipient, no sender', async () => {
		const { bodies } = recordSends(90);
		const result = await runNode({
			parameters: { resource: 'send', operation: 'votp', recipients: '09121234567', code: '۴۵۸۵۲' },
			credentials: credentials(),
		});
		expect(bodies).toEqual([{ sending_type: 'votp', message: '45852', params: { recipients: ['+989121234567'] } }]);
		expect(result.items[0].json).toEqual({
			sending_type: 'votp',
			message_outbox_id: 90,
			message_outbox_ids: [90],
			recipients_count: 1,
			api_message: 'انجام شد',
		});
	});

	test('a code that is not digits is refused before sending', async () => {
		const { bodies } = recordSends();
		const result = await runNode({
			parameters: { resource: 'send', operation: 'votp', recipients: '09121234567', code: '12a4' },
			credentials: credentials(),
		});
		expect(result.error?.message).toBe('The code "12a4" is not digits only (parameter "code", item 0)');
		expect(bodies).toEqual([]);
	});
});

describe('Send Peer to Peer', () => {
	const sheet = [
		{ name: 'Ali', mobile: '09121234567' },
		{ name: 'Sara', mobile: '09351234567' },
		{ name: 'Reza', mobile: '09901234567' },
	];
	const parameters = (additionalFields = {}) => ({
		resource: 'send',
		operation: 'peerToPeer',
		fromNumber: FROM,
		recipients: '={{ $json.mobile }}',
		message: '=Hello {{ $json.name }}',
		additionalFields,
	});

	test('without batching each item is its own request', async () => {
		const { bodies } = recordSends(10);
		const result = await runNode({ parameters: parameters(), items: sheet.slice(0, 2), credentials: credentials() });
		expect(bodies).toEqual([
			{ sending_type: 'peer_to_peer', from_number: FROM, params: [{ recipients: ['+989121234567'], message: 'Hello Ali' }] },
			{ sending_type: 'peer_to_peer', from_number: FROM, params: [{ recipients: ['+989351234567'], message: 'Hello Sara' }] },
		]);
		expect(result.items.map((item) => [item.json.message_outbox_ids, item.pairedItem])).toEqual([
			[[10], { item: 0 }],
			[[11], { item: 1 }],
		]);
	});

	test('with Batch Input Items one request carries every item, and each item gets its own entry\'s id', async () => {
		const { bodies } = recordSends(20);
		const result = await runNode({ parameters: parameters({ batchItems: true }), items: sheet, credentials: credentials() });
		expect(bodies).toEqual([
			{
				sending_type: 'peer_to_peer',
				from_number: FROM,
				params: [
					{ recipients: ['+989121234567'], message: 'Hello Ali' },
					{ recipients: ['+989351234567'], message: 'Hello Sara' },
					{ recipients: ['+989901234567'], message: 'Hello Reza' },
				],
			},
		]);
		expect(result.items.map((item) => [item.json.message_outbox_id, item.json.message_outbox_ids, item.pairedItem])).toEqual([
			[20, [20], { item: 0 }],
			[21, [21], { item: 1 }],
			[22, [22], { item: 2 }],
		]);
	});
});

describe('Send Peer to Peer From File', () => {
	test('uploads the CSV unchanged as multipart files[] with the documented fields', async () => {
		// A BOM, Persian text, a quoted comma and CRLF: the bytes that arrive must be these exactly.
		const csv = Buffer.from('\uFEFFrecipient,message\r\n09123456789,"سلام، علی"\r\n09123456788,Hi Sara\r\n', 'utf8');
		let contentType = '';
		let raw: Buffer = Buffer.alloc(0);
		nock(BASE)
			.post('/api/send')
			.reply(function (_uri, body) {
				contentType = String(this.req.headers['content-type']);
				raw = Buffer.isBuffer(body) ? body : Buffer.from(body as string, /^[0-9a-f]+$/.test(body as string) ? 'hex' : 'utf8');
				return [200, ok({ message_outbox_ids: [1123594208, 1123594210] })];
			});
		const day = daysAhead(1);
		const result = await runNode({
			parameters: {
				resource: 'send',
				operation: 'peerToPeerFile',
				fromNumber: FROM,
				binaryPropertyName: 'data',
				additionalFields: { sendTime: `${day}T10:10:10` },
			},
			binary: [{ data: { content: csv, fileName: 'file.csv', mimeType: 'text/csv' } }],
			credentials: credentials(),
			timezone: 'UTC',
		});
		expect(result.error).toBeUndefined();

		const boundary = /boundary=(.+)$/.exec(contentType)?.[1];
		expect(contentType).toMatch(/^multipart\/form-data; boundary=/);
		const parts = raw
			.toString('latin1')
			.split(`--${boundary}`)
			.slice(1, -1)
			.map((part) => {
				const [head, ...rest] = part.split('\r\n\r\n');
				return { head: head.trim(), body: Buffer.from(rest.join('\r\n\r\n').replace(/\r\n$/, ''), 'latin1') };
			});
		expect(parts.map(({ head }) => head.split('\r\n')[0])).toEqual([
			'Content-Disposition: form-data; name="sending_type"',
			'Content-Disposition: form-data; name="from_number"',
			'Content-Disposition: form-data; name="send_time"',
			'Content-Disposition: form-data; name="files[]"; filename="file.csv"',
		]);
		expect(parts.slice(0, 3).map(({ body }) => body.toString('utf8'))).toEqual(['peer_to_peer_file', FROM, `${day} 10:10:10`]);
		expect(parts[3].head).toContain('Content-Type: text/csv');
		expect(parts[3].body.equals(csv)).toBe(true);
		expect(result.items[0].json).toEqual({
			sending_type: 'peer_to_peer_file',
			message_outbox_id: 1123594208,
			message_outbox_ids: [1123594208, 1123594210],
			recipients_count: 2,
			parts: 1,
			api_message: 'انجام شد',
		});
	});

	test.each([
		[{ content: 'PK\u0003\u0004xlsx', fileName: 'list.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }, 'The file "list.xlsx" (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet) is not a CSV file (parameter "binaryPropertyName", item 0)'],
		[{ content: 'recipient,message\n0912,Hi\n', fileName: 'a.csv', mimeType: 'text/csv' }, 'Row 2 of "a.csv": "0912" is not a phone number (parameter "binaryPropertyName", item 0)'],
		[{ content: 'recipient,message\n', fileName: 'a.csv', mimeType: 'text/csv' }, 'The file "a.csv" has no rows to send (parameter "binaryPropertyName", item 0)'],
	])('a bad file is refused before sending: %#', async (file, message) => {
		const { bodies } = recordSends();
		const result = await runNode({
			parameters: { resource: 'send', operation: 'peerToPeerFile', fromNumber: FROM },
			binary: [{ data: file }],
			credentials: credentials(),
		});
		expect(result.error?.message).toBe(message);
		expect(bodies).toEqual([]);
	});
});

describe('Send to Phonebook', () => {
	test('whole phonebooks with a range: ids, start and size as strings', async () => {
		const { bodies } = recordSends();
		await runNode({
			parameters: {
				resource: 'send',
				operation: 'phonebook',
				fromNumber: FROM,
				message: 'تست',
				phonebookType: 'all',
				phonebookIds: ['123654'],
				start: 1,
				size: 2,
			},
			credentials: credentials(),
		});
		expect(bodies).toEqual([
			{
				sending_type: 'phonebook',
				from_number: FROM,
				message: 'تست',
				params: [{ phonebook_ids: ['123654'], type: 'all', start: '1', size: '2' }],
			},
		]);
	});

	test('whole phonebooks without a size leave start and size out', async () => {
		const { bodies } = recordSends();
		await runNode({
			parameters: { resource: 'send', operation: 'phonebook', fromNumber: FROM, message: 'تست', phonebookIds: '123654, 777' },
			credentials: credentials(),
		});
		expect(bodies[0].params).toEqual([{ phonebook_ids: ['123654', '777'], type: 'all' }]);
	});

	test('chosen numbers of one phonebook', async () => {
		const { bodies } = recordSends(3);
		const result = await runNode({
			parameters: {
				resource: 'send',
				operation: 'phonebook',
				fromNumber: FROM,
				message: 'تست',
				phonebookType: 'detail',
				phonebookId: '456987',
				numberIds: '123, 456,789',
			},
			credentials: credentials(),
		});
		expect(bodies).toEqual([
			{
				sending_type: 'phonebook',
				from_number: FROM,
				message: 'تست',
				params: [{ phonebook_id: '456987', type: 'detail', number_ids: ['123', '456', '789'] }],
			},
		]);
		expect(result.items[0].json).toMatchObject({ sending_type: 'phonebook', message_outbox_id: 3, recipients_count: 3 });
	});
});

describe('Send by Postal Code', () => {
	test('one params entry per postal code with the filters, other recipients beside', async () => {
		const { bodies } = recordSends();
		const day = daysAhead(5);
		await runNode({
			parameters: {
				resource: 'send',
				operation: 'postalCode',
				fromNumber: '+98BANK',
				message: 'متن پیام',
				postalCodes: '131, ۱۴۱',
				postalFilters: { bank: 'all', gender: 0, birthYearFrom: 1330, birthYearTo: 1402, mciSize: 1 },
				otherRecipients: '09120000000, +989350000000',
				additionalFields: { sendTime: `${day} 10:52:02` },
			},
			credentials: credentials(),
			timezone: 'UTC',
		});
		const entry = (postal_code: number) => ({
			bank: 'all',
			postal_code,
			gender: 0,
			age_from: 1330,
			age_to: 1402,
			mci: { start: 0, size: 1 },
		});
		expect(bodies).toEqual([
			{
				sending_type: 'postal_code',
				from_number: '+98BANK',
				message: 'متن پیام',
				params: [entry(131), entry(141)],
				other_recipients: ['+989120000000', '+989350000000'],
				send_time: `${day} 10:52:02`,
			},
		]);
	});
});

describe('Estimate Price and Cancel Scheduled', () => {
	test('Estimate Price asks calculate-price with the sender as number', async () => {
		const scope = nock(BASE)
			.post('/api/send/calculate-price', { number: FROM, message: 'تست' })
			.reply(200, ok({ mci_price: 2370, other_price: 2503, parts: 1 }, { message: 'calculate successfully' }));
		const result = await runNode({
			parameters: { resource: 'send', operation: 'estimatePrice', fromNumber: FROM, message: 'تست' },
			credentials: credentials(),
		});
		expect(scope.isDone()).toBe(true);
		expect(result.items).toEqual([
			{
				json: { from_number: FROM, mci_price: 2370, other_price: 2503, parts: 1, characters: 3, encoding: 'UCS-2' },
				pairedItem: { item: 0 },
			},
		]);
	});

	test('Cancel sends the outbox id as an integer', async () => {
		const scope = nock(BASE).post('/api/send/cancel', { message_outbox_id: 1123544244 }).reply(200, ok(null));
		const result = await runNode({
			parameters: { resource: 'send', operation: 'cancel', bulkId: '={{ $json.message_outbox_id }}' },
			items: [{ message_outbox_id: '1123544244' }],
			credentials: credentials(),
		});
		expect(scope.isDone()).toBe(true);
		expect(result.items[0].json).toEqual({ message_outbox_id: 1123544244, cancelled: true, api_message: 'انجام شد' });
	});

	test('Cancel of an unknown id reports IPPanel\'s 404', async () => {
		nock(BASE).post('/api/send/cancel').reply(404, { data: null, meta: { status: false, message: 'اطلاعات وارد شده صحیح نمی باشد', message_code: '400-1' } });
		const result = await runNode({
			parameters: { resource: 'send', operation: 'cancel', bulkId: '99' },
			credentials: credentials(),
		});
		expect(result.error?.message).toBe('IPPanel request failed (HTTP 404 400-1): اطلاعات وارد شده صحیح نمی باشد');
	});
});

test('Cancel refuses an id that is not a number before any request', async () => {
	const result = await runNode({
		parameters: { resource: 'send', operation: 'cancel', bulkId: 'abc' },
		credentials: credentials(),
	});
	expect(result.error?.message).toBe('Bulk ID "abc" is not a message ID (parameter "bulkId", item 0)');
});
