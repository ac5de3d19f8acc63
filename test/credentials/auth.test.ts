import nock from 'nock';

import { decodeBase32, totp } from '../../dist/credentials/totp';
import { API_KEY, apiKeyCredentials, everythingProduced, loginCredentials, runNode } from '../harness';
import { testCredential } from '../harness/credentialTest';
import { BAD_TOKEN, BASE, fail, ok } from '../harness/answers';

const TOTP_SECRET = 'JBSWY3DPEHPK3PXP';
const getCredit = { resource: 'account', operation: 'getCredit' };
const CREDIT = ok({ credit: 1000.5 });

/** Accepts the code for the current 30 s step or its neighbours, as IPPanel does. */
function isCurrentCode(otp: string): boolean {
	const key = decodeBase32(TOTP_SECRET);
	return [-30_000, 0, 30_000].some((shift) => totp(key, Date.now() + shift) === otp);
}

describe('API key authentication', () => {
	test('the key goes raw into Authorization and no login happens', async () => {
		const scope = nock(BASE, { reqheaders: { authorization: API_KEY } })
			.get('/api/payment/credit/mine')
			.reply(200, CREDIT);
		const result = await runNode({ parameters: getCredit, credentials: apiKeyCredentials(BASE) });
		expect(result.items[0].json.credit).toBe(1000.5);
		expect(scope.isDone()).toBe(true);
	});

	test('a refused key gives one request (no re-login loop) and a hint about the key', async () => {
		let calls = 0;
		nock(BASE)
			.get('/api/payment/credit/mine')
			.times(2)
			.reply(() => {
				calls++;
				return [401, BAD_TOKEN];
			});
		const result = await runNode({ parameters: getCredit, credentials: apiKeyCredentials(BASE) });
		expect(calls).toBe(1);
		expect(result.error?.message).toBe('IPPanel request failed (HTTP 401 400-1): اطلاعات وارد شده صحیح نمی باشد');
		expect(result.error?.description).toContain('Check the IPPanel credential');
	});
});

