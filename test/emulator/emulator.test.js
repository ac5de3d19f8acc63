'use strict';

const { createEmulator, totp, CREDENTIALS } = require('../../dev/emulator');

const KEY = 'emulator-api-key';
const GA_SECRET = 'JBSWY3DPEHPK3PXP';

let emu;
let base;

beforeAll(async () => {
	emu = createEmulator();
	base = await emu.start();
});
afterAll(() => emu.stop());
beforeEach(() => emu.reset());

async function call(method, path, { body, auth = KEY, headers = {}, raw, url = base } = {}) {
	const h = { ...headers };
	if (auth) h.authorization = auth;
	let payload = raw;
	if (raw === undefined && body !== undefined) {
		payload = JSON.stringify(body);
		h['content-type'] = 'application/json';
	}
	const res = await fetch(url + path, { method, headers: h, body: payload });
	const text = await res.text();
	let json;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: res.status, json, text, headers: res.headers };
}
const post = (path, body, options) => call('POST', path, { ...options, body });
const get = (path, options) => call('GET', path, options);
const control = (method, path, body) =>
	call(method, `/__emulator${path}`, { body, auth: null, url: base.replace(/\/v1$/, '') });

const utc = (ms) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
const webservice = (overrides = {}) => ({
	sending_type: 'webservice',
	from_number: '+983000505',
	message: 'سلام دنیا',
	params: { recipients: ['+989120000000', '+989350000000'] },
	...overrides,
});
const byBulk = async (id) => (await get(`/api/report/by_bulk?messages_outbox_id=${id}`)).json.data;
const sendOk = async (body) => {
	const res = await post('/api/send', body);
	expect(res.status).toBe(200);
	return res.json.data.message_outbox_ids;
};

