'use strict';

// Plain HTTP tests of the emulator's second-release endpoints: phonebooks, contacts, custom
// fields, pattern management, region/job banks, the file/keyword/region send types, and the
// strictness rules the node has to meet.

const { createEmulator } = require('../../dev/emulator');
const { writeXlsx, readXlsx } = require('../../dev/emulator/xlsx');

const KEY = 'emulator-api-key';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let emu;
let base;

beforeAll(async () => {
	emu = createEmulator();
	base = await emu.start();
});
afterAll(() => emu.stop());
beforeEach(() => emu.reset());

async function call(method, path, { body, form, url = base } = {}) {
	const headers = { authorization: KEY };
	let payload;
	if (form) payload = form;
	else if (body !== undefined) {
		payload = JSON.stringify(body);
		headers['content-type'] = 'application/json';
	}
	const res = await fetch(url + path, { method, headers, body: payload });
	const text = await res.text();
	let json;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: res.status, json };
}
const get = (path, options) => call('GET', path, options);
const post = (path, body) => call('POST', path, { body });
const put = (path, body) => call('PUT', path, { body });
const root = () => base.replace(/\/v1$/, '');
const control = (method, path, body) => call(method, `/__emulator${path}`, { body, url: root() });

function form(fields, file) {
	const data = new FormData();
	for (const [key, value] of Object.entries(fields)) {
		for (const item of [].concat(value)) data.append(Array.isArray(value) ? `${key}[]` : key, item);
	}
	if (file) data.append(file.field || 'files[]', new Blob([file.content], { type: file.type }), file.name);
	return data;
}
const sendForm = (fields, file) => call('POST', '/api/send', { form: form(fields, file) });
const sendJson = (body) => post('/api/send', body);
const byBulk = async (id) => (await get(`/api/report/by_bulk?messages_outbox_id=${id}`)).json.data;
const recipientsOf = async (id) => (await get(`/api/report/recipients?bulk_id=${id}&per_page=1000`)).json.data;

function expect422(res, fields) {
	expect(res.status).toBe(422);
	expect(res.json.meta).toMatchObject({ status: false, message_code: '400-2' });
	for (const field of fields) expect(res.json.meta.errors[field]).toEqual(expect.arrayContaining([expect.any(String)]));
}

describe('xlsx reader/writer', () => {
	test('round trip: shared strings, numbers as digits, gaps, Persian text', () => {
		const book = writeXlsx([
			['phone_number', 'ex_B'],
			[9123456789, 'علی & <سارا>'],
			['09351112233', '', 'C only'],
		]);
		expect(book.readUInt32LE(0)).toBe(0x04034b50);
		expect(readXlsx(book)).toEqual([
			['phone_number', 'ex_B'],
			['9123456789', 'علی & <سارا>'],
			['09351112233', '', 'C only'],
		]);
	});
});

describe('phonebooks', () => {
	test('list by GET and POST, paging meta, filters, per_page max 1000', async () => {
		const viaGet = await get('/api/phonebooks/list-new?page=1&per_page=1');
		expect(viaGet.json.meta).toMatchObject({ current_page: 1, last_page: 2, per_page: 1, total: 2, from: 1, to: 1 });
		expect(viaGet.json.data[0]).toMatchObject({ id: 123654, title: 'مشتریان', count: 250, export_status: 0, import_status: 0 });
		const viaPost = await post('/api/phonebooks/list-new', { page: 2, per_page: 1 });
		expect(viaPost.json.data.map((b) => b.id)).toEqual([456987]);
		expect(viaPost.json.data[0].options).toEqual([
			{ id: 1234, title: 'تاریخ تولد', type: 'date' },
			{ id: 1235, title: 'میزان بدهی', type: 'string' },
		]);
		expect((await get('/api/phonebooks/list-new?id=456987')).json.meta.total).toBe(1);
		expect((await get(`/api/phonebooks/list-new?title=${encodeURIComponent('همکار')}`)).json.data[0].id).toBe(456987);
		expect((await get('/api/phonebooks/list-new?per_page=5000')).json.meta.per_page).toBe(1000);
	});

	test('create, update, delete-list; validation 422 and unknown 404', async () => {
		const created = await post('/api/phonebooks', { title: 'تست', options: ['1236', 1237] });
		expect(created.status).toBe(200);
		expect(created.json.data).toMatchObject({ title: 'تست', count: '0', export_status: null, import_status: null });
		expect(created.json.data.options.map((o) => o.id)).toEqual([1236, 1237]);
		const id = created.json.data.id;
		expect(typeof id).toBe('number');

		const noTitle = await post('/api/phonebooks', { options: [] });
		expect422(noTitle, ['title']);
		expect(noTitle.json.meta.message).toBe('تکمیل گزینه عنوان الزامی است');
		expect422(await post('/api/phonebooks', { title: 'x'.repeat(201) }), ['title']);
		expect422(await post('/api/phonebooks', { title: 'a', options: [999999] }), ['options.0']);

		const updated = await put(`/api/phonebooks/${id}`, { title: 'تست ۲', options: ['1234'] });
		expect(updated.status).toBe(200);
		expect(updated.json.data).toBeNull();
		const listed = (await get(`/api/phonebooks/list-new?id=${id}`)).json.data[0];
		expect(listed).toMatchObject({ title: 'تست ۲', options: [{ id: 1234, title: 'تاریخ تولد', type: 'date' }] });
		expect((await put('/api/phonebooks/42', { title: 'x' })).status).toBe(404);

		expect422(await post('/api/phonebooks/delete-list', { listPhonebooks: [id, 42] }), ['listPhonebooks.1']);
		expect422(await post('/api/phonebooks/delete-list', {}), ['listPhonebooks']);
		const removed = await post('/api/phonebooks/delete-list', { listPhonebooks: [id, 456987] });
		expect(removed.status).toBe(200);
		expect((await get('/api/phonebooks/list-new')).json.data.map((b) => b.id)).toEqual([123654]);
		expect((await get('/api/phonebooks/numbers/contact-list?phonebook_id=456987')).json.meta.total).toBe(0);
	});
});

