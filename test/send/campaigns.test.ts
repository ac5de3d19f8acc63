/**
 * The second release's sends against the local emulator, through n8n-core's engine: file,
 * keyword, region and job sends, the audience counts, and their dry runs, caps and bad input.
 */
import { apiKeyCredentials, runNode, type RunOptions } from '../harness';
import { EMULATOR_API_KEY, useEmulator, type Emulator } from '../harness/emulator';

const { writeXlsx } = require('../../dev/emulator/xlsx');

const { emu, baseUrl } = useEmulator();
const FROM = '+983000505';

function run(parameters: RunOptions['parameters'], more: Partial<RunOptions> = {}) {
	return runNode({ parameters, credentials: apiKeyCredentials(baseUrl(), EMULATOR_API_KEY), ...more });
}

const sends = (e: Emulator) => e.requests.filter((r) => r.method === 'POST' && r.path === '/api/send');
const paths = (e: Emulator) => e.requests.map((r) => `${r.method} ${r.path}`);

const xlsx = (rows: unknown[][]) => ({ content: writeXlsx(rows) as Buffer, fileName: 'list.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
const csv = (text: string, fileName = 'list.csv') => ({ content: text, fileName, mimeType: 'text/csv' });

/** Tehran province 89, county 212, city 82 in the emulator's bank. */
const TEHRAN = { provinceId: '89', countyId: '212', cityId: '82' };

describe('Send → By Region (sending_type country)', () => {
	test('sends the documented v1 body: bank, region ids, gender, birth years and all three operator blocks', async () => {
		const result = await run({
			resource: 'send',
			operation: 'region',
			fromNumber: FROM,
			message: 'Spring sale',
			...TEHRAN,
			regionFilters: { gender: 2, birthYearFrom: 1370, birthYearTo: 1380, mciSize: 3000, irancellSize: 2000 },
			otherRecipients: '09121111111',
		});
		expect(result.error).toBeUndefined();
		const [send] = sends(emu);
		expect(send.body).toEqual({
			sending_type: 'country',
			from_number: FROM,
			message: 'Spring sale',
			params: [
				{
					bank: 'all',
					province_id: 89,
					county_id: 212,
					city_id: 82,
					gender: 2,
					age_from: 1370,
					age_to: 1380,
					mci: { start: 0, size: 3000 },
					irancell: { start: 0, size: 2000 },
					other: { start: 0, size: 0 },
				},
			],
			other_recipients: ['+989121111111'],
		});
		// Look-ups and the count are free reads made before the one paid request.
		expect(paths(emu)).toEqual([
			'GET /api/send/banks/provinces',
			'GET /api/send/banks/counties',
			'GET /api/send/banks/cities',
			'GET /api/send/banks/counts',
			'POST /api/send',
		]);
		expect(result.items).toEqual([
			{
				json: expect.objectContaining({ sending_type: 'country', recipients_count: 5001, message_outbox_ids: [expect.any(Number)] }),
				pairedItem: { item: 0 },
			},
		]);
		expect(emu.state.outbox.at(-1)).toMatchObject({ sendingType: 'country' });
	});

	test('dry run shows the audience per operator and what would be sent, and sends nothing', async () => {
		const result = await run({
			resource: 'send',
			operation: 'region',
			fromNumber: FROM,
			message: 'Spring sale',
			...TEHRAN,
			regionFilters: { gender: 2, birthYearFrom: 1370, birthYearTo: 1380, mciSize: 3000, irancellSize: 2000 },
			additionalFields: { dryRun: true },
		});
		expect(result.error).toBeUndefined();
		expect(sends(emu)).toHaveLength(0);
		const out = result.items[0].json as any;
		expect(out).toMatchObject({
			dry_run: true,
			sending_type: 'country',
			recipients_count: 5000,
			region: 'تهران › تهران › تهران',
			requested: { mci: { start: 0, size: 3000 }, irancell: { start: 0, size: 2000 }, other: { start: 0, size: 0 }, total: 5000 },
		});
		const counts = emu.requests.find((r) => r.path === '/api/send/banks/counts')!;
		expect(counts.query).toEqual({ province_id: '89', county_id: '212', city_id: '82', birth_year_from: '1370', birth_year_to: '1380', gender_id: '2' });
		expect(out.audience.mci).toBeGreaterThan(3000);
		expect(out.audience.total).toBe(out.audience.mci + out.audience.irancell + out.audience.other);
		// Latin text: 250 Rials a part for MCI, 275 for others; the estimate takes the higher.
		expect(out.estimated_cost).toBe(5000 * 275);
		expect(out.requests[0].body.params[0].mci).toEqual({ start: 0, size: 3000 });
	});

	test('Max Cost refuses a campaign over the cap before any paid request', async () => {
		const result = await run({
			resource: 'send',
			operation: 'region',
			fromNumber: FROM,
			message: 'Spring sale',
			...TEHRAN,
			regionFilters: { mciSize: 3000 },
			additionalFields: { maxCost: 500_000 },
		});
		expect(result.error?.message).toMatch(/Refused by Max Cost.*825,000 Rials is over the cap of 500,000/);
		expect(sends(emu)).toHaveLength(0);
	});

	test('without an operator size, Max Recipients refuses and says what to set', async () => {
		const result = await run({
			resource: 'send',
			operation: 'region',
			fromNumber: FROM,
			message: 'Spring sale',
			provinceId: '89',
			additionalFields: { maxRecipients: 5000 },
		});
		expect(result.error?.message).toMatch(/Refused by Max Recipients/);
		expect(result.error?.description).toMatch(/set Filters → MCI, Irancell or Other Operators Size/);
		expect(sends(emu)).toHaveLength(0);
	});

	test.each([
		[{ provinceId: '999' }, 'provinceId', /Province 999 is not one of IPPanel's provinces/],
		[{ provinceId: '89', countyId: '301' }, 'countyId', /County 301 is not a county of province 89/],
		[{ provinceId: '89', countyId: '212', cityId: '310' }, 'cityId', /City 310 is not a city of county 212/],
		[{ ...TEHRAN, regionFilters: { mciSize: 99_000_000 } }, 'regionFilters.mciSize', /reaches past the .* MCI \(Hamrah Aval\) numbers/],
		[{ ...TEHRAN, regionFilters: { birthYearFrom: 1250 } }, 'regionFilters.birthYearFrom', /outside 1300–1410/],
		[{ ...TEHRAN, regionFilters: { prefix: '9' } }, 'regionFilters.prefix', /not 2 to 6 digits/],
	])('bad input %j is refused naming %s and item, with no paid request', async (region, parameter, message) => {
		const result = await run(
			{ resource: 'send', operation: 'region', fromNumber: FROM, message: 'x', ...region },
			{ items: [{}, {}] },
		);
		expect(result.error?.message).toMatch(message);
		expect(result.error?.message).toContain(`(parameter "${parameter}", item 0)`);
		expect(sends(emu)).toHaveLength(0);
	});

	test('continueOnFail: the bad item becomes an error item, the good one is sent', async () => {
		const result = await run(
			{ resource: 'send', operation: 'region', fromNumber: FROM, message: 'x', provinceId: '={{ $json.p }}', regionFilters: { mciSize: 10 } },
			{ items: [{ p: '999' }, { p: '89' }], onError: 'continueRegularOutput' },
		);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.items[0].json.error).toMatch(/Province 999/);
		expect(result.items[1].json.sending_type).toBe('country');
		expect(sends(emu)).toHaveLength(1);
	});
});

describe('Send → By Job', () => {
	test('sends main and sub category with an operator list, checked against the count', async () => {
		const result = await run({
			resource: 'send',
			operation: 'job',
			fromNumber: '+98PRO',
			message: 'Wholesale prices',
			jobCategoryId: '1',
			jobSubCategoryId: '2',
			jobFilters: { mciSize: 1000, irancellSize: 500, irancellStart: 10 },
		});
		expect(result.error).toBeUndefined();
		expect(sends(emu)[0].body).toEqual({
			sending_type: 'job',
			from_number: '+98PRO',
			message: 'Wholesale prices',
			params: [{ main_category_id: 1, sub_category_id: 2, operator: [{ start: 0, size: 1000, id: 1 }, { start: 10, size: 500, id: 2 }] }],
		});
		expect(paths(emu)).toEqual(['GET /api/send/jobs/categories', 'GET /api/send/jobs/sub-categories', 'GET /api/send/jobs/number-count', 'POST /api/send']);
		expect(result.items[0].json).toMatchObject({ sending_type: 'job', recipients_count: 1500 });
	});

	test('a sub-category of another category and sizes over the audience are refused', async () => {
		const wrongSub = await run({ resource: 'send', operation: 'job', fromNumber: '+98PRO', message: 'x', jobCategoryId: '2', jobSubCategoryId: '1' });
		expect(wrongSub.error?.message).toMatch(/Job sub-category 1 is not a sub-category of job category 2 .*\(parameter "jobSubCategoryId", item 0\)/);
		const tooMany = await run({ resource: 'send', operation: 'job', fromNumber: '+98PRO', message: 'x', jobCategoryId: '1', jobSubCategoryId: '2', jobFilters: { otherSize: 231 } });
		expect(tooMany.error?.message).toMatch(/Other Operators Size 231 from row 0 reaches past the 230 Other Operators numbers .*jobFilters.otherSize/);
		expect(sends(emu)).toHaveLength(0);
	});
});

describe('Audience', () => {
	test('Count Region answers the city audience per operator and sends nothing', async () => {
		const result = await run({ resource: 'audience', operation: 'countRegion', ...TEHRAN, regionFilters: { gender: 2, prefix: '0912' } });
		expect(result.error).toBeUndefined();
		const counts = emu.requests.find((r) => r.path === '/api/send/banks/counts')!;
		expect(counts.query).toEqual({ province_id: '89', county_id: '212', city_id: '82', gender_id: '2', number_prefix: '912' });
		const row = result.items[0].json as any;
		expect(row).toMatchObject({ province_id: 89, county_id: 212, city_id: 82, irancell: 0, other: 0 });
		expect(row.mci).toBeGreaterThan(0);
		expect(row.total).toBe(row.mci);
		expect(sends(emu)).toHaveLength(0);
	});

	test('Count Region without a city says IPPanel counts per city', async () => {
		const result = await run({ resource: 'audience', operation: 'countRegion', provinceId: '89', countyId: '212' });
		expect(result.error?.message).toMatch(/IPPanel counts region audiences per city only \(parameter "cityId", item 0\)/);
	});

	test('Count Job gives the category audience', async () => {
		const result = await run({ resource: 'audience', operation: 'countJob', jobCategoryId: '1' });
		expect(result.items[0].json).toMatchObject({ main_category_id: 1, sub_category_id: null, mci: 15322 + 9840 + 2210, total: expect.any(Number) });
	});
});

describe('Send → From File and Keyword', () => {
	test('From File uploads the CSV unchanged with other_recipients[] and counts its numbers', async () => {
		const text = 'phone_number\n09120000001\n09120000002\n09120000001\n';
		const result = await run(
			{ resource: 'send', operation: 'file', fromNumber: FROM, message: 'Hello', binaryPropertyName: 'data', otherRecipients: '09350000000' },
			{ binary: [{ data: csv(text) }] },
		);
		expect(result.error).toBeUndefined();
		const body = sends(emu)[0].body as any;
		expect(body.fields).toEqual({ sending_type: 'file', from_number: FROM, message: 'Hello', 'other_recipients[]': '+989350000000' });
		expect(Buffer.from(body.files[0].content, 'base64').toString()).toBe(text);
		expect(result.items[0].json).toMatchObject({ sending_type: 'file', recipients_count: 3 });
	});

	test('From File reads XLSX, and a bad number on row 4,321 is named before any upload', async () => {
		const rows: unknown[][] = [['phone_number'], ...Array.from({ length: 5000 }, (_, i) => [`0912${String(i).padStart(7, '0')}`])];
		rows[4320] = ['0912-bad'];
		const result = await run(
			{ resource: 'send', operation: 'file', fromNumber: FROM, message: 'Hello', binaryPropertyName: 'data' },
			{ binary: [{ data: xlsx(rows) }] },
		);
		expect(result.error?.message).toBe('Row 4321 of "list.xlsx": "0912-bad" is not a phone number (parameter "binaryPropertyName", item 0)');
		expect(sends(emu)).toHaveLength(0);
	});

	test('an XLSX that is not a spreadsheet is refused', async () => {
		const result = await run(
			{ resource: 'send', operation: 'file', fromNumber: FROM, message: 'Hello', binaryPropertyName: 'data' },
			{ binary: [{ data: { content: 'not a zip at all', fileName: 'list.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } }] },
		);
		expect(result.error?.message).toMatch(/The file "list.xlsx" is not a spreadsheet: it is not an XLSX file/);
		expect(emu.requests).toHaveLength(0);
	});

	test('From File under Max Recipients counts the file and other recipients', async () => {
		const result = await run(
			{ resource: 'send', operation: 'file', fromNumber: FROM, message: 'Hello', binaryPropertyName: 'data', additionalFields: { maxRecipients: 2 } },
			{ binary: [{ data: csv('09120000001\n09120000002\n09120000003\n') }] },
		);
		expect(result.error?.message).toMatch(/Refused by Max Recipients.*3 recipients/);
		expect(sends(emu)).toHaveLength(0);
	});

	test('Keyword sends the template with the sheet; the emulator fills each row', async () => {
		const sheet = xlsx([['phone_number', 'ex_B', 'ex_C'], ['09120000001', 'Ali', 'Mr'], ['09120000002', 'Sara', 'Ms']]);
		const result = await run(
			{ resource: 'send', operation: 'keyword', fromNumber: FROM, message: 'Hello {ex_C} {ex_B}', binaryPropertyName: 'data', additionalFields: { dryRun: true } },
			{ binary: [{ data: sheet }] },
		);
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ dry_run: true, sending_type: 'keyword', recipients_count: 2, parts: 1 });
		expect(sends(emu)).toHaveLength(0);
		const sent = await run(
			{ resource: 'send', operation: 'keyword', fromNumber: FROM, message: 'Hello {ex_C} {ex_B}', binaryPropertyName: 'data' },
			{ binary: [{ data: sheet }] },
		);
		expect(sent.error).toBeUndefined();
		expect((sends(emu)[0].body as any).fields).toEqual({ sending_type: 'keyword', from_number: FROM, message: 'Hello {ex_C} {ex_B}' });
	});

	test('Keyword refuses a placeholder for a missing column, an empty cell, and a CSV', async () => {
		const sheet = xlsx([['09120000001', 'Ali'], ['09120000002', '']]);
		const missing = await run(
			{ resource: 'send', operation: 'keyword', fromNumber: FROM, message: 'Hi {ex_D}', binaryPropertyName: 'data' },
			{ binary: [{ data: sheet }] },
		);
		expect(missing.error?.message).toMatch(/\{ex_D\} name column\(s\) the sheet "list.xlsx" does not have .*\(parameter "message", item 0\)/);
		const empty = await run(
			{ resource: 'send', operation: 'keyword', fromNumber: FROM, message: 'Hi {ex_B}', binaryPropertyName: 'data' },
			{ binary: [{ data: sheet }] },
		);
		expect(empty.error?.message).toBe('Row 2 of "list.xlsx": column B (for {ex_B}) is empty (parameter "binaryPropertyName", item 0)');
		const asCsv = await run(
			{ resource: 'send', operation: 'keyword', fromNumber: FROM, message: 'Hi {ex_B}', binaryPropertyName: 'data' },
			{ binary: [{ data: csv('09120000001,Ali\n') }] },
		);
		expect(asCsv.error?.message).toMatch(/is CSV; this send takes XLSX/);
		expect(emu.requests).toHaveLength(0);
	});

	test('Peer to Peer From File also takes XLSX', async () => {
		const result = await run(
			{ resource: 'send', operation: 'peerToPeerFile', fromNumber: FROM, binaryPropertyName: 'data' },
			{ binary: [{ data: xlsx([['recipient', 'message'], ['09120000001', 'Hi Ali'], ['09120000002', 'Hi Sara']]) }] },
		);
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ sending_type: 'peer_to_peer_file', recipients_count: 2 });
		expect(emu.state.outbox.slice(-2).map((e) => e.message)).toEqual(['Hi Ali', 'Hi Sara']);
	});
});