describe('auth', () => {
	test('raw API key works, Bearer and missing keys are rejected with 401 400-1', async () => {
		const okRes = await post('/api/acl/auth/check_token');
		expect(okRes.status).toBe(200);
		expect(okRes.json.data).toMatchObject({ user_name: 'demo', user_id: 58745, send_block: false });

		for (const auth of [`Bearer ${KEY}`, null, 'wrong-key']) {
			const res = await get('/api/payment/credit/mine', { auth });
			expect(res.status).toBe(401);
			expect(res.json).toEqual({
				data: null,
				meta: {
					status: false,
					message: 'اطلاعات وارد شده صحیح نمی باشد',
					message_parameters: [],
					message_code: '400-1',
					errors: {},
				},
			});
		}
	});

	test('the /v1 prefix is optional', async () => {
		const res = await call('GET', '/api/payment/credit/mine', { url: base.replace(/\/v1$/, '') });
		expect(res.status).toBe(200);
	});

	test('login (method login) gives a 10 h token; expireTokens and logout invalidate it', async () => {
		const login = await post('/api/acl/auth/login', { username: 'demo', password: 'demo-password' }, { auth: null });
		expect(login.json.data.method).toBe('login');
		const token = login.json.data.token;
		expect(token).toMatch(/^[0-9a-f]{32}$/);
		expect((await get('/api/payment/credit/mine', { auth: token })).status).toBe(200);

		emu.expireTokens();
		expect((await get('/api/payment/credit/mine', { auth: token })).status).toBe(401);
		expect((await get('/api/payment/credit/mine')).status).toBe(200); // API keys never expire

		const again = (await post('/api/acl/auth/login', { username: 'demo', password: 'demo-password' })).json.data.token;
		expect((await post('/api/acl/auth/logout', undefined, { auth: again })).json.data).toBeNull();
		expect((await get('/api/payment/credit/mine', { auth: again })).status).toBe(401);

		const third = (await post('/api/acl/auth/login', { username: 'demo', password: 'demo-password' })).json.data.token;
		emu.advance(10 * 3600 * 1000 + 1000);
		expect((await get('/api/payment/credit/mine', { auth: third })).status).toBe(401);
	});

	test('ga login needs a TOTP (RFC 6238) through confirm_otp', async () => {
		// RFC 6238 SHA-1 test vector
		expect(totp(Buffer.from('12345678901234567890'), 59000, { digits: 8 })).toBe('94287082');

		const login = await post('/api/acl/auth/login', { username: 'ga-user', password: 'ga-password' }, { auth: null });
		expect(login.json.data.method).toBe('ga');
		const temp = login.json.data.token;
		expect((await get('/api/payment/credit/mine', { auth: temp })).status).toBe(401);

		const good = totp(GA_SECRET, emu.now());
		const wrong = await post('/api/acl/auth/confirm_otp', { token: temp, otp: good === '000000' ? '111111' : '000000' });
		expect(wrong.status).toBe(401);
		const missing = await post('/api/acl/auth/confirm_otp', { token: temp });
		expect(missing.status).toBe(422);
		expect(missing.json.meta.errors.otp).toEqual(['تکمیل گزینه otp الزامی است']);

		const confirm = await post('/api/acl/auth/confirm_otp', { token: temp, otp: totp(GA_SECRET, emu.now()) });
		expect(confirm.status).toBe(200);
		expect(confirm.json.data.method).toBe('login');
		expect((await get('/api/payment/credit/mine', { auth: confirm.json.data.token })).status).toBe(200);
		// the temporary token is used up
		expect((await post('/api/acl/auth/confirm_otp', { token: temp, otp: totp(GA_SECRET, emu.now()) })).status).toBe(401);
	});

	test('sms login confirms with 123456; temporary tokens last 6 minutes', async () => {
		const first = await post('/api/acl/auth/login', { username: 'sms-user', password: 'sms-password' });
		expect(first.json.data.method).toBe('sms');
		const confirm = await post('/api/acl/auth/confirm_otp', { token: first.json.data.token, otp: '123456' });
		expect(confirm.status).toBe(200);

		const second = await post('/api/acl/auth/login', { username: 'sms-user', password: 'sms-password' });
		emu.advance(6 * 60 * 1000 + 1000);
		expect((await post('/api/acl/auth/confirm_otp', { token: second.json.data.token, otp: '123456' })).status).toBe(401);
	});

	test('wrong password: 422 422-1 with top-level errors and no data; missing field: 400-2', async () => {
		const res = await post('/api/acl/auth/login', { username: 'demo', password: 'nope' }, { auth: null });
		expect(res.status).toBe(422);
		expect(res.json).toEqual({
			errors: { username: ['نام کاربری یا رمز عبور اشتباه است'] },
			meta: { status: false, message: 'درخواست معتبر نیست', message_parameters: [], message_code: '422-1' },
		});
		const missing = await post('/api/acl/auth/login', { username: 'demo' }, { auth: null });
		expect(missing.status).toBe(422);
		expect(missing.json.meta.message_code).toBe('400-2');
		expect(missing.json.meta.errors).toEqual({ password: ['تکمیل گزینه گذرواژه الزامی است'] });
	});

	test('options: legacy login errors, forced blacklist; low credit → state 8', async () => {
		const other = createEmulator({ loginErrorStyle: 'legacy', blacklist: ['+989121234567'] });
		const url = await other.start();
		const api = (method, path, body) => call(method, path, { url, body });
		try {
			const login = await call('POST', '/api/acl/auth/login', {
				url,
				auth: null,
				body: { username: 'demo', password: 'bad' },
			});
			expect(login.status).toBe(401);
			expect(login.json.meta.message_code).toBe('400-1');

			const send = await api('POST', '/api/send', webservice({ params: { recipients: ['+989121234567'] } }));
			const [id] = send.json.data.message_outbox_ids;
			other.advance(61 * 1000);
			const rows = (await api('GET', `/api/report/recipients?bulk_id=${id}`)).json.data;
			expect(rows).toEqual([
				{ recipient: '+989121234567', message: 'سلام دنیا', is_readable: true, msg_parts: '1', message_status: '4' },
			]);

			other.state.credit = 100;
			const poor = await api('POST', '/api/send', webservice({ message: 'no credit' }));
			expect(poor.status).toBe(200);
			const row = (await api('GET', `/api/report/by_bulk?messages_outbox_id=${poor.json.data.message_outbox_ids[0]}`)).json.data;
			expect(row).toMatchObject({ state_id: 8, cost: 0 });
			expect(other.state.credit).toBe(100);
			// the pre-2025-06 form of by_bulk still answers
			expect((await api('POST', `/api/report/by_bulk/${id}`, {})).json.data.messages_outbox_id).toBe(String(id));
		} finally {
			await other.stop();
		}
	});
});