describe('custom fields (options)', () => {
	test('list (paged, optional type/title filters), store, update, delete-list', async () => {
		const list = await get('/api/phonebooks/options/list-new?per_page=2');
		expect(list.json.meta).toMatchObject({ total: 4, last_page: 2, per_page: 2 });
		expect(list.json.data[0]).toEqual({ id: 1234, title: 'تاریخ تولد', type: 'date', created_at: expect.stringMatching(/\+00:00$/) });
		expect((await get('/api/phonebooks/options/list-new?type=date')).json.data.map((o) => o.id)).toEqual([1234, 1237]);
		expect422(await get('/api/phonebooks/options/list-new?type=bool'), ['type']);

		const stored = await post('/api/phonebooks/options', { type: 'int', title: 'option1' });
		expect(stored.json.data).toMatchObject({ title: 'option1', type: 'int' });
		const id = stored.json.data.id;
		expect422(await post('/api/phonebooks/options', { type: 'number', title: 'x' }), ['type']);
		expect422(await post('/api/phonebooks/options', {}), ['type', 'title']);

		const updated = await put(`/api/phonebooks/options/${id}`, { title: 'renamed' });
		expect(updated.json.data).toBe(true);
		expect((await put('/api/phonebooks/options/99', { title: 'x' })).status).toBe(404);

		expect422(await post('/api/phonebooks/options/delete-list', { listOptions: ['x'] }), ['listOptions.0']);
		expect((await post('/api/phonebooks/options/delete-list', { listOptions: [id, 1234] })).status).toBe(200);
		const left = (await get('/api/phonebooks/options/list-new')).json.data.map((o) => o.id);
		expect(left).toEqual([1235, 1236, 1237]);
		// gone from the phonebook and from contacts' values too
		expect((await get('/api/phonebooks/list-new?id=456987')).json.data[0].options.map((o) => o.id)).toEqual([1235]);
		expect(emu.contacts(456987)[0].options).toEqual({ 1235: '150000' });
	});
});

