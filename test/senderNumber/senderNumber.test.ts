import nock from 'nock';

import { API_KEY, apiKeyCredentials, runNode } from '../harness';
import { BASE, ok } from '../harness/answers';

describe('Sender Number → Get Many', () => {
	test('an answer without paging meta is one page: one request, one item per number, flags as booleans', async () => {
		const numbers = [
			{ id: '11', number: '+983000505', operator_id: '2', alias: 'main', gets: 1, is_66_char: 0 },
			{ id: 12, number: '+9810001234', operator_id: 3, alias: null, gets: '0', is_66_char: '1' },
		];
		const scope = nock(BASE, { reqheaders: { authorization: API_KEY } })
			.get('/api/number/numbers')
			.query({ page: '1', per_page: '100' })
			.reply(200, ok(numbers));
		const result = await runNode({ parameters: { resource: 'senderNumber', operation: 'getAll', returnAll: true }, credentials: apiKeyCredentials(BASE) });
		expect(result.error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(result.items.map((i) => i.json)).toEqual([
			{ id: 11, number: '+983000505', operator_id: 2, alias: 'main', gets: true, is_66_char: false },
			{ id: 12, number: '+9810001234', operator_id: 3, alias: null, gets: false, is_66_char: true },
		]);
	});

	test('limit cuts the list', async () => {
		nock(BASE)
			.get('/api/number/numbers')
			.query({ page: '1', per_page: '1' })
			.reply(200, ok([{ id: 1, number: '+983000505' }, { id: 2, number: '+983000506' }]));
		const result = await runNode({ parameters: { resource: 'senderNumber', operation: 'getAll', returnAll: false, limit: 1 }, credentials: apiKeyCredentials(BASE) });
		expect(result.items.map((i) => i.json.id)).toEqual([1]);
	});
});