describe('account endpoints', () => {
	test('credit, sender numbers (no paging meta), calculate-price', async () => {
		const credit = await get('/api/payment/credit/mine');
		expect(credit.json.data).toMatchObject({ credit: 1500000, gift: 0, gift_expires_at: null });
		expect(credit.json.data.updated_at).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);

		const numbers = await get('/api/number/numbers?page=1&per_page=10');
		expect(numbers.json.data.map((n) => n.number)).toEqual(['+983000505', '+98100020400', '+9850004150']);
		expect(numbers.json.meta.last_page).toBeUndefined();

		const price = await post('/api/send/calculate-price', { number: '+983000505', message: 'تست' });
		expect(price.json.data).toEqual({ mci_price: 500, other_price: 550, parts: 1 });
		const latin = await post('/api/send/calculate-price', { number: '+983000505', message: 'x'.repeat(161) });
		expect(latin.json.data).toEqual({ mci_price: 500, other_price: 550, parts: 2 });
		const long = await post('/api/send/calculate-price', { number: '+983000505', message: 'س'.repeat(71) });
		expect(long.json.data.parts).toBe(2);
	});

	test('patterns list/by code/filters, phonebooks', async () => {
		const list = await get('/api/patterns');
		expect(list.json.meta).toMatchObject({ current_page: 1, last_page: 1, per_page: 10, total: 4, from: 1, to: 4 });
		const otp = list.json.data.find((p) => p.pattern_code === 'otp-login');
		expect(otp.variable).toEqual([{ name: 'code', type: 'integer', len: 6 }]);

		expect((await get('/api/patterns?filter[state]=inactive')).json.data).toHaveLength(1);
		const empty = await get('/api/patterns?filter[code]=');
		expect(empty.status).toBe(422);
		expect((await get('/api/patterns/order-shipped')).json.data.pattern_message).toContain('%order%');
		const unknown = await get('/api/patterns/nope');
		expect(unknown.status).toBe(404);

		const books = await get('/api/phonebooks/list-new?page=1&per_page=10');
		expect(books.json.data.map((b) => [b.id, b.count])).toEqual([
			[123654, 250],
			[456987, 12],
		]);
		expect(books.json.meta.total).toBe(2);
	});
});