describe('contacts (numbers)', () => {
	test('add-list-new answers counts only (201-1); duplicates are existences, bad entries errors', async () => {
		const res = await post('/api/phonebooks/numbers/add-list-new', {
			list: [
				{ number: '+989121236547', pre: 'آقای', name: 'حسن', email: 'hasan@gmail.com', options: { 1234: '1992/10/08', 1235: '15' }, phonebook_id: '456987' },
				{ number: '+989121236547', phonebook_id: '456987' }, // twice in the list
				{ number: '+989121236548', phonebook_id: '456987', options: { 1236: '3' } }, // field not in this phonebook
				{ number: '09121236549', phonebook_id: '456987' }, // not E.164
				{ number: '+989121236550', phonebook_id: '42' }, // no such phonebook
				{ number: '+989121236551', phonebook_id: 123654 },
			],
		});
		expect(res.status).toBe(200);
		expect(res.json).toEqual({
			data: { added: 2, errors: 3, existences: 1 },
			meta: { status: true, message: 'انجام شد', message_parameters: [], message_code: '201-1' },
		});
		expect422(await post('/api/phonebooks/numbers/add-list-new', { list: [] }), ['list']);
		const saved = emu.contacts(456987).find((c) => c.number === '+989121236547');
		expect(saved).toMatchObject({ pre: 'آقای', name: 'حسن', email: 'hasan@gmail.com', options: { 1234: '1992/10/08', 1235: '15' } });
	});

	test('contact-list: filters, paging (max 1000), ids, no option values', async () => {
		const all = await get('/api/phonebooks/numbers/contact-list');
		expect(all.json.meta).toMatchObject({ total: 262, per_page: 10, last_page: 27, current_page: 1 });
		expect(all.json.meta.path).toBe('/api/phonebooks/numbers/contact-list');
		const first = all.json.data[0];
		expect(Object.keys(first).sort()).toEqual(
			['created_at', 'email', 'id', 'name', 'number', 'phonebook_id', 'phonebook_title', 'pre', 'updated_at'].sort(),
		);
		expect(first).toMatchObject({ id: 5000001, phonebook_id: 123654, phonebook_title: 'مشتریان' });

		const book = await get('/api/phonebooks/numbers/contact-list?phonebook_id=456987&per_page=5000');
		expect(book.json.meta).toMatchObject({ total: 12, per_page: 1000 });
		expect(book.json.data[0]).toMatchObject({ id: 5000251, pre: 'آقای', name: 'حسن رضایی' });
		const title = await get(`/api/phonebooks/numbers/contact-list?phonebook_title=${encodeURIComponent('همکاران')}`);
		expect(title.json.meta.total).toBe(12);
		const number = book.json.data[1].number;
		const one = await get(`/api/phonebooks/numbers/contact-list?number=${encodeURIComponent(number)}`);
		expect(one.json.data.map((c) => c.id)).toEqual([5000252]);

		const before = Math.floor(emu.now() / 1000);
		await post('/api/phonebooks/numbers/add-list-new', { list: [{ number: '+989127654321', phonebook_id: 123654 }] });
		const recent = await get(`/api/phonebooks/numbers/contact-list?from_created_at=${before}`);
		expect(recent.json.data.map((c) => c.number)).toEqual(['+989127654321']);
		expect422(await get('/api/phonebooks/numbers/contact-list?from_created_at=yesterday'), ['from_created_at']);
	});

	test('show, update-new (whole contact), delete-list; 404 and 422', async () => {
		const shown = await get('/api/phonebooks/numbers/contact-list/5000251');
		expect(shown.json.data).toMatchObject({
			id: 5000251,
			phonebook_id: 456987,
			pre: 'آقای',
			name: 'حسن رضایی',
			phonebook_title: 'همکاران',
			is_send_blacklist: false,
			is_receive_blacklist: false,
			tags: [],
		});
		expect((await get('/api/phonebooks/numbers/contact-list/1')).status).toBe(404);

		const updated = await put('/api/phonebooks/numbers/update-new/5000251', {
			number: '+989121236547',
			name: 'name',
			options: { 1234: '2025-05-20' },
			phonebook_id: '456987',
		});
		expect(updated.status).toBe(200);
		expect(updated.json.data).toBeNull();
		const after = emu.contacts(456987).find((c) => c.id === 5000251);
		expect(after).toMatchObject({ number: '+989121236547', name: 'name', pre: '', email: '', options: { 1234: '2025-05-20' } });

		expect422(await put('/api/phonebooks/numbers/update-new/5000251', { name: 'x' }), ['number', 'phonebook_id']);
		expect422(await put('/api/phonebooks/numbers/update-new/5000251', { number: '+989121236547', phonebook_id: 456987, options: { 1234: 'soon' } }), [
			'options.1234',
		]);
		const taken = emu.contacts(456987)[1].number;
		expect422(await put('/api/phonebooks/numbers/update-new/5000251', { number: taken, phonebook_id: 456987 }), ['number']);
		// moving it to another phonebook
		expect((await put('/api/phonebooks/numbers/update-new/5000251', { number: '+989121236547', phonebook_id: 123654 })).status).toBe(200);
		expect((await get('/api/phonebooks/list-new?id=123654')).json.data[0].count).toBe(251);

		expect422(await post('/api/phonebooks/numbers/delete-list', { listNumbers: [5000252, 1] }), ['listNumbers.1']);
		expect((await post('/api/phonebooks/numbers/delete-list', { listNumbers: [5000252, 5000253] })).status).toBe(200);
		expect((await get('/api/phonebooks/list-new?id=456987')).json.data[0].count).toBe(9);
	});

	test('import: a real XLSX (header row, option columns); CSV is not Excel', async () => {
		const sheet = writeXlsx([
			['number', 'name', 'تاریخ تولد'],
			[9121110001, 'رضا', '1370/01/01'],
			['09121110002', 'مریم', ''],
			['+989121110001', 'تکراری', ''],
			['12', 'bad', ''],
		]);
		const res = await call('POST', '/api/phonebooks/456987/import', { form: form({}, { field: 'file', content: sheet, name: 'phonebook-import.xlsx', type: XLSX_TYPE }) });
		expect(res.status).toBe(200);
		expect(res.json.data).toBeNull();
		const book = emu.state.phonebooks.find((b) => b.id === 456987);
		expect(book.lastImport).toEqual({ added: 2, errors: 1, existences: 1 });
		expect(emu.contacts(456987).find((c) => c.number === '+989121110001')).toMatchObject({ name: 'رضا', options: { 1234: '1370/01/01' } });

		const csv = await call('POST', '/api/phonebooks/456987/import', { form: form({}, { field: 'file', content: 'number\n09121110003\n', name: 'a.csv', type: 'text/csv' }) });
		expect422(csv, ['file']);
		expect(csv.json.meta.errors.file).toEqual(['فرمت فایل پشتیبانی نمی‌شود']);
		expect422(await call('POST', '/api/phonebooks/456987/import', { form: form({ x: '1' }) }), ['file']);
		expect((await call('POST', '/api/phonebooks/42/import', { form: form({}, { field: 'file', content: sheet, name: 'a.xlsx' }) })).status).toBe(404);

		const lenient = createEmulator({ csvExcel: true });
		const url = await lenient.start();
		try {
			const ok = await call('POST', '/api/phonebooks/456987/import', { url, form: form({}, { field: 'file', content: 'number\n09121110003\n', name: 'a.csv' }) });
			expect(ok.status).toBe(200);
			expect(lenient.contacts(456987)).toHaveLength(13);
		} finally {
			await lenient.stop();
		}
	});

	test('exports start and return no rows; get-sample', async () => {
		const contacts = await get('/api/phonebooks/numbers/contact-list/export?from_created_at=1745785800&phonebook_id=456987');
		expect(contacts.json).toMatchObject({ data: null, meta: { status: true, message_code: '200-1' } });
		const members = await get('/api/phonebooks/456987/export');
		expect(members.json.data).toBeNull();
		expect((await get('/api/phonebooks/42/export')).status).toBe(404);
		expect((await get('/api/phonebooks/456987/import/get-sample')).json.data).toBeNull();
		expect(emu.state.exports.map((e) => e.kind)).toEqual(['contacts', 'phonebook']);
	});
});

