import nock from 'nock';

import { API_KEY, apiKeyCredentials, runNode } from '../harness';
import { BASE, ok, outboxRow } from './fixtures';

const split = (en: number | string, fa: number | string) => ({ en, fa });

/** bulk_stats as IPPanel's API documentation shows it, with counts mixing `0` and `"1"`. */
const STATS = {
	operators_blacklist: { irancell: split(0, 0), mci: split(0, '2') },
	operators_failed: { irancell: split(0, '1'), mci: split(0, 3) },
	operators_pending: { irancell: split(0, 0), mci: split('1', 0) },
	operators_sent: { irancell: split(0, 0), mci: split(0, 0) },
	operators_delivered: { irancell: split(4, '10'), mci: split(0, '79') },
};

describe('Report → Get Stats (bulk_stats)', () => {
	test('flattens the counts per operator and in total, with the delivery rate, and keeps the API object', async () => {
		const scope = nock(BASE, { reqheaders: { authorization: API_KEY } })
			.get('/api/report/bulk_stats')
			.query({ bulk_id: '1100972179' })
			.reply(200, ok(STATS));
		const result = await runNode({ parameters: { resource: 'report', operation: 'stats', bulkId: '1100972179' }, credentials: apiKeyCredentials(BASE) });
		expect(result.error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(result.items.map((i) => i.json)).toEqual([
			{
				bulk_id: 1100972179,
				total: 100,
				sent: 0,
				delivered: 93,
				failed: 4,
				pending: 1,
				blacklisted: 2,
				delivery_rate: 93,
				irancell_sent: 0,
				irancell_delivered: 14,
				irancell_failed: 1,
				irancell_pending: 0,
				irancell_blacklisted: 0,
				irancell_total: 15,
				mci_sent: 0,
				mci_delivered: 79,
				mci_failed: 3,
				mci_pending: 1,
				mci_blacklisted: 2,
				mci_total: 85,
				raw: STATS,
			},
		]);
	});

	test('a bulk with no counts yet has total 0 and delivery rate null; rates round to two decimals', async () => {
		const zero = {
			operators_blacklist: { mci: split(0, 0) },
			operators_failed: { mci: split(0, 0) },
			operators_pending: { mci: split(0, 0) },
			operators_sent: { mci: split(0, 0) },
			operators_delivered: { mci: split(0, 0) },
		};
		nock(BASE).get('/api/report/bulk_stats').query({ bulk_id: '5' }).reply(200, ok(zero));
		const empty = await runNode({ parameters: { resource: 'report', operation: 'stats', bulkId: '5' }, credentials: apiKeyCredentials(BASE) });
		expect(empty.items[0].json).toMatchObject({ total: 0, delivered: 0, delivery_rate: null, mci_total: 0 });

		nock(BASE)
			.get('/api/report/bulk_stats')
			.query({ bulk_id: '6' })
			.reply(200, ok({ operators_delivered: { rightel: split('2', 0) }, operators_pending: { rightel: split(0, '1') } }));
		const third = await runNode({ parameters: { resource: 'report', operation: 'stats', bulkId: '6' }, credentials: apiKeyCredentials(BASE) });
		expect(third.items[0].json).toMatchObject({ total: 3, delivered: 2, pending: 1, failed: 0, delivery_rate: 66.67, rightel_delivered: 2, rightel_total: 3 });
	});

	test('an unknown bulk (HTTP 404 400-1) fails with the id hint', async () => {
		nock(BASE)
			.get('/api/report/bulk_stats')
			.query(true)
			.reply(404, { data: null, meta: { status: false, message: 'یافت نشد', message_parameters: [], message_code: '400-1', errors: {} } });
		const result = await runNode({ parameters: { resource: 'report', operation: 'stats', bulkId: '9' }, credentials: apiKeyCredentials(BASE) });
		expect(result.error?.message).toBe('IPPanel request failed (HTTP 404 400-1): یافت نشد');
		expect(result.error?.description).toContain('IPPanel does not know this id');
	});
});

describe('Report → Get (by_bulk)', () => {
	test('asks GET by_bulk?messages_outbox_id= and outputs the typed outbox row', async () => {
		const row = { ...outboxRow(5544778899), return: 0, reject_comment: null, part: '1', parent_id: '98554', user_id: '99885544' };
		const scope = nock(BASE, { reqheaders: { authorization: API_KEY } })
			.get('/api/report/by_bulk')
			.query({ messages_outbox_id: '5544778899' })
			.reply(200, ok(row));
		const result = await runNode({
			parameters: { resource: 'report', operation: 'getById', bulkId: '={{ $json.id }}' },
			items: [{ id: 5544778899 }],
			credentials: apiKeyCredentials(BASE),
		});
		expect(scope.isDone()).toBe(true);
		expect(result.items.map((i) => i.json)).toEqual([
			{
				...row,
				messages_outbox_id: 5544778899,
				number_id: 123654,
				rcpts_count: 2,
				exit_count: 2,
				part: 1,
				parent_id: 98554,
				user_id: 99885544,
				time: 1745409400,
				time_iso: '2025-04-23T11:56:40.000Z',
				time_send: 1745409418,
				time_send_iso: '2025-04-23T11:56:58.000Z',
				state_name: 'sent',
			},
		]);
	});

	test('an empty Bulk ID is refused before any request', async () => {
		const result = await runNode({ parameters: { resource: 'report', operation: 'getById', bulkId: '={{ $json.missing ?? "" }}' }, credentials: apiKeyCredentials(BASE) });
		expect(result.error?.message).toBe('Bulk ID is empty (parameter "bulkId", item 0)');
	});
});