describe('send', () => {
	test('webservice: recorded in requests, listed in new_list, charged', async () => {
		const [id] = await sendOk(webservice());
		expect(typeof id).toBe('number');

		const logged = emu.requests.find((r) => r.path === '/api/send');
		expect(logged.method).toBe('POST');
		expect(logged.headers.authorization).toBe(KEY);
		expect(logged.body.params.recipients).toHaveLength(2);
		expect(Buffer.isBuffer(logged.rawBody)).toBe(true);

		const list = await post('/api/report/new_list', { page: 1, limit: 10 });
		const row = list.json.data[0]; // newest first
		expect(row).toMatchObject({
			messages_outbox_id: String(id),
			number: '+983000505',
			type: 'webservice',
			rcpts_count: '2',
			message: 'سلام دنیا',
			state_id: 1,
			cost: 1050, // 500 (mci) + 550 (irancell)
		});
		expect(row.time).toMatch(/^\d{10}$/);
		expect(emu.state.credit).toBe(1500000 - 1050);
	});

	test('normal, peer_to_peer, postal_code, votp, phonebook', async () => {
		const [normal] = await sendOk(webservice({ sending_type: 'normal', message: 'normal send' }));
		expect((await byBulk(normal)).type).toBe('normal');

		const p2p = await sendOk({
			sending_type: 'peer_to_peer',
			from_number: '+983000505',
			params: [
				{ recipients: ['+989120000000', '+989350000000'], message: 'پیام اول' },
				{ recipients: ['+989130000000'], message: 'پیام دوم' },
			],
		});
		expect(p2p).toHaveLength(2);
		expect((await byBulk(p2p[1])).message).toBe('پیام دوم');

		const [postal] = await sendOk({
			sending_type: 'postal_code',
			from_number: '+98BANK',
			message: 'متن پیام',
			params: [
				{ bank: 'all', postal_code: 131, mci: { start: 0, size: 1 }, irancell: { start: 0, size: 2 }, other: { start: 0, size: 0 } },
			],
			other_recipients: ['+989120000000'],
		});
		expect((await byBulk(postal)).rcpts_count).toBe('4');

		const [voice] = await sendOk({ sending_type: 'votp', message: '45852', params: { recipients: ['+989120000000'] } });
		expect(await byBulk(voice)).toMatchObject({ type: 'sendvoice', number: '+98votp', summary: 'ارسال کد فعالسازی صوتی : 45852' });

		const [book] = await sendOk({
			sending_type: 'phonebook',
			from_number: '+983000505',
			message: 'تست',
			params: [
				{ phonebook_ids: ['123654'], type: 'all', start: '1', size: '2' },
				{ phonebook_id: '456987', type: 'detail', number_ids: ['5000251', '5000252', '5000253'] }, // contact ids
			],
		});
		expect((await byBulk(book)).rcpts_count).toBe('5');

		const listed = (await post('/api/report/new_list', { limit: 100 })).json.data.map((r) => Number(r.messages_outbox_id));
		expect(listed).toEqual(expect.arrayContaining([normal, ...p2p, postal, voice, book]));
		expect(emu.requests.filter((r) => r.path === '/api/send')).toHaveLength(5);
	});

	test('pattern: variables substituted; wrong params 422; unknown code 404', async () => {
		const body = {
			sending_type: 'pattern',
			from_number: '+983000505',
			code: 'otp-login',
			recipients: ['+989120000000'],
			params: { code: '4821' },
		};
		const [id] = await sendOk(body);
		expect((await byBulk(id)).message).toBe('کد ورود شما: 4821');

		const bad = await post('/api/send', { ...body, params: { otp: '1' } });
		expect(bad.status).toBe(422);
		expect(bad.json.meta.message_code).toBe('400-2');
		expect(Object.keys(bad.json.meta.errors).sort()).toEqual(['params.code', 'params.otp']);

		const notInteger = await post('/api/send', { ...body, params: { code: 'abc' } });
		expect(notInteger.json.meta.errors['params.code']).toBeDefined();

		const two = await post('/api/send', { ...body, recipients: ['+989120000000', '+989350000000'] });
		expect(two.status).toBe(422);

		const unknown = await post('/api/send', { ...body, code: 'missing' });
		expect(unknown.status).toBe(404);
		expect(unknown.json.meta.message).toBe('الگو یافت نشد');

		const [noVars] = await sendOk({ ...body, code: 'welcome', params: {} });
		expect((await byBulk(noVars)).type).toBe('pattern');
	});

	test('peer_to_peer_file: multipart CSV, one outbox id per row', async () => {
		const form = new FormData();
		form.append('sending_type', 'peer_to_peer_file');
		form.append('from_number', '+983000505');
		const csv = 'recipient,message\n09123456789,سلام علی\n+989351112233,"Hi, Sara"\n';
		form.append('files[]', new Blob([csv], { type: 'text/csv' }), 'list.csv');
		const res = await fetch(`${base}/api/send`, { method: 'POST', headers: { authorization: KEY }, body: form });
		expect(res.status).toBe(200);
		const ids = (await res.json()).data.message_outbox_ids;
		expect(ids).toHaveLength(2);

		const logged = emu.requests.at(-1);
		expect(logged.body.fields).toEqual({ sending_type: 'peer_to_peer_file', from_number: '+983000505' });
		expect(logged.body.files[0]).toMatchObject({ field: 'files[]', filename: 'list.csv', contentType: 'text/csv' });
		expect(logged.body.files[0].content.toString('utf8')).toBe(csv);

		expect(await byBulk(ids[1])).toMatchObject({ message: 'Hi, Sara', type: 'peer_to_peer_file' });
		const recipients = await get(`/api/report/recipients?bulk_id=${ids[0]}`);
		expect(recipients.json.data[0].recipient).toBe('+989123456789');

		const noFile = new FormData();
		noFile.append('sending_type', 'peer_to_peer_file');
		noFile.append('from_number', '+983000505');
		const missing = await fetch(`${base}/api/send`, { method: 'POST', headers: { authorization: KEY }, body: noFile });
		expect(missing.status).toBe(422);
		expect((await missing.json()).meta.errors.files).toEqual(['تکمیل گزینه فایل ها الزامی است']);
	});

	test('validation errors follow the documents', async () => {
		const noMessage = await post('/api/send', webservice({ message: undefined }));
		expect(noMessage.status).toBe(422);
		expect(noMessage.json).toEqual({
			data: null,
			meta: {
				status: false,
				message: 'تکمیل گزینه پیام الزامی است',
				message_parameters: [],
				message_code: '400-2',
				errors: { message: ['تکمیل گزینه پیام الزامی است'] },
			},
		});
		const local = await post('/api/send', webservice({ params: { recipients: ['09120000000'] } }));
		expect(local.json.meta.errors['params.recipients.0']).toBeDefined();
		const line = await post('/api/send', webservice({ from_number: '+98999' }));
		expect(line.json.meta.errors.from_number).toBeDefined();
		const soon = await post('/api/send', webservice({ send_time: utc(emu.now() + 60 * 1000) }));
		expect(soon.json.meta.errors.send_time).toBeDefined();
		const format = await post('/api/send', webservice({ send_time: '2030-01-01T10:00:00Z' }));
		expect(format.json.meta.errors.send_time).toBeDefined();
		const type = await post('/api/send', webservice({ sending_type: 'fax' }));
		expect(type.json.meta.errors.sending_type).toBeDefined();
		const votp = await post('/api/send', { sending_type: 'votp', message: 'abc', params: { recipients: ['+989120000000'] } });
		expect(votp.json.meta.errors.message).toBeDefined();

		const notJson = await call('POST', '/api/send', { raw: '{"sending_type":', headers: { 'content-type': 'application/json' } });
		expect(notJson.status).toBe(422);
		expect(notJson.json.meta.status).toBe(false);

		const route = await get('/api/nothing-here');
		expect(route.status).toBe(404);
		expect(route.json.meta.status).toBe(false);
		expect(emu.state.outbox).toHaveLength(6); // nothing was created
	});

	test('the same send within 40 s is answered 429', async () => {
		await sendOk(webservice());
		const again = await post('/api/send', webservice());
		expect(again.status).toBe(429);
		expect(again.json.meta.status).toBe(false);
		expect(again.json.data).toBeNull();
		await sendOk(webservice({ message: 'متن دیگر' }));
		emu.advance(41 * 1000);
		await sendOk(webservice());
	});

	test('scheduled send: state 5, charged when it goes out, cancel rules', async () => {
		const credit = emu.state.credit;
		const sendTime = utc(emu.now() + 10 * 60 * 1000);
		const [id] = await sendOk(webservice({ send_time: sendTime }));
		expect(await byBulk(id)).toMatchObject({ state_id: 5, cost: 0 });
		expect(emu.state.credit).toBe(credit);

		// 0.5 s after the send time (state 1 lasts 2 s): measured from the send time itself, so a
		// slow machine between the send and this line cannot carry it into state 2.
		emu.advance(Date.parse(`${sendTime.replace(' ', 'T')}Z`) + 500 - emu.now());
		expect((await byBulk(id)).state_id).toBe(1);
		expect(emu.state.credit).toBe(credit - 1050);
		const late = await post('/api/send/cancel', { message_outbox_id: id });
		expect(late.status).toBe(422);

		const [later] = await sendOk(webservice({ message: 'لغو', send_time: utc(emu.now() + 3600 * 1000) }));
		const cancel = await post('/api/send/cancel', { message_outbox_id: later });
		expect(cancel.status).toBe(200);
		expect(cancel.json.data).toBeNull();
		expect((await byBulk(later)).state_id).toBe(7);

		const unknown = await post('/api/send/cancel', { message_outbox_id: 42 });
		expect(unknown.status).toBe(404);
		expect(unknown.json.meta.message_code).toBe('400-1');
	});
});