describe('pattern management', () => {
	const body = {
		title: 'test pattern',
		description: 'پترن تستی',
		is_share: false,
		message: 'پترن تستی %var% . کد شما %code%',
		website: 'https://yoursite.com',
		variable: [
			{ name: 'var', type: 'string' },
			{ name: 'code', type: 'integer' },
		],
	};

	test('create (both documented paths) → pending → active; update; delete', async () => {
		const created = await post('/api/user/pattern', body);
		expect(created.status).toBe(200);
		const data = created.json.data;
		expect(data).toMatchObject({
			title: 'test pattern',
			pattern_message: body.message,
			pattern_description: 'پترن تستی',
			pattern_status: 'pending',
			pattern_is_share: false,
			delimiter: '%',
			variable: [
				{ name: 'var', type: 'string', len: 40 },
				{ name: 'code', type: 'integer', len: 40 },
			],
		});
		expect(data.pattern_code).toMatch(/^[0-9a-f]{17}$/);
		const send = { sending_type: 'pattern', from_number: '+983000505', code: data.pattern_code, recipients: ['+989120000000'], params: { var: 'x', code: '12' } };
		expect422(await sendJson(send), ['code']); // not approved yet
		emu.advance(61 * 1000);
		expect((await get(`/api/patterns/${data.pattern_code}`)).json.data.pattern_status).toBe('active');
		expect((await sendJson(send)).status).toBe(200);

		const viaCurlPath = await post('/api/patterns/normal', { ...body, title: undefined });
		expect(viaCurlPath.json.data.title).toBeNull();

		const updated = await put(`/api/patterns/normal/${data.pattern_code}`, {
			...body,
			is_share: true,
			message: 'Updated message with %var%',
			variable: [{ name: 'var', type: 'string' }],
		});
		expect(updated.json.data).toMatchObject({ pattern_message: 'Updated message with %var%', pattern_status: 'pending', pattern_is_share: true });
		expect((await put('/api/patterns/normal/nope', body)).status).toBe(404);

		const removed = await call('DELETE', `/api/patterns/normal/${data.pattern_code}`);
		expect(removed.json.data).toBeNull();
		const again = await call('DELETE', `/api/patterns/normal/${data.pattern_code}`);
		expect(again.status).toBe(404);
		expect(again.json.meta).toMatchObject({ message: 'پترن مورد نظر یافت نشد', message_code: '404-1' });
	});

	test('validation: required fields with raw names, variables must match %placeholders%', async () => {
		const empty = await post('/api/user/pattern', { variable: [{}] });
		expect422(empty, ['description', 'is_share', 'message', 'variable.0.name', 'variable.0.type']);
		expect(empty.json.meta.errors.description).toEqual(['تکمیل گزینه description الزامی است']);
		expect(empty.json.meta.message).toMatch(/^تکمیل گزینه description الزامی است \(و \d+ خطای دیگر\)$/);

		const undeclared = await post('/api/user/pattern', { ...body, variable: [{ name: 'var', type: 'string' }] });
		expect422(undeclared, ['message']);
		const unused = await post('/api/user/pattern', { ...body, variable: [...body.variable, { name: 'extra', type: 'string' }] });
		expect422(unused, ['variable.2.name']);
		expect422(await post('/api/user/pattern', { ...body, variable: [{ name: 'var', type: 'number' }, { name: 'code', type: 'integer' }] }), ['variable.0.type']);
		expect422(await post('/api/user/pattern', { ...body, is_share: 'maybe' }), ['is_share']);
		const noVariables = await post('/api/user/pattern', { ...body, message: 'بدون متغیر', variable: [] });
		expect(noVariables.status).toBe(200);
	});
});

