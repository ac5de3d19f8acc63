import nock from 'nock';

import { API_KEY, apiKeyCredentials, runNode } from '../harness';
import { BASE, ok, page } from '../harness/answers';

const PATTERN = {
	pattern_code: 'abc123xyz',
	title: null,
	pattern_message: 'کد شما %code% است',
	pattern_status: 'active',
	pattern_status_id: '1',
	variable: [{ name: 'code', type: 'integer', len: '6' }],
	delimiter: '%',
	pattern_type: 'transactional',
	pattern_is_share: false,
};

describe('Pattern', () => {
	test('Get asks GET /api/patterns/{code} and converts numbers', async () => {
		const scope = nock(BASE, { reqheaders: { authorization: API_KEY } }).get('/api/patterns/abc123xyz').reply(200, ok(PATTERN));
		const result = await runNode({
			parameters: { resource: 'pattern', operation: 'get', patternCode: 'abc123xyz', options: { includeRaw: true } },
			credentials: apiKeyCredentials(BASE),
		});
		expect(scope.isDone()).toBe(true);
		expect(result.items.map((i) => i.json)).toEqual([
			{ ...PATTERN, pattern_status_id: 1, variable: [{ name: 'code', type: 'integer', len: 6 }], raw: PATTERN },
		]);
	});

	test('Get with an empty code is refused before any request', async () => {
		const result = await runNode({ parameters: { resource: 'pattern', operation: 'get', patternCode: ' ' }, credentials: apiKeyCredentials(BASE) });
		expect(result.error?.message).toBe('No pattern chosen (parameter "patternCode", item 0)');
	});

	test('Get of an unknown pattern (404) fails with IPPanel’s message', async () => {
		nock(BASE)
			.get('/api/patterns/nope')
			.reply(404, { data: null, meta: { status: false, message: 'الگو یافت نشد', message_parameters: [], message_code: '400-1', errors: {} } });
		const result = await runNode({ parameters: { resource: 'pattern', operation: 'get', patternCode: 'nope' }, credentials: apiKeyCredentials(BASE) });
		expect(result.error?.message).toBe('IPPanel request failed (HTTP 404 400-1): الگو یافت نشد');
	});

	test('Get Many pages at 100 with only the filters that are set, as filter[name]', async () => {
		const asked: string[] = [];
		nock(BASE)
			.get('/api/patterns')
			.query(true)
			.times(2)
			.reply(200, (uri) => {
				asked.push(decodeURIComponent(uri.split('?')[1]));
				const current = Number(new URL(uri, BASE).searchParams.get('page'));
				return page([{ ...PATTERN, pattern_code: `p${current}` }], { current, last: 2, perPage: 100, total: 2 });
			});
		const result = await runNode({
			parameters: { resource: 'pattern', operation: 'getAll', returnAll: true, filters: { title: 'OTP', code: '' } },
			credentials: apiKeyCredentials(BASE),
		});
		expect(asked).toEqual(['filter[title]=OTP&page=1&per_page=100', 'filter[title]=OTP&page=2&per_page=100']);
		expect(result.items.map((i) => [i.json.pattern_code, i.json.pattern_status_id])).toEqual([
			['p1', 1],
			['p2', 1],
		]);
	});
});
