import nock from 'nock';

import { API_KEY, apiKeyCredentials, runNode } from '../harness';
import { BASE, page, recipientRow } from './fixtures';

interface Asked {
	page: number;
	per_page: number;
	bulk_id: string;
}

/** Serves `total` recipients of bulk 777, `cap` rows per page at most, and records each query. */
function recipientsServer(total: number, { cap = 1000, status = (i: number) => String(i % 5), lastPage }: { cap?: number; status?: (i: number) => string; lastPage?: (asked: Asked) => number } = {}) {
	const asked: Asked[] = [];
	nock(BASE, { reqheaders: { authorization: API_KEY } })
		.get('/api/report/recipients')
		.query(true)
		.times(1000)
		.reply(200, (uri) => {
			const params = new URL(uri, BASE).searchParams;
			const query = { page: Number(params.get('page')), per_page: Number(params.get('per_page')), bulk_id: String(params.get('bulk_id')) };
			asked.push(query);
			const perPage = Math.min(query.per_page, cap);
			const start = (query.page - 1) * perPage;
			const rows = [];
			for (let i = start; i < Math.min(total, start + perPage); i++) rows.push(recipientRow(i, status(i)));
			const last = lastPage ? lastPage(query) : Math.max(1, Math.ceil(total / perPage));
			return page(rows, { current: query.page, last, perPage, total });
		});
	return asked;
}

const recipients = (extra: Record<string, unknown> = {}) => ({ resource: 'report', operation: 'recipients', bulkId: '777', ...extra });