describe('banks and jobs look-ups', () => {
	test('v1 provinces, counties, cities, genders; v2 under /v2 (with or without /v1 before it)', async () => {
		const provinces = await get('/api/send/banks/provinces');
		expect(provinces.json.data).toHaveLength(31);
		expect(provinces.json.data[0]).toEqual({ id: 89, name: 'تهران' });
		expect(provinces.json.meta).toMatchObject({ status: true, message_code: '200-1' });
		const counties = await get('/api/send/banks/counties?province_id=119');
		expect(counties.json.data.map((c) => c.name)).toEqual(['بیرجند', 'نامشخص', 'طبس']);
		const cities = await get('/api/send/banks/cities?county_id=147');
		expect(cities.json.data).toEqual([{ id: 12, name: 'بیرجند' }]);
		expect((await get('/api/send/banks/genders')).json.data.map((g) => g.id)).toEqual([1, 2, 3]);

		const bad = await get('/api/send/banks/counties?province_id=1');
		expect(bad.json.meta.errors).toEqual({ province_id: ['گزینه انتخاب شده province id صحیح نمی باشد'] });
		expect422(await get('/api/send/banks/cities'), ['county_id']);

		for (const url of [root(), base]) {
			const v2 = await get('/v2/api/send/banks/counties?province_id=89', { url });
			expect(v2.status).toBe(200);
			expect(v2.json.data.map((c) => c.id)).toEqual([212, 213, 214]);
		}
	});

	test('unknown parent ids answer 404 with lookupErrorStyle fa (the Persian pages)', async () => {
		const fa = createEmulator({ lookupErrorStyle: 'fa' });
		const url = await fa.start();
		try {
			const res = await get('/api/send/banks/cities?county_id=9999', { url });
			expect(res.status).toBe(404);
			expect(res.json.meta).toMatchObject({ message: 'شهرستان یافت نشد', message_code: '404-1' });
		} finally {
			await fa.stop();
		}
	});

	test('counts: v1 needs province, county and city; v2 only the province; filters narrow', async () => {
		const missing = await get('/api/send/banks/counts?county_id=147');
		expect(missing.status).toBe(422);
		expect(missing.json.meta.message).toBe('پارامترهای مورد نیاز ارسال نشده است');
		expect(missing.json.meta.errors.province_id).toEqual(['انتخاب استان اجباری است']);
		expect(missing.json.meta.errors.city_id).toBeDefined();
		expect422(await get('/api/send/banks/counts?province_id=89&county_id=147&city_id=12'), ['county_id']);

		const all = (await get('/api/send/banks/counts?province_id=119&county_id=147&city_id=12')).json;
		expect(all.meta.message).toBe('count');
		expect(all.data).toEqual({ mci_count: 96300, irancell_count: 41800, other_count: 3800 });
		const narrow = (await get('/api/send/banks/counts?province_id=119&county_id=147&city_id=12&gender_id=2&birth_year_from=1360&birth_year_to=1380')).json.data;
		expect(narrow.mci_count).toBeLessThan(all.data.mci_count / 5);
		const prefix = (await get('/api/send/banks/counts?province_id=119&county_id=147&city_id=12&number_prefix=935')).json.data;
		expect(prefix).toMatchObject({ mci_count: 0, other_count: 0 });
		expect(prefix.irancell_count).toBeGreaterThan(0);

		const v2 = (await get('/v2/api/send/banks/counts?province_id=119')).json.data;
		expect(v2.mci_count).toBe(96300 + 18700);
		expect422(await get('/v2/api/send/banks/counts?county_id=147'), ['province_id']);
		expect422(await get('/v2/api/send/banks/counts?province_id=119&gender=0'), ['gender']);
	});

	test('job categories, sub-categories, number-count', async () => {
		const categories = await get('/api/send/jobs/categories');
		expect(categories.json.data).toHaveLength(8);
		const subs = await get('/api/send/jobs/sub-categories?main_category_id=1');
		expect(subs.json.data[0]).toEqual({ id: 1, name: 'صنفی', main_id: '1', main_name: 'صنایع و اصناف' });
		const badSub = await get('/api/send/jobs/sub-categories?main_category_id=99');
		expect(badSub.json.meta.errors.main_category_id).toEqual(['گزینه انتخاب شده شناسه دسته بندی اصلی صحیح نمی باشد']);

		const count = await get('/api/send/jobs/number-count?main_category_id=1&sub_category_id=1&operator_id=1');
		expect(count.json.data).toEqual({ mci_count: 15322, irancell_count: 0, other_count: 0 });
		const sized = await get('/api/send/jobs/number-count?main_category_id=1&start=100&size=50');
		expect(sized.json.data).toEqual({ mci_count: 50, irancell_count: 50, other_count: 50 });
		const bad = await get('/api/send/jobs/number-count?main_category_id=99');
		expect(bad.json.meta.errors.main_category_id).toEqual(['گزینه انتخابی شناسه دسته بندی اصلی صحیح نمی باشد']);
		expect422(await get('/api/send/jobs/number-count?main_category_id=1&operator_id=3'), ['operator_id']);
	});
});

