import nock from 'nock';

import { API_KEY, apiKeyCredentials, everythingProduced, loginCredentials, runNode } from '../harness';
import { BASE, fail, ok } from '../harness/answers';

const getCredit = { resource: 'account', operation: 'getCredit' };
const getProfile = { resource: 'account', operation: 'getProfile' };

describe('IPPanel answers that are errors', () => {
	test('HTTP 200 with meta.status false is an error carrying the Persian message', async () => {
		nock(BASE).get('/api/payment/credit/mine').reply(200, fail('حساب کاربری مسدود است', '400-7'));
		const result = await runNode({ parameters: getCredit, credentials: apiKeyCredentials(BASE) });
		expect(result.items).toEqual([]);
		expect(result.error?.message).toBe('IPPanel request failed (HTTP 200 400-7): حساب کاربری مسدود است');
	});

	test('422 field errors name the field in the description, with an English hint', async () => {
		nock(BASE)
			.post('/api/acl/auth/check_token')
			.reply(422, fail('تکمیل گزینه bulk_id الزامی است', '400-2', { bulk_id: ['تکمیل گزینه bulk_id الزامی است'] }));
		const result = await runNode({ parameters: getProfile, credentials: apiKeyCredentials(BASE) });
		expect(result.error?.message).toBe('IPPanel request failed (HTTP 422 400-2): تکمیل گزینه bulk_id الزامی است');
		expect(result.error?.description).toContain('Field error — bulk_id: تکمیل گزینه bulk_id الزامی است');
		expect(result.error?.description).toContain('IPPanel refused a field');
		expect(result.error?.httpCode).toBe('422');
	});

	test('an HTML gateway page is named as such, after bounded retries for a read', async () => {
		let calls = 0;
		nock(BASE)
			.get('/api/payment/credit/mine')
			.times(5)
			.reply(() => {
				calls++;
				return [502, '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>'];
			});
		const result = await runNode({ parameters: getCredit, credentials: apiKeyCredentials(BASE) });
		expect(calls).toBe(3);
		expect(result.error?.message).toBe(
			'IPPanel request failed (HTTP 502): the server answered with an HTML page "502 Bad Gateway" instead of IPPanel JSON',
		);
	});

	test('cut-off JSON is a clear error, not a crash', async () => {
		nock(BASE)
			.get('/api/payment/credit/mine')
			.reply(200, '{"data": {"credit": 12', { 'Content-Type': 'application/json' });
		const result = await runNode({ parameters: getCredit, credentials: apiKeyCredentials(BASE) });
		expect(result.error?.message).toBe(
			'IPPanel request failed (HTTP 200): the answer was not valid JSON (cut off or not from IPPanel)',
		);
	});

	test('a read answered 503 then 200 succeeds on the retry', async () => {
		nock(BASE).get('/api/payment/credit/mine').reply(503, fail('سرویس در دسترس نیست', '500-1'));
		nock(BASE).get('/api/payment/credit/mine').reply(200, ok({ credit: 5 }));
		const result = await runNode({ parameters: getCredit, credentials: apiKeyCredentials(BASE) });
		expect(result.items[0].json.credit).toBe(5);
	});

	test('a refused connection says to check the Base URL', async () => {
		nock.enableNetConnect('127.0.0.1');
		const result = await runNode({ parameters: getCredit, credentials: apiKeyCredentials('http://127.0.0.1:9/v1') });
		nock.disableNetConnect();
		expect(result.error?.message).toBe(
			'IPPanel request failed (no answer): the connection was refused (is the Base URL right?)',
		);
	});
});

describe('continueOnFail', () => {
	test('a failing item becomes an error item paired to it; the others go on', async () => {
		nock(BASE)
			.get('/api/payment/credit/mine')
			.reply(200, ok({ credit: 1 }))
			.get('/api/payment/credit/mine')
			.reply(422, fail('خطا', '400-2', { x: ['نادرست'] }))
			.get('/api/payment/credit/mine')
			.reply(200, ok({ credit: 3 }));
		const result = await runNode({
			parameters: getCredit,
			credentials: apiKeyCredentials(BASE),
			items: [{}, {}, {}],
			onError: 'continueRegularOutput',
		});
		expect(result.items.map((item) => [item.json.credit ?? item.json.error, item.pairedItem])).toEqual([
			[1, { item: 0 }],
			['IPPanel request failed (HTTP 422 400-2): خطا', { item: 1 }],
			[3, { item: 2 }],
		]);
	});
});

test('"Continue (using error output)" routes the failing item to the error output', async () => {
	nock(BASE)
		.get('/api/payment/credit/mine')
		.reply(200, ok({ credit: 1 }))
		.get('/api/payment/credit/mine')
		.reply(422, fail('خطا', '400-2'));
	const result = await runNode({
		parameters: getCredit,
		credentials: apiKeyCredentials(BASE),
		items: [{}, {}],
		onError: 'continueErrorOutput',
	});
	expect(result.outputs[0].map((item) => [item.json.credit, item.pairedItem])).toEqual([[1, { item: 0 }]]);
	expect(result.outputs[1].map((item) => [item.json.error, item.pairedItem])).toEqual([
		['IPPanel request failed (HTTP 422 400-2): خطا', { item: 1 }],
	]);
});

describe('base URL variants', () => {
	test.each(['https://edge.example.test/v1/', 'https://edge.example.test/v1/api', ' https://edge.example.test/v1/api/ '])(
		'"%s" reaches /v1/api/...',
		async (baseUrl) => {
			const scope = nock(BASE).get('/api/payment/credit/mine').reply(200, ok({ credit: 2 }));
			const result = await runNode({ parameters: getCredit, credentials: apiKeyCredentials(baseUrl) });
			expect(result.items[0].json.credit).toBe(2);
			expect(scope.isDone()).toBe(true);
		},
	);
});

describe('secrets', () => {
	test('no API key, password, session token or TOTP secret in outputs or errors', async () => {
		const secrets = [API_KEY, 'pw-Sup3r-secret', 'tok-Sup3r-secret', 'GEZDGNBVGY3TQOJQ'];
		nock(BASE).get('/api/payment/credit/mine').reply(401, fail('اطلاعات وارد شده صحیح نمی باشد', '400-1'));
		nock(BASE).post('/api/acl/auth/login').reply(200, ok({ method: 'login', token: 'tok-Sup3r-secret' }));
		nock(BASE).post('/api/acl/auth/check_token').reply(200, ok({ user_name: 'demo', user_id: 1 }));
		nock(BASE)
			.post('/api/acl/auth/check_token')
			.reply(500, '<html><title>oops</title></html>')
			.persist();
		const runs = [
			await runNode({ parameters: getCredit, credentials: apiKeyCredentials(BASE) }),
			await runNode({
				parameters: getProfile,
				credentials: loginCredentials(BASE, { password: secrets[1], totpSecret: secrets[3] }),
				items: [{}, {}],
				onError: 'continueRegularOutput',
			}),
		];
		expect(runs[1].items.map((item) => item.json.user_name ?? item.json.error)).toEqual([
			'demo',
			'IPPanel request failed (HTTP 500): the server answered with an HTML page "oops" instead of IPPanel JSON',
		]);
		for (const run of runs) {
			const produced = everythingProduced(run);
			for (const secret of secrets) expect(produced).not.toContain(secret);
		}
	});
});