describe('reports', () => {
	test('delivery progresses with advance(): state 1 → 2 → 6, statuses 0 → 1 → final', async () => {
		const recipients = Array.from({ length: 40 }, (_, i) => `+98912${String(1000000 + i)}`);
		const [id] = await sendOk(webservice({ params: { recipients } }));
		const statuses = async () =>
			(await get(`/api/report/recipients?bulk_id=${id}&per_page=100`)).json.data.map((r) => r.message_status);

		expect((await byBulk(id)).state_id).toBe(1);
		expect(new Set(await statuses())).toEqual(new Set(['0']));
		emu.advance(2500);
		expect((await byBulk(id)).state_id).toBe(2);
		emu.advance(3000);
		const finished = await byBulk(id);
		expect(finished).toMatchObject({ state_id: 6, state: 'finish', status: 'پایان یافته', exit_count: '40' });
		emu.advance(5000); // 10.5 s: everyone reached the operator
		expect((await statuses()).every((s) => s !== '0')).toBe(true);
		emu.advance(50000); // 60.5 s: all final
		const final = await statuses();
		expect(final.every((s) => ['2', '3', '4'].includes(s))).toBe(true);
		expect(final.filter((s) => s === '2').length).toBeGreaterThan(25);

		const stats = (await get(`/api/report/bulk_stats?bulk_id=${id}`)).json.data;
		const mci = (key) => Number(stats[`operators_${key}`].mci.fa);
		expect(mci('delivered') + mci('failed') + mci('blacklist')).toBe(40);
		expect(stats.operators_pending.mci.fa).toBe(0);
		expect(typeof stats.operators_delivered.mci.fa).toBe('string');
		expect(stats.operators_delivered.irancell).toEqual({ en: 0, fa: 0 });

		// deterministic: the same answer twice
		expect(await statuses()).toEqual(final);
	});

	test('new_list filters and paging meta; bad state_id → 400-31', async () => {
		const all = await post('/api/report/new_list', { page: 1, limit: 2 });
		expect(all.json.meta).toMatchObject({ current_page: 1, per_page: 2, total: 6, last_page: 3, from: 1, to: 2 });
		expect(all.json.meta.path).toBe('/api/report/new_list');

		const finished = await post('/api/report/new_list', { filters: { state_id: '6' } });
		expect(finished.json.data.every((r) => r.state_id === 6)).toBe(true);
		const scheduled = await post('/api/report/new_list', { filters: { state_id: '5', username: '*' } });
		expect(scheduled.json.meta.total).toBe(1);
		const byNumber = await post('/api/report/new_list', { filters: { number: '+98100020400' } });
		expect(byNumber.json.data.map((r) => r.number)).toEqual(['+98100020400']);
		const text = await post('/api/report/new_list', { filters: { message: 'آزمایشی' } });
		expect(text.json.meta.total).toBe(1);
		const id = text.json.data[0].messages_outbox_id;
		expect((await post('/api/report/new_list', { filters: { messages_outbox_id: id } })).json.meta.total).toBe(1);
		const now = Math.floor(emu.now() / 1000);
		const recent = await post('/api/report/new_list', { filters: { create_from_date: String(now - 3 * 3600) } });
		expect(recent.json.meta.total).toBe(2); // seeds from 2 h and 1 h ago
		const sent = await post('/api/report/new_list', { filters: { send_to_date: String(now) } });
		expect(sent.json.meta.total).toBe(4); // not the two scheduled for later
		const exits = await post('/api/report/new_list', { filters: { from_exit_count: 2, to_exit_count: 3 } });
		expect(exits.json.data.map((r) => r.exit_count)).toEqual(['2', '3']);

		const bad = await post('/api/report/new_list', { filters: { state_id: '12' } });
		expect(bad.status).toBe(422);
		expect(bad.json.meta).toMatchObject({ message: 'invalid state', message_code: '400-31' });
	});

	test('by_bulk, bulk_stats and recipients errors', async () => {
		const missing = await get('/api/report/bulk_stats');
		expect(missing.status).toBe(422);
		expect(missing.json.meta.errors).toEqual({ bulk_id: ['تکمیل گزینه bulk_id الزامی است'] });
		expect((await get('/api/report/by_bulk?messages_outbox_id=1')).status).toBe(404);
		expect((await get('/api/report/recipients?bulk_id=1')).json.meta.message_code).toBe('400-1');
		const row = await byBulk(1123590001);
		expect(row).toMatchObject({ return: 0, reject_comment: null, rcpts_count: '3' });
	});

	test('recipients of a 100 000 bulk page cheaply (per_page max 1000)', async () => {
		const before = process.memoryUsage().heapUsed;
		const id = emu.seedBulk({ recipients: 100000 });
		const page1 = await get(`/api/report/recipients?bulk_id=${id}&page=1&per_page=1000`);
		expect(page1.json.meta).toMatchObject({ total: 100000, last_page: 100, per_page: 1000, from: 1, to: 1000 });
		expect(page1.json.data).toHaveLength(1000);
		expect(page1.json.data[0]).toMatchObject({ is_readable: true, msg_parts: '1' });
		expect(page1.json.data[0].recipient).toMatch(/^\+989\d{9}$/);

		const last = await get(`/api/report/recipients?bulk_id=${id}&page=100&per_page=5000`);
		expect(last.json.meta).toMatchObject({ per_page: 1000, current_page: 100, from: 99001, to: 100000 });
		const past = await get(`/api/report/recipients?bulk_id=${id}&page=101&per_page=1000`);
		expect(past.json.data).toEqual([]);
		expect(past.json.meta).toMatchObject({ from: null, to: null });

		const entry = emu.state.outboxById.get(id);
		expect(entry.recipients.segments).toHaveLength(1);
		expect(entry.recipients.segments[0].list).toBeUndefined(); // virtual, not an array of 100 000
		expect(process.memoryUsage().heapUsed - before).toBeLessThan(40 * 1024 * 1024);
		expect((await byBulk(id)).rcpts_count).toBe('100000');
	});

	test('inbox: newest first, from_id exclusive, ids increase', async () => {
		const added = emu.addInbound({ from: '+989121112233', to: '+983000505', message: 'سلام' });
		expect(added.messages_inbox_id).toBe(1004);
		const generated = emu.generateInbound(5);
		expect(generated.map((m) => m.messages_inbox_id)).toEqual([1005, 1006, 1007, 1008, 1009]);

		const res = await post('/api/report/messages-inbox', { page: 1, per_page: 4, filters: { from_id: 1003 } });
		expect(res.json.meta).toMatchObject({ total: 6, last_page: 2, per_page: 4 });
		expect(res.json.data.map((m) => m.messages_inbox_id)).toEqual([1009, 1008, 1007, 1006]);
		expect(res.json.data[3]).toMatchObject({ seen: '0', type: 'normal' });
		expect(typeof res.json.data[0].time).toBe('number');
		const page2 = await post('/api/report/messages-inbox', { page: 2, per_page: 4, filters: { from_id: 1003 } });
		expect(page2.json.data.map((m) => m.messages_inbox_id)).toEqual([1005, 1004]);
		const none = await post('/api/report/messages-inbox', { filters: { from_id: 1009 } });
		expect(none.json.data).toEqual([]);
	});
});