describe('new send types', () => {
	test('file: CSV with phone_number header or XLSX column A, plus other_recipients', async () => {
		const csv = await sendForm(
			{ sending_type: 'file', from_number: '+983000505', message: 'متن پیام', other_recipients: ['+989120000000'] },
			{ content: 'phone_number\n09123456789\n09123456788\n', name: 'file.csv', type: 'text/csv' },
		);
		expect(csv.status).toBe(200);
		const [id] = csv.json.data.message_outbox_ids;
		expect(await byBulk(id)).toMatchObject({ type: 'file', rcpts_count: '3', files_path: '1/send/file.csv' });

		const sheet = writeXlsx([[9123456701], ['09123456702'], ['+989123456703']]);
		const xlsx = await sendForm({ sending_type: 'file', from_number: '+983000505', message: 'اکسل' }, { content: sheet, name: 'file.xlsx', type: XLSX_TYPE });
		expect(xlsx.status).toBe(200);
		const rows = await recipientsOf(xlsx.json.data.message_outbox_ids[0]);
		expect(rows.map((r) => r.recipient)).toEqual(['+989123456701', '+989123456702', '+989123456703']);

		const notExcel = await sendForm({ sending_type: 'file', from_number: '+983000505', message: 'x' }, { content: 'PK not really', name: 'file.xlsx', type: XLSX_TYPE });
		expect422(notExcel, ['files']);
		expect(notExcel.json.meta.errors.files).toEqual(['فرمت فایل پشتیبانی نمی‌شود']);
	});

	test('peer_to_peer_file takes XLSX (A number, B text) and at most 10000 rows', async () => {
		const sheet = writeXlsx([['recipient', 'message'], ['09123456789', 'سلام علی'], [9351112233, 'Hi, Sara']]);
		const res = await sendForm({ sending_type: 'peer_to_peer_file', from_number: '+983000505' }, { content: sheet, name: 'list.xlsx', type: XLSX_TYPE });
		expect(res.status).toBe(200);
		const ids = res.json.data.message_outbox_ids;
		expect(ids).toHaveLength(2);
		expect(await byBulk(ids[1])).toMatchObject({ message: 'Hi, Sara', rcpts_count: '1' });

		const many = Array.from({ length: 10001 }, (_, i) => `0912${String(1000000 + i)},x${i}`).join('\n');
		expect422(await sendForm({ sending_type: 'peer_to_peer_file', from_number: '+983000505' }, { content: many, name: 'big.csv', type: 'text/csv' }), ['files']);
	});

	test('keyword: XLSX columns fill {ex_B}/{ex_C}; each recipient gets its own text', async () => {
		const sheet = writeXlsx([
			['phone_number', 'ex_B', 'ex_C'],
			['09123456789', 'علی علوی', 'آقای'],
			['09123456788', 'سارا رضایی', 'خانم'],
		]);
		const res = await sendForm({ sending_type: 'keyword', from_number: '+983000505', message: 'سلام {ex_C} {ex_B}' }, { content: sheet, name: 'file.xlsx', type: XLSX_TYPE });
		expect(res.status).toBe(200);
		const [id] = res.json.data.message_outbox_ids;
		expect(await byBulk(id)).toMatchObject({ type: 'keyword', rcpts_count: '2', message: 'سلام {ex_C} {ex_B}' });
		expect((await recipientsOf(id)).map((r) => r.message)).toEqual(['سلام آقای علی علوی', 'سلام خانم سارا رضایی']);

		expect422(await sendForm({ sending_type: 'keyword', from_number: '+983000505', message: 'سلام {ex_D}' }, { content: sheet, name: 'file.xlsx', type: XLSX_TYPE }), ['message']);
		// the pages show only Excel for keyword sends
		expect422(
			await sendForm({ sending_type: 'keyword', from_number: '+983000505', message: 'سلام {ex_B}' }, { content: '09123456789,علی\n', name: 'f.csv', type: 'text/csv' }),
			['files'],
		);
	});

	test('keyword_phonebook: {ex_<field id>} per contact; unknown phonebook 404', async () => {
		const res = await sendJson({ sending_type: 'keyword_phonebook', from_number: '+983000505', message: 'تاریخ {ex_1234}\nبدهی {ex_1235}', params: [{ phonebook_id: 456987 }] });
		expect(res.status).toBe(200);
		const [id] = res.json.data.message_outbox_ids;
		expect((await byBulk(id)).rcpts_count).toBe('12');
		const texts = (await recipientsOf(id)).map((r) => r.message);
		expect(texts.slice(0, 3)).toEqual(['تاریخ 1365/04/12\nبدهی 150000', 'تاریخ 1370/11/02\nبدهی 0', 'تاریخ 1358/01/30\nبدهی ']);

		const unknown = await sendJson({ sending_type: 'keyword_phonebook', from_number: '+983000505', message: 'x', params: [{ phonebook_id: 42 }] });
		expect(unknown.status).toBe(404);
		expect(unknown.json.meta).toMatchObject({ message: 'دفترچه تلفن یافت نشد', message_code: '404-1' });
		expect422(await sendJson({ sending_type: 'keyword_phonebook', from_number: '+983000505', message: '{ex_1236}', params: [{ phonebook_id: 456987 }] }), ['message']);
		expect422(await sendJson({ sending_type: 'keyword_phonebook', from_number: '+983000505', message: 'x', params: [{}] }), ['params.0.phonebook_id']);
	});

	test('country (v1): operator blocks capped by the bank; without blocks every number; region checked', async () => {
		const res = await sendJson({
			sending_type: 'country',
			from_number: '+98BANK',
			message: 'تست',
			params: [{ bank: 'all', pre: 912, province_id: 119, county_id: 147, city_id: 12, gender: 0, age_from: 1300, age_to: 1401, mci: { start: 10, size: 100 }, irancell: { start: 1, size: 2 }, other: { start: 2, size: 3 } }],
			other_recipients: ['+989121111111', '+989351111111'],
		});
		expect(res.status).toBe(200);
		const [id] = res.json.data.message_outbox_ids;
		// pre 912 leaves only MCI numbers: 100 of them, plus the two others
		expect((await byBulk(id)).rcpts_count).toBe('102');

		const everyone = await sendJson({ sending_type: 'country', from_number: '+98BANK', message: 'همه', params: [{ bank: 'all', province_id: 119, county_id: 884 }] });
		expect((await byBulk(everyone.json.data.message_outbox_ids[0])).rcpts_count).toBe(String(18700 + 8100 + 700));

		const badRegion = await sendJson({ sending_type: 'country', from_number: '+98BANK', message: 'x', params: [{ bank: 'all', province_id: 89, county_id: 147 }] });
		expect422(badRegion, ['params.0.county_id']);
		expect(badRegion.json.meta.errors['params.0.county_id']).toEqual(['منطقه انتخابی نامعتبر است']);
		expect422(await sendJson({ sending_type: 'country', from_number: '+98BANK', message: 'x', params: [{ pre: 9, age_from: 1200, gender: 5 }] }), [
			'params.0.bank',
			'params.0.province_id',
			'params.0.pre',
			'params.0.age_from',
			'params.0.gender',
		]);
		// a whole big province is more than the 1 000 000 a send may reach
		expect422(await sendJson({ sending_type: 'country', from_number: '+98BANK', message: 'x', params: [{ bank: 'all', province_id: 89 }] }), ['params']);
	});

	test('geolocation (v2 params) and job sends', async () => {
		const geo = await sendJson({
			sending_type: 'geolocation',
			from_number: '+98BANK',
			message: 'تست',
			params: [{ province_id: 119, county_id: 147, city_id: 12, pre: '912', gender: 2, from_age: 1354, to_age: 1364, operator: [{ start: 0, size: 10, id: 1 }, { start: 0, size: 20, id: 2 }] }],
		});
		expect(geo.status).toBe(200);
		// pre 912 leaves Irancell empty: only the 10 MCI
		expect((await byBulk(geo.json.data.message_outbox_ids[0])).rcpts_count).toBe('10');
		expect422(await sendJson({ sending_type: 'geolocation', from_number: '+98BANK', message: 'x', params: [{ gender: 0, operator: [{ id: 4 }] }] }), [
			'params.0.gender',
			'params.0.operator.0.id',
		]);

		const job = await sendJson({
			sending_type: 'job',
			from_number: '+98PRO',
			message: 'متن پیام',
			params: [
				{ main_category_id: 1, sub_category_id: 1, operator: [{ start: 0, size: 3373, id: 2 }, { start: 1, size: 2, id: 13 }] },
				{ main_category_id: 1, sub_category_id: 2, operator: [{ start: 0, size: 1452, id: 2 }, { start: 1, size: 500, id: 13 }] },
			],
		});
		expect(job.status).toBe(200);
		expect((await byBulk(job.json.data.message_outbox_ids[0])).rcpts_count).toBe(String(3373 + 2 + 1452 + 229));
		expect422(await sendJson({ sending_type: 'job', from_number: '+98PRO', message: 'x', params: [{ sub_category_id: 1 }] }), ['params.0.main_category_id']);
		expect422(await sendJson({ sending_type: 'job', from_number: '+98PRO', message: 'x', params: [{ main_category_id: 2, sub_category_id: 1 }] }), ['params.0.sub_category_id']);
	});

	test('region audiences are priced per operator and reported', async () => {
		const credit = emu.state.credit;
		const res = await sendJson({ sending_type: 'job', from_number: '+98PRO', message: 'Hi', params: [{ main_category_id: 1, sub_category_id: 1, operator: [{ start: 0, size: 3, id: 1 }, { start: 0, size: 2, id: 2 }] }] });
		const [id] = res.json.data.message_outbox_ids;
		expect(emu.state.credit).toBe(credit - (3 * 250 + 2 * 275));
		const rows = await recipientsOf(id);
		expect(rows.map((r) => r.recipient.slice(3, 6)).filter((p) => ['912', '919', '913', '990'].includes(p))).toHaveLength(3);
	});
});

