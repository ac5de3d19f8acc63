import nock from 'nock';

import { API_KEY, apiKeyCredentials, runNode } from '../harness';
import { BASE, ok } from '../harness/answers';

describe('Account', () => {
	test('Get Credit sends the API key raw and outputs the credit as a number', async () => {
		const scope = nock(BASE, { reqheaders: { authorization: API_KEY } })
			.get('/api/payment/credit/mine')
			.reply(200, ok({ credit: 1520000.5, yesterday_credit: '1600000', gift: 0 }));
		const result = await runNode({
			parameters: { resource: 'account', operation: 'getCredit' },
			credentials: apiKeyCredentials(BASE),
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json)).toEqual([{ credit: 1520000.5, yesterday_credit: '1600000', gift: 0 }]);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(scope.isDone()).toBe(true);
	});

	test('a node run reads the credential once for all its requests (n8n decrypts it from the database per read)', async () => {
		nock(BASE).get('/api/payment/credit/mine').times(3).reply(200, ok({ credit: 1 }));
		const credentials = apiKeyCredentials(BASE);
		const result = await runNode({
			parameters: { resource: 'account', operation: 'getCredit' },
			credentials,
			items: [{}, {}, {}],
		});
		expect(result.items).toHaveLength(3);
		expect(credentials.reads).toBe(1);
	});
});
