import nock from 'nock';

import { API_KEY, apiKeyCredentials, runNode } from '../harness';
import { BASE, page } from './fixtures';

const inboxRow = (id: number) => ({
	messages_inbox_id: id,
	from: '+989121234567',
	number: '+983000505',
	message: `پیام ${id}`,
	type: 'normal',
	time: 1745409400 + id,
	seen: '0',
});

function inboxServer(pages: Array<Array<ReturnType<typeof inboxRow>>>) {
	const bodies: Array<Record<string, unknown>> = [];
	nock(BASE, { reqheaders: { authorization: API_KEY } })
		.post('/api/report/messages-inbox')
		.times(pages.length)
		.reply(200, (_uri, body) => {
			const b = body as Record<string, unknown>;
			bodies.push(b);
			const current = b.page as number;
			return page(pages[current - 1] ?? [], { current, last: pages.length, perPage: b.per_page as number, total: 99 });
		});
	return bodies;
}

describe('Report → Get Inbox (messages-inbox)', () => {
	test('sends {page, per_page, filters: {from_id}} and outputs typed messages', async () => {
		const bodies = inboxServer([[inboxRow(12), inboxRow(11)]]);
		const result = await runNode({
			parameters: { resource: 'report', operation: 'inbox', returnAll: true, filters: { from_id: 10 } },
			credentials: apiKeyCredentials(BASE),
		});
		expect(result.error).toBeUndefined();
		expect(bodies).toEqual([{ filters: { from_id: 10 }, page: 1, per_page: 100 }]);
		expect(result.items.map((i) => i.json)).toEqual([
			{ ...inboxRow(12), seen: false, time_iso: '2025-04-23T11:56:52.000Z' },
			{ ...inboxRow(11), seen: false, time_iso: '2025-04-23T11:56:51.000Z' },
		]);
	});

	test('without a filter no filters object is sent; a message shifted onto the next page is output once', async () => {
		// A new message arrived between the two requests: 11 moved from page 1 to page 2.
		const bodies = inboxServer([
			[inboxRow(13), inboxRow(12), inboxRow(11)],
			[inboxRow(11), inboxRow(10)],
		]);
		const result = await runNode({
			parameters: { resource: 'report', operation: 'inbox', returnAll: true },
			credentials: apiKeyCredentials(BASE),
		});
		expect(bodies).toEqual([
			{ page: 1, per_page: 100 },
			{ page: 2, per_page: 100 },
		]);
		expect(result.items.map((i) => i.json.messages_inbox_id)).toEqual([13, 12, 11, 10]);
	});

	test('limit asks for that many per page', async () => {
		const bodies = inboxServer([[inboxRow(3), inboxRow(2)]]);
		const result = await runNode({ parameters: { resource: 'report', operation: 'inbox', returnAll: false, limit: 2 }, credentials: apiKeyCredentials(BASE) });
		expect(bodies).toEqual([{ page: 1, per_page: 2 }]);
		expect(result.items).toHaveLength(2);
	});
});
