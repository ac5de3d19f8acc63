import { DateTime } from 'luxon';
import nock from 'nock';

import { API_KEY, apiKeyCredentials, runNode } from '../harness';
import { fixWallClock } from '../harness/fixedClock';
import { BASE, outboxRow, page } from './fixtures';

/** Records every `new_list` body and answers with `answer(body)`. */
function newList(answer: (body: Record<string, unknown>) => unknown) {
	const bodies: Array<Record<string, unknown>> = [];
	nock(BASE, { reqheaders: { authorization: API_KEY } })
		.post('/api/report/new_list')
		.times(100)
		.reply(200, (_uri, body) => {
			bodies.push(body as Record<string, unknown>);
			return answer(body as Record<string, unknown>) as nock.Body;
		});
	return { bodies };
}

const list = (extra: Record<string, unknown> = {}) => ({ resource: 'report', operation: 'list', ...extra });

describe('Report → Get Many (new_list)', () => {
	test('sends every filter in IPPanel wire format: dates in the workflow time zone as Unix-second strings, state as an id', async () => {
		const { bodies } = newList(() => page([]));
		const result = await runNode({
			timezone: 'Asia/Tehran',
			parameters: list({
				returnAll: true,
				filters: {
					username: '*',
					number: '+98217000070',
					messages_outbox_id: '1100972179',
					// Picker values carry no offset: 00:00 Tehran (UTC+03:30) is 20:30 UTC the day before.
					create_from_date: '2025-04-08T00:00:00',
					create_to_date: '2025-04-08T23:59:59',
					// Expressions may give an offset, which wins over the workflow time zone.
					send_from_date: '2025-04-07T20:30:00.000Z',
					send_to_date: '2025-04-08T23:59:59+03:30',
					from_exit_count: 1,
					to_exit_count: 100,
					message: 'تست',
					state_id: '6',
				},
			}),
			credentials: apiKeyCredentials(BASE),
		});
		expect(result.error).toBeUndefined();
		expect(bodies).toEqual([
			{
				page: 1,
				limit: 100,
				filters: {
					username: '*',
					number: '+98217000070',
					messages_outbox_id: '1100972179',
					create_from_date: '1744057800',
					create_to_date: '1744144199',
					send_from_date: '1744057800',
					send_to_date: '1744144199',
					from_exit_count: 1,
					to_exit_count: 100,
					message: 'تست',
					state_id: '6',
				},
			},
		]);
		expect(result.items).toEqual([]);
	});

	test.each([
		['0', 'creating'],
		['3', 'rejected'],
		['8', 'insufficient_credit'],
		['9', 'system_error'],
	])('state filter %s goes out as that id string and rows get the word "%s"', async (stateId, word) => {
		const { bodies } = newList(() =>
			page([outboxRow(7, { state_id: Number(stateId) })]),
		);
		const result = await runNode({ parameters: list({ returnAll: true, filters: { state_id: stateId } }), credentials: apiKeyCredentials(BASE) });
		expect(bodies[0].filters).toEqual({ state_id: stateId });
		expect(result.items[0].json.state_name).toBe(word);
		expect(result.items[0].json.state_id).toBe(Number(stateId));
	});

	test('the state dropdown offers all ten documented states, values 0–9', async () => {
		const { Ippanel } = await import('../../dist/nodes/Ippanel/Ippanel.node');
		const filters = new Ippanel().description.properties.find(
			(p) => p.name === 'filters' && p.displayOptions?.show?.operation?.includes('list'),
		);
		const state = (filters?.options as Array<{ name: string; options?: Array<{ name: string; value: string }> }>).find(
			(o) => o.name === 'state_id',
		);
		expect(state?.options?.map((o) => [o.value, o.name])).toEqual([
			['0', 'Creating'],
			['1', 'In Review'],
			['2', 'Sending'],
			['3', 'Rejected'],
			['4', 'Invalid Recipients'],
			['5', 'Queued'],
			['6', 'Sent'],
			['7', 'Canceled'],
			['8', 'Insufficient Credit'],
			['9', 'System Error'],
		]);
	});

	test('leaves filters out when none are set, and outputs one typed item per outbox row', async () => {
		const { bodies } = newList(() =>
			page([outboxRow(1100972179), outboxRow(588459562, { state_id: 2, part: '3', return: '0' })]),
		);
		const result = await runNode({ parameters: list({ returnAll: true }), credentials: apiKeyCredentials(BASE) });
		expect(bodies).toEqual([{ page: 1, limit: 100 }]);
		expect(result.items.map((i) => i.json)).toEqual([
			{
				...outboxRow(0),
				messages_outbox_id: 1100972179,
				number_id: 123654,
				rcpts_count: 2,
				exit_count: 2,
				time: 1745409400,
				time_iso: '2025-04-23T11:56:40.000Z',
				time_send: 1745409418,
				time_send_iso: '2025-04-23T11:56:58.000Z',
				state_name: 'sent',
			},
			{
				...outboxRow(0),
				messages_outbox_id: 588459562,
				number_id: 123654,
				rcpts_count: 2,
				exit_count: 2,
				part: 3,
				return: 0,
				state_id: 2,
				time: 1745409400,
				time_iso: '2025-04-23T11:56:40.000Z',
				time_send: 1745409418,
				time_send_iso: '2025-04-23T11:56:58.000Z',
				state_name: 'sending',
			},
		]);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	test('Include Raw API Row keeps the row exactly as IPPanel sent it', async () => {
		newList(() => page([outboxRow(5)]));
		const result = await runNode({ parameters: list({ returnAll: true, options: { includeRaw: true } }), credentials: apiKeyCredentials(BASE) });
		expect(result.items[0].json.raw).toEqual(outboxRow(5));
		expect(result.items[0].json.messages_outbox_id).toBe(5);
	});

	test('limit inside one page asks for just that many rows and stops', async () => {
		const { bodies } = newList((body) =>
			page(
				Array.from({ length: body.limit as number }, (_, i) => outboxRow(i + 1)),
				{ current: 1, last: 10, perPage: body.limit as number, total: 30 },
			),
		);
		const result = await runNode({ parameters: list({ returnAll: false, limit: 3 }), credentials: apiKeyCredentials(BASE) });
		expect(bodies).toEqual([{ page: 1, limit: 3 }]);
		expect(result.items.map((i) => i.json.messages_outbox_id)).toEqual([1, 2, 3]);
	});

	test('limit across pages reads the next page and cuts at the limit (server caps the page at 2)', async () => {
		const { bodies } = newList((body) => {
			const current = body.page as number;
			return page([outboxRow(current * 10 + 1), outboxRow(current * 10 + 2)], { current, last: 5, perPage: 2, total: 10 });
		});
		const result = await runNode({ parameters: list({ returnAll: false, limit: 3 }), credentials: apiKeyCredentials(BASE) });
		expect(bodies).toEqual([
			{ page: 1, limit: 3 },
			{ page: 2, limit: 3 },
		]);
		expect(result.items.map((i) => i.json.messages_outbox_id)).toEqual([11, 12, 21]);
	});

	test('an invalid state answer (HTTP 422, 400-31) fails the node with IPPanel’s message', async () => {
		nock(BASE)
			.post('/api/report/new_list')
			.reply(422, { data: null, meta: { status: false, message: 'invalid state', message_parameters: [], message_code: '400-31', errors: {} } });
		const result = await runNode({ parameters: list({ returnAll: true, filters: { state_id: '6' } }), credentials: apiKeyCredentials(BASE) });
		expect(result.error?.message).toBe('IPPanel request failed (HTTP 422 400-31): invalid state');
		expect(result.error?.description).toContain('Endpoint: /api/report/new_list');
		expect(result.items).toEqual([]);
	});

	test('a reversed date range is refused before any request, naming both filters', async () => {
		const { bodies } = newList(() => page([]));
		const result = await runNode({
			parameters: list({ returnAll: true, filters: { send_from_date: '2025-04-09T00:00:00', send_to_date: '2025-04-08T00:00:00' } }),
			credentials: apiKeyCredentials(BASE),
		});
		expect(result.error?.message).toBe('Filter "Sent After" is later than "Sent Before"');
		expect(result.error?.context?.itemIndex).toBe(0);
		expect(bodies).toEqual([]);
	});

	test('a date filter that is not a date is refused before any request', async () => {
		const { bodies } = newList(() => page([]));
		const result = await runNode({
			parameters: list({ returnAll: true, filters: { create_from_date: 'yesterday' } }),
			credentials: apiKeyCredentials(BASE),
		});
		expect(result.error?.message).toBe('Filter "Created After" is not a date: yesterday');
		expect(bodies).toEqual([]);
	});

	test('a Luxon DateTime from an expression ({{ $today }}) is read in its own zone', async () => {
		// 00:30 in Tehran, still the day before in UTC: the run and this test read the same instant.
		fixWallClock('2025-03-20T21:00:00Z');
		try {
			const { bodies } = newList(() => page([]));
			await runNode({
				timezone: 'Asia/Tehran',
				parameters: list({ returnAll: true, filters: { create_from_date: '={{ $today.minus({ days: 1 }) }}', create_to_date: '={{ $today }}' } }),
				credentials: apiKeyCredentials(BASE),
			});
			const today = DateTime.now().setZone('Asia/Tehran').startOf('day');
			expect(bodies[0].filters).toEqual({
				create_from_date: String(today.minus({ days: 1 }).toSeconds()),
				create_to_date: String(today.toSeconds()),
			});
			// 2025-03-21 00:00 Tehran (UTC+03:30) is 2025-03-20 20:30 UTC.
			expect(bodies[0].filters).toEqual({ create_from_date: '1742416200', create_to_date: '1742502600' });
		} finally {
			jest.useRealTimers();
		}
	});

	test('dates given as Unix seconds from an expression pass through unchanged', async () => {
		const { bodies } = newList(() => page([]));
		await runNode({
			parameters: list({ returnAll: true, filters: { create_from_date: '={{ 1744102007 }}' } }),
			credentials: apiKeyCredentials(BASE),
		});
		expect(bodies[0].filters).toEqual({ create_from_date: '1744102007' });
	});
});