describe('faults', () => {
	test('status: answers the status with a standard envelope, or a given body', async () => {
		emu.injectFault({ path: '/api/payment/credit/mine', kind: 'status', status: 503 });
		emu.injectFault({ path: /credit/, kind: 'status', status: 500, body: { custom: true }, headers: { 'retry-after': '3' } });
		const first = await get('/api/payment/credit/mine');
		expect(first.status).toBe(503);
		expect(first.json.meta.status).toBe(false);
		const second = await get('/api/payment/credit/mine');
		expect(second.status).toBe(500);
		expect(second.json).toEqual({ custom: true });
		expect(second.headers.get('retry-after')).toBe('3');
		expect((await get('/api/payment/credit/mine')).status).toBe(200); // consumed
	});

	test('times and method matching', async () => {
		emu.injectFault({ method: 'POST', kind: 'status', status: 500, times: 2 });
		expect((await get('/api/payment/credit/mine')).status).toBe(200);
		expect((await post('/api/report/new_list', {})).status).toBe(500);
		expect((await post('/api/report/new_list', {})).status).toBe(500);
		expect((await post('/api/report/new_list', {})).status).toBe(200);
	});

	test('html: nginx 502 page', async () => {
		emu.injectFault({ kind: 'html' });
		const res = await get('/api/payment/credit/mine');
		expect(res.status).toBe(502);
		expect(res.headers.get('content-type')).toMatch(/text\/html/);
		expect(res.text).toContain('502 Bad Gateway');
		expect(res.json).toBeUndefined();
	});

	test('truncated: 200 with half a JSON', async () => {
		emu.injectFault({ kind: 'truncated', path: '/api/payment/credit/mine' });
		const res = await get('/api/payment/credit/mine');
		expect(res.status).toBe(200);
		expect(res.json).toBeUndefined();
		expect(res.text.startsWith('{"data":')).toBe(true);
	});

	test('metaFalse: HTTP 200 with meta.status false', async () => {
		emu.injectFault({ kind: 'metaFalse' });
		const res = await get('/api/payment/credit/mine');
		expect(res.status).toBe(200);
		expect(res.json.meta.status).toBe(false);
		expect(res.json.data).toBeNull();
	});

	test('delay: answers normally after delayMs', async () => {
		emu.injectFault({ kind: 'delay', delayMs: 200 });
		const started = Date.now();
		const res = await get('/api/payment/credit/mine');
		expect(res.status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(190);
	});

	test('drop: no answer; the send happened unless recordSend is false', async () => {
		emu.injectFault({ kind: 'drop', path: '/api/send' });
		await expect(post('/api/send', webservice())).rejects.toThrow();
		expect(emu.state.outbox).toHaveLength(7);
		// a retry is a duplicate
		expect((await post('/api/send', webservice())).status).toBe(429);

		emu.injectFault({ kind: 'drop', path: '/api/send', recordSend: false });
		await expect(post('/api/send', webservice({ message: 'دیگر' }))).rejects.toThrow();
		expect(emu.state.outbox).toHaveLength(7);
		expect(emu.requests.filter((r) => r.path === '/api/send')).toHaveLength(3);
	});

	test('clearFaults and unknown kinds', () => {
		emu.injectFault({ kind: 'html' });
		emu.clearFaults();
		expect(emu.summary().pendingFaults).toBe(0);
		expect(() => emu.injectFault({ kind: 'nope' })).toThrow(/kind/);
	});
});

describe('control endpoints', () => {
	test('state, requests, advance, fault, inbound, seed-bulk, expire-tokens, clear, reset', async () => {
		const state = await control('GET', '/state');
		expect(state.json.state).toMatchObject({ credit: 1500000, outbox: 6, inbox: 3 });

		const form = new FormData();
		form.append('sending_type', 'peer_to_peer_file');
		form.append('from_number', '+983000505');
		form.append('files[]', new Blob(['09123456789,hi\n']), 'a.csv');
		await fetch(`${base}/api/send`, { method: 'POST', headers: { authorization: KEY }, body: form });
		const logged = await control('GET', '/requests?path=/api/send');
		expect(logged.json.requests).toHaveLength(1);
		const file = logged.json.requests[0].body.files[0];
		expect(Buffer.from(file.content, 'base64').toString()).toBe('09123456789,hi\n');
		expect(typeof logged.json.requests[0].rawBody).toBe('string');

		const before = emu.now();
		const advanced = await control('POST', '/advance', { ms: 60000 });
		expect(advanced.json.now).toBeGreaterThanOrEqual(before + 60000);

		await control('POST', '/fault', { kind: 'status', status: 418, path: { regex: '^/api/payment' } });
		expect((await get('/api/payment/credit/mine')).status).toBe(418);

		const one = await control('POST', '/inbound', { from: '+989120000000', to: '+983000505', message: 'hi' });
		expect(one.json.message.messages_inbox_id).toBe(1004);
		const many = await control('POST', '/inbound', { count: 3 });
		expect(many.json.messages).toHaveLength(3);

		const bulk = await control('POST', '/seed-bulk', { recipients: 5000 });
		expect((await byBulk(bulk.json.id)).rcpts_count).toBe('5000');

		const token = (await post('/api/acl/auth/login', { username: 'demo', password: 'demo-password' })).json.data.token;
		await control('POST', '/expire-tokens');
		expect((await get('/api/payment/credit/mine', { auth: token })).status).toBe(401);

		await control('POST', '/clear-requests');
		expect(emu.requests).toHaveLength(0);
		await control('POST', '/reset');
		expect((await control('GET', '/state')).json.state).toMatchObject({ outbox: 6, inbox: 3, clockOffsetMs: 0 });
		expect((await control('POST', '/nope')).status).toBe(404);
	});
});

test('demo credentials are exported', () => {
	expect(CREDENTIALS.apiKey).toBe(KEY);
	expect(CREDENTIALS.users['ga-user'].totpSecret).toBe(GA_SECRET);
});