describe('strictness the node must meet', () => {
	test('phonebook send: start "0" refused (row numbers start at 1); detail takes contact ids of that phonebook', async () => {
		const send = (params) => sendJson({ sending_type: 'phonebook', from_number: '+983000505', message: 'تست', params });
		expect422(await send([{ phonebook_ids: ['123654'], type: 'all', start: '0', size: '2' }]), ['params.0.start']);
		const ok = await send([{ phonebook_ids: ['123654'], type: 'all', start: '1', size: '2' }]);
		const rows = await recipientsOf(ok.json.data.message_outbox_ids[0]);
		const listed = (await get('/api/phonebooks/numbers/contact-list?phonebook_id=123654&per_page=2')).json.data;
		expect(rows.map((r) => r.recipient)).toEqual(listed.map((c) => c.number));
		expect422(await send([{ phonebook_id: '456987', type: 'detail', number_ids: ['5000001'] }]), ['params.0.number_ids.0']);
		const tooMany = Array.from({ length: 101 }, () => ({ phonebook_ids: ['456987'], type: 'all' }));
		expect422(await send(tooMany), ['params']);
	});

	test('postal code: bank and postal_code required by both pages; the rest optional (English-only required with an option)', async () => {
		const send = (params) => sendJson({ sending_type: 'postal_code', from_number: '+98BANK', message: 'متن', params });
		const bare = await send([{ bank: 'all', postal_code: 131, mci: { start: 0, size: 5 } }]);
		expect(bare.status).toBe(200);
		expect((await byBulk(bare.json.data.message_outbox_ids[0])).rcpts_count).toBe('5');
		expect422(await send([{ gender: 0 }]), ['params.0.bank', 'params.0.postal_code']);
		expect422(await send([{ bank: 'all', postal_code: 123456 }]), ['params.0.postal_code']);

		const english = createEmulator({ englishRegionFields: true });
		const url = await english.start();
		try {
			const res = await call('POST', '/api/send', { url, body: { sending_type: 'postal_code', from_number: '+98BANK', message: 'متن', params: [{ bank: 'all', postal_code: 131, mci: { start: 0, size: 5 } }] } });
			expect422(res, ['params.0.gender', 'params.0.age_from', 'params.0.age_to', 'params.0.irancell', 'params.0.other']);
		} finally {
			await english.stop();
		}
	});

	test('sender numbers: no paging meta, at most 100 a page; more lines only on further pages', async () => {
		emu.setSenderLines(250);
		const first = await get('/api/number/numbers?page=1&per_page=500');
		expect(first.json.data).toHaveLength(100);
		expect(first.json.meta).toEqual({ status: true, message: 'Success', message_code: '200-1' });
		const third = await get('/api/number/numbers?page=3&per_page=100');
		expect(third.json.data).toHaveLength(50);
		expect(third.json.data.at(-1).number).toBe('+9850002246');
		expect((await get('/api/number/numbers?page=4&per_page=100')).json.data).toEqual([]);
		expect((await get('/api/number/numbers')).json.data).toHaveLength(10);

		await control('POST', '/sender-lines', { count: 120 });
		expect((await get('/api/number/numbers?page=2&per_page=100')).json.data).toHaveLength(20);
		const lines = createEmulator({ senderLines: 101 });
		expect(lines.state.numbers).toHaveLength(101);
	});

	test('voice OTP: fewer than 15 digits', async () => {
		const votp = (message) => sendJson({ sending_type: 'votp', message, params: { recipients: ['+989120000000'] } });
		expect((await votp('12345678901234')).status).toBe(200);
		const long = await votp('123456789012345');
		expect422(long, ['message']);
		expect(long.json.meta.errors.message).toEqual(['پیام باید عدد و کمتر از ۱۵ رقم باشد']);
	});

	test('pattern: an empty variable value is accepted and noted; null is refused; the recipient can be saved to a phonebook', async () => {
		const body = { sending_type: 'pattern', from_number: '+983000505', code: 'order-shipped', recipients: ['+989121212121'], params: { name: '', order: 'A-1' } };
		const res = await sendJson({ ...body, phonebook: { id: 456987, name: 'سعید محمدی', pre: 'mr', email: 'saeed@gmail.com', options: { 1234: '1970/01/01' } } });
		expect(res.status).toBe(200);
		const [id] = res.json.data.message_outbox_ids;
		expect((await byBulk(id)).message).toBe(' عزیز، سفارش A-1 ارسال شد.');
		expect(emu.state.emptyPatternValues).toEqual([{ outboxId: id, code: 'order-shipped', variable: 'name' }]);
		expect((await control('GET', '/state')).json.state.emptyPatternValues).toHaveLength(1);
		expect(emu.contacts(456987).find((c) => c.number === '+989121212121')).toMatchObject({ name: 'سعید محمدی', pre: 'mr', options: { 1234: '1970/01/01' } });
		expect(emu.state.outboxById.get(id).phonebookSave).toBe('added');

		expect422(await sendJson({ ...body, params: { name: null, order: 'A-2' } }), ['params.name']);
		expect422(await sendJson({ ...body, params: { name: 'x', order: 'A-3' }, phonebook: { name: 'no id' } }), ['phonebook.id']);
		expect422(await sendJson({ ...body, params: { name: 'x', order: 'A-4' }, phonebook: { id: 42 } }), ['phonebook.id']);
		expect422(await sendJson({ ...body, params: { name: 'x', order: 'A-5' }, phonebook: { id: 456987, options: { 1236: '1' } } }), ['phonebook.options.1236']);
	});
});

describe('response delay', () => {
	test('every API answer waits; set by option, emulator method or control endpoint; reset restores it', async () => {
		emu.setDelay(150);
		let started = Date.now();
		expect((await get('/api/payment/credit/mine')).status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
		const state = await control('GET', '/state');
		expect(state.json.state.delayMs).toBe(150);

		await control('POST', '/delay', { ms: 0 });
		started = Date.now();
		await get('/api/payment/credit/mine');
		expect(Date.now() - started).toBeLessThan(140);

		const slow = createEmulator({ delayMs: 120 });
		const url = await slow.start();
		try {
			started = Date.now();
			expect((await get('/api/payment/credit/mine', { url })).status).toBe(200);
			expect(Date.now() - started).toBeGreaterThanOrEqual(110);
			slow.setDelay(0);
			slow.reset();
			expect(slow.delayMs).toBe(120);
		} finally {
			await slow.stop();
		}
	});
});