describe('Report → Get Recipients', () => {
	test('maps all five message_status codes to words and booleans, strings to numbers', async () => {
		recipientsServer(5, { status: (i) => String(i) });
		const result = await runNode({ parameters: recipients({ returnAll: true }), credentials: apiKeyCredentials(BASE) });
		expect(result.error).toBeUndefined();
		const base = { bulk_id: 777, message: 'متن پیام', is_readable: true, msg_parts: 1 };
		expect(result.items.map((i) => i.json)).toEqual([
			{ ...base, recipient: '+989120000000', message_status: 0, status: 'sent_to_operator', is_delivered: false, is_failed: false },
			{ ...base, recipient: '+989120000001', message_status: 1, status: 'operator_received', is_delivered: false, is_failed: false },
			{ ...base, recipient: '+989120000002', message_status: 2, status: 'delivered', is_delivered: true, is_failed: false },
			{ ...base, recipient: '+989120000003', message_status: 3, status: 'not_delivered', is_delivered: false, is_failed: true },
			{ ...base, recipient: '+989120000004', message_status: 4, status: 'blacklisted', is_delivered: false, is_failed: true },
		]);
	});

	test('a recipient without a delivery status yet gets status null, and numeric statuses work too', async () => {
		nock(BASE)
			.get('/api/report/recipients')
			.query(true)
			.reply(200, page([{ ...recipientRow(1), message_status: null }, { ...recipientRow(2), message_status: 2, msg_parts: 3 }], { perPage: 1000 }));
		const result = await runNode({ parameters: recipients({ returnAll: true }), credentials: apiKeyCredentials(BASE) });
		expect(result.items.map((i) => [i.json.message_status, i.json.status, i.json.is_delivered, i.json.is_failed, i.json.msg_parts])).toEqual([
			[null, null, false, false, 1],
			[2, 'delivered', true, false, 3],
		]);
	});

	test('returnAll asks once per page at 1000 rows, with the bulk id in the query (exactly one page)', async () => {
		const asked = recipientsServer(1000);
		const result = await runNode({ parameters: recipients({ returnAll: true }), credentials: apiKeyCredentials(BASE) });
		expect(asked).toEqual([{ page: 1, per_page: 1000, bulk_id: '777' }]);
		expect(result.items).toHaveLength(1000);
	});

	test('last page short: 2,345 recipients in three requests, each row once', async () => {
		const asked = recipientsServer(2345);
		const result = await runNode({ parameters: recipients({ returnAll: true }), credentials: apiKeyCredentials(BASE) });
		expect(asked.map((a) => a.page)).toEqual([1, 2, 3]);
		const numbers = result.items.map((i) => i.json.recipient);
		expect(numbers).toHaveLength(2345);
		expect(new Set(numbers).size).toBe(2345);
		expect(numbers[2344]).toBe('+989120002344');
	});

	test('a server capping pages below 1000 is followed by its meta (cap 300)', async () => {
		const asked = recipientsServer(700, { cap: 300 });
		const result = await runNode({ parameters: recipients({ returnAll: true }), credentials: apiKeyCredentials(BASE) });
		expect(asked.map((a) => [a.page, a.per_page])).toEqual([
			[1, 1000],
			[2, 1000],
			[3, 1000],
		]);
		expect(result.items).toHaveLength(700);
	});

	test('empty result: one request, no items', async () => {
		const asked = recipientsServer(0);
		const result = await runNode({ parameters: recipients({ returnAll: true }), credentials: apiKeyCredentials(BASE) });
		expect(asked).toHaveLength(1);
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([]);
	});

	test('limit inside a page asks for that many and stops', async () => {
		const asked = recipientsServer(50);
		const result = await runNode({ parameters: recipients({ returnAll: false, limit: 7 }), credentials: apiKeyCredentials(BASE) });
		expect(asked).toEqual([{ page: 1, per_page: 7, bulk_id: '777' }]);
		expect(result.items).toHaveLength(7);
	});

	test('limit across pages stops in the middle of the second page', async () => {
		const asked = recipientsServer(5000, { cap: 1000 });
		const result = await runNode({ parameters: recipients({ returnAll: false, limit: 1500 }), credentials: apiKeyCredentials(BASE) });
		expect(asked.map((a) => [a.page, a.per_page])).toEqual([
			[1, 1000],
			[2, 1000],
		]);
		expect(result.items).toHaveLength(1500);
		expect(result.items[1499].json.recipient).toBe('+989120001499');
	});

	test('last_page growing mid-export (new pages appear) is followed; shrinking stops early', async () => {
		// The first answer claims two pages, later answers say three (recipients were added meanwhile).
		const grows = recipientsServer(2500, { lastPage: (q) => (q.page === 1 ? 2 : 3) });
		const grown = await runNode({ parameters: recipients({ returnAll: true }), credentials: apiKeyCredentials(BASE) });
		expect(grows.map((a) => a.page)).toEqual([1, 2, 3]);
		expect(grown.items).toHaveLength(2500);
		nock.cleanAll();

		// Pages 2–5 are asked for at once after the first answer; page 2 says 2 is the last: pages 3–5 are dropped unread.
		const shrinks = recipientsServer(5000, { lastPage: (q) => (q.page === 1 ? 5 : 2) });
		const shrunk = await runNode({ parameters: recipients({ returnAll: true }), credentials: apiKeyCredentials(BASE) });
		expect(shrinks.map((a) => a.page).sort()).toEqual([1, 2, 3, 4, 5]);
		expect(shrunk.items).toHaveLength(2000);
		nock.cleanAll();

		// One page at a time (Concurrency 1) asks for nothing past the page that says it is the last.
		const oneByOne = recipientsServer(5000, { lastPage: (q) => (q.page === 1 ? 5 : 2) });
		const sequential = await runNode({
			parameters: recipients({ returnAll: true, options: { concurrency: 1 } }),
			credentials: apiKeyCredentials(BASE),
		});
		expect(oneByOne.map((a) => a.page)).toEqual([1, 2]);
		expect(sequential.items).toHaveLength(2000);
	});

	test('status filter applies while paging: every page read, only matching rows out, limit counts matches', async () => {
		const asked = recipientsServer(2500, { status: (i) => (i % 100 === 0 ? '3' : i % 100 === 1 ? '4' : '2') });
		const result = await runNode({
			parameters: recipients({ returnAll: false, limit: 40, filters: { status: ['not_delivered', 'blacklisted'] } }),
			credentials: apiKeyCredentials(BASE),
		});
		// 20 failures per 1000 rows: 40 matches need two full pages, read at the largest size.
		expect(asked.map((a) => [a.page, a.per_page])).toEqual([
			[1, 1000],
			[2, 1000],
		]);
		expect(result.items).toHaveLength(40);
		expect(new Set(result.items.map((i) => i.json.status))).toEqual(new Set(['not_delivered', 'blacklisted']));
		expect(result.items.every((i) => i.json.is_failed === true)).toBe(true);
	});

	test('Include Raw API Row keeps the strings IPPanel sent', async () => {
		recipientsServer(1, { status: () => '1' });
		const result = await runNode({ parameters: recipients({ returnAll: true, options: { includeRaw: true } }), credentials: apiKeyCredentials(BASE) });
		expect(result.items[0].json.raw).toEqual(recipientRow(0, '1'));
		expect(result.items[0].json.message_status).toBe(1);
	});

	test('a Bulk ID that is not a number is refused before any request', async () => {
		const asked = recipientsServer(1);
		const result = await runNode({ parameters: recipients({ returnAll: true, bulkId: '12a' }), credentials: apiKeyCredentials(BASE) });
		expect(result.error?.message).toBe('Bulk ID "12a" is not a message ID (parameter "bulkId", item 0)');
		expect(result.error?.context?.itemIndex).toBe(0);
		expect(asked).toEqual([]);
	});

	test('the 422 bulk_id validation envelope becomes an error with the field error', async () => {
		const message = 'تکمیل گزینه bulk_id الزامی است';
		nock(BASE)
			.get('/api/report/recipients')
			.query(true)
			.reply(422, { data: null, meta: { status: false, message, message_parameters: [], message_code: '400-2', errors: { bulk_id: [message] } } });
		const result = await runNode({ parameters: recipients({ returnAll: true }), credentials: apiKeyCredentials(BASE) });
		expect(result.error?.message).toBe(`IPPanel request failed (HTTP 422 400-2): ${message}`);
		expect(result.error?.description).toContain(`Field error — bulk_id: ${message}`);
	});

	test('continue on fail: a failing item becomes an error item, the next item still runs', async () => {
		recipientsServer(2, { status: () => '2' });
		const result = await runNode({
			parameters: recipients({ returnAll: true, bulkId: '={{ $json.id }}' }),
			items: [{ id: 'x' }, { id: 777 }],
			onError: 'continueRegularOutput',
			credentials: apiKeyCredentials(BASE),
		});
		expect(result.items.map((i) => [i.json.error ?? i.json.recipient, i.pairedItem])).toEqual([
			['Bulk ID "x" is not a message ID (parameter "bulkId", item 0)', { item: 0 }],
			['+989120000000', { item: 1 }],
			['+989120000001', { item: 1 }],
		]);
	});
});
