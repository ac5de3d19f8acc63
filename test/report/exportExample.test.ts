/**
 * examples/report-export-daily.json, its IPPanel part run through the engine: the List node with
 * the example's own parameters, then the Recipients node once per outbox row it produced.
 */
import { DateTime } from 'luxon';
import nock from 'nock';

import { API_KEY, apiKeyCredentials, runNode } from '../harness';
import { loadExample } from '../harness/examples';
import { fixWallClock } from '../harness/fixedClock';
import { BASE, outboxRow, page, recipientRow } from './fixtures';

const example = loadExample('report-export-daily.json');
const { next } = example;

describe('example: daily report export', () => {
	const trigger = example.ofType('n8n-nodes-base.scheduleTrigger');
	const listNode = next(trigger.name);
	const recipientsNode = next(listNode.name);
	const fileNode = next(recipientsNode.name);

	test('is Schedule Trigger (08:00 daily) → IPPanel Report List → IPPanel Report Recipients → Convert to File (CSV)', () => {
		expect(trigger.parameters.rule).toEqual({ interval: [{ field: 'days', daysInterval: 1, triggerAtHour: 8, triggerAtMinute: 0 }] });
		expect([listNode.type, listNode.parameters.resource, listNode.parameters.operation]).toEqual(['n8n-nodes-ippanel-edge.ippanel', 'report', 'list']);
		expect([recipientsNode.type, recipientsNode.parameters.operation]).toEqual(['n8n-nodes-ippanel-edge.ippanel', 'recipients']);
		expect(Object.keys(listNode.credentials ?? {})).toEqual(['ippanelApi']);
		expect([fileNode.type, fileNode.parameters.operation]).toEqual(['n8n-nodes-base.convertToFile', 'csv']);
	});

	// 00:30 in Tehran, still the day before in UTC: the run and this test read the same instant.
	beforeEach(() => fixWallClock('2025-03-20T21:00:00Z'));
	afterEach(() => jest.useRealTimers());

	test('List asks for yesterday in the workflow time zone; Recipients runs once per outbox row, one item per recipient', async () => {
		const timezone = 'Asia/Tehran';
		const today = DateTime.now().setZone(timezone).startOf('day');
		const from = String(today.minus({ days: 1 }).toSeconds());
		const to = String(today.toSeconds() - 1);
		// Yesterday in Tehran: 2025-03-20 00:00 to 23:59:59 (UTC+03:30).
		expect([from, to]).toEqual(['1742416200', '1742502599']);

		const listBodies: unknown[] = [];
		nock(BASE, { reqheaders: { authorization: API_KEY } })
			.post('/api/report/new_list')
			.reply(200, (_uri, body) => {
				listBodies.push(body);
				return page([outboxRow(501, { rcpts_count: '3' }), outboxRow(502, { rcpts_count: '2' })]);
			});
		const list = await runNode({ parameters: listNode.parameters, timezone, credentials: apiKeyCredentials(BASE) });
		expect(list.error).toBeUndefined();
		expect(listBodies).toEqual([{ page: 1, limit: 100, filters: { create_from_date: from, create_to_date: to } }]);
		expect(list.items.map((i) => i.json.messages_outbox_id)).toEqual([501, 502]);

		const asked: string[] = [];
		const recipientsOf: Record<string, Array<ReturnType<typeof recipientRow>>> = {
			'501': [recipientRow(1, '2'), recipientRow(2, '3'), recipientRow(3, '4')],
			'502': [recipientRow(4, '0'), recipientRow(5, '2')],
		};
		nock(BASE, { reqheaders: { authorization: API_KEY } })
			.get('/api/report/recipients')
			.query(true)
			.times(2)
			.reply(200, (uri) => {
				const query = new URL(uri, BASE).searchParams;
				asked.push(query.toString());
				const rows = recipientsOf[String(query.get('bulk_id'))];
				return page(rows, { perPage: 1000 });
			});
		const recipients = await runNode({
			parameters: recipientsNode.parameters,
			items: list.items.map((i) => i.json),
			timezone,
			credentials: apiKeyCredentials(BASE),
		});
		expect(recipients.error).toBeUndefined();
		expect(asked).toEqual(['bulk_id=501&page=1&per_page=1000', 'bulk_id=502&page=1&per_page=1000']);
		expect(recipients.items.map((i) => [i.json.bulk_id, i.json.recipient, i.json.status, i.pairedItem])).toEqual([
			[501, '+989120000001', 'delivered', { item: 0 }],
			[501, '+989120000002', 'not_delivered', { item: 0 }],
			[501, '+989120000003', 'blacklisted', { item: 0 }],
			[502, '+989120000004', 'sent_to_operator', { item: 1 }],
			[502, '+989120000005', 'delivered', { item: 1 }],
		]);
	});
});