describe('username + password authentication', () => {
	test('logs in once, stores the session token, and reuses it on the next run', async () => {
		const login = nock(BASE)
			.post('/api/acl/auth/login', { username: 'demo', password: 'pw-secret-1' })
			.once()
			.reply(200, ok({ method: 'login', token: 'session-tok-1' }));
		const credit = nock(BASE, { reqheaders: { authorization: 'session-tok-1' } })
			.get('/api/payment/credit/mine')
			.twice()
			.reply(200, CREDIT);
		const store = loginCredentials(BASE, { password: 'pw-secret-1' });
		await runNode({ parameters: getCredit, credentials: store });
		const second = await runNode({ parameters: getCredit, credentials: store });
		expect(second.items[0].json.credit).toBe(1000.5);
		expect(store.data.sessionToken).toBe('session-tok-1');
		expect(store.preAuthCalls).toBe(1);
		expect(login.isDone() && credit.isDone()).toBe(true);
	});

	test('Google Authenticator accounts log in unattended with the TOTP secret', async () => {
		let confirmedOtp = '';
		nock(BASE).post('/api/acl/auth/login').reply(200, ok({ method: 'ga', token: 'temp-tok' }));
		nock(BASE)
			.post('/api/acl/auth/confirm_otp', (body: { token: string; otp: string }) => {
				confirmedOtp = body.otp;
				return body.token === 'temp-tok';
			})
			.reply(200, ok({ method: 'login', token: 'final-tok' }));
		const credit = nock(BASE, { reqheaders: { authorization: 'final-tok' } })
			.get('/api/payment/credit/mine')
			.reply(200, CREDIT);
		const store = loginCredentials(BASE, { username: 'ga-user', totpSecret: TOTP_SECRET });
		const result = await runNode({ parameters: getCredit, credentials: store });
		expect(result.error).toBeUndefined();
		expect(isCurrentCode(confirmedOtp)).toBe(true);
		expect(credit.isDone()).toBe(true);
	});

	test.each([
		['sms', '', /code sent by SMS.*Use Authentication "API Key"/],
		['ga', '', /Google Authenticator.*Fill in "TOTP Secret"/],
	])('a %s account without a usable second step gets a clear error and no API call', async (method, secret, message) => {
		nock(BASE).post('/api/acl/auth/login').reply(200, ok({ method, token: 'temp-tok' }));
		const credit = nock(BASE).get('/api/payment/credit/mine').reply(200, CREDIT);
		const result = await runNode({ parameters: getCredit, credentials: loginCredentials(BASE, { totpSecret: secret }) });
		expect(result.error?.message).toMatch(message);
		expect(credit.isDone()).toBe(false);
	});

	test.each([
		['the seed guide (HTTP 401, 400-1)', 401, BAD_TOKEN],
		[
			'the current docs (HTTP 422, 422-1, top-level errors)',
			422,
			{ ...fail('درخواست معتبر نیست', '422-1'), errors: { username: ['نام کاربری یا رمز عبور اشتباه است'] } },
		],
	])('a wrong password as %s says what to check, without the password', async (_name, status, body) => {
		nock(BASE).post('/api/acl/auth/login').reply(status, body);
		const result = await runNode({
			parameters: getCredit,
			credentials: loginCredentials(BASE, { password: 'hunter2-secret' }),
		});
		expect(result.error?.message).toMatch(
			new RegExp(`IPPanel login failed: the username or password is wrong \\(HTTP ${status}\\)`),
		);
		expect(everythingProduced(result)).not.toContain('hunter2-secret');
	});

	test('a token that expires mid-run is renewed once: items 1-3 use the old token, item 4 logs in again', async () => {
		const logins = nock(BASE)
			.post('/api/acl/auth/login')
			.reply(200, ok({ method: 'login', token: 'tok-old' }))
			.post('/api/acl/auth/login')
			.reply(200, ok({ method: 'login', token: 'tok-new' }));
		const old = nock(BASE, { reqheaders: { authorization: 'tok-old' } })
			.get('/api/payment/credit/mine')
			.times(3)
			.reply(200, CREDIT)
			.get('/api/payment/credit/mine')
			.reply(401, BAD_TOKEN);
		const renewed = nock(BASE, { reqheaders: { authorization: 'tok-new' } })
			.get('/api/payment/credit/mine')
			.reply(200, ok({ credit: 999 }));
		const store = loginCredentials(BASE);
		const result = await runNode({ parameters: getCredit, credentials: store, items: [{}, {}, {}, {}] });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => [item.json.credit, item.pairedItem])).toEqual([
			[1000.5, { item: 0 }],
			[1000.5, { item: 1 }],
			[1000.5, { item: 2 }],
			[999, { item: 3 }],
		]);
		expect(store.preAuthCalls).toBe(2);
		expect(store.data.sessionToken).toBe('tok-new');
		expect(logins.isDone() && old.isDone() && renewed.isDone()).toBe(true);
	});
});

describe('credential test (the "Test" button)', () => {
	test('passes for a right key and fails for a wrong one', async () => {
		nock(BASE, { reqheaders: { authorization: 'right-key' } }).get('/api/payment/credit/mine').reply(200, CREDIT);
		nock(BASE, { reqheaders: { authorization: 'wrong-key' } }).get('/api/payment/credit/mine').reply(401, BAD_TOKEN);
		expect((await testCredential(apiKeyCredentials(BASE, 'right-key'))).status).toBe('OK');
		expect((await testCredential(apiKeyCredentials(BASE, 'wrong-key'))).status).toBe('Error');
	});

	test('tolerates a base URL typed with a trailing slash or /api', async () => {
		nock(BASE).get('/api/payment/credit/mine').times(2).reply(200, CREDIT);
		expect((await testCredential(apiKeyCredentials(`${BASE}/`))).status).toBe('OK');
		expect((await testCredential(apiKeyCredentials(`${BASE}/api/`))).status).toBe('OK');
	});

	test('a 200 answer with meta.status false fails the test', async () => {
		nock(BASE).get('/api/payment/credit/mine').reply(200, fail('دسترسی ندارید', '400-1'));
		expect(await testCredential(apiKeyCredentials(BASE))).toEqual({
			status: 'Error',
			message: 'IPPanel refused this API key or login',
		});
	});

	test('login mode logs in during the test', async () => {
		nock(BASE).post('/api/acl/auth/login').reply(200, ok({ method: 'login', token: 'tok-test' }));
		nock(BASE, { reqheaders: { authorization: 'tok-test' } }).get('/api/payment/credit/mine').reply(200, CREDIT);
		expect((await testCredential(loginCredentials(BASE))).status).toBe('OK');
	});
});
