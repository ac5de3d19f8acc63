/**
 * Paged reads at a real round trip: the emulator answers each page after its own delay, so the
 * pages asked for at once arrive out of order. Rows must still come out in IPPanel's order, each
 * once, with no more pages in flight than Concurrency allows, and none lost when rows are added
 * to a newest-first list while it is read.
 */
import nock from 'nock';

import { apiKeyCredentials, runNode } from '../harness';
import { EMULATOR_API_KEY, useEmulator, type EmulatorRequest } from '../harness/emulator';

const { emu, baseUrl } = useEmulator();

const pageOf = (request: EmulatorRequest) => Number(request.query.page ?? (request.body as { page?: number } | null)?.page ?? 1);

/** Delays each answer by `delay(request)` and records the most answers ever pending at once. */
function pacedEmulator(delay: (request: EmulatorRequest) => number): { most: () => number } {
	let pending = 0;
	let most = 0;
	emu.setDelay((request) => {
		const ms = delay(request);
		pending++;
		most = Math.max(most, pending);
		setTimeout(() => pending--, ms);
		return ms;
	});
	return { most: () => most };
}

const recipients = (bulkId: number, options: Record<string, unknown> = {}) => ({
	resource: 'report',
	operation: 'recipients',
	bulkId: String(bulkId),
	returnAll: true,
	options,
});

describe('Return All reads pages several at a time', () => {
	test('40 pages answered out of order: the rows of one page at a time, in order, each page asked once, at most Concurrency in flight', async () => {
		const bulkId = emu.seedBulk({ recipients: 40_000 });
		const credentials = apiKeyCredentials(baseUrl(), EMULATOR_API_KEY);
		// Later pages come back first within each group of pages asked for together.
		const paced = pacedEmulator((request) => (request.path === '/api/report/recipients' ? 5 + ((41 - pageOf(request)) % 20) * 3 : 0));

		const concurrent = await runNode({ parameters: recipients(bulkId), credentials });
		expect(concurrent.error).toBeUndefined();
		const pages = emu.requests.filter((request) => request.path === '/api/report/recipients').map(pageOf);
		expect([...pages].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
		expect(paced.most()).toBeGreaterThan(10);
		expect(paced.most()).toBeLessThanOrEqual(39); // 40 pages: the first alone, then up to 50 at once

		emu.clearRequests();
		const oneByOne = await runNode({ parameters: recipients(bulkId, { concurrency: 1 }), credentials });
		expect(emu.requests.map(pageOf)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
		expect(concurrent.items.map((item) => item.json)).toEqual(oneByOne.items.map((item) => item.json));
		expect(concurrent.items).toHaveLength(40_000);
		expect(new Set(concurrent.items.map((item) => item.json.recipient)).size).toBe(40_000);
		expect(concurrent.items.every((item, index) => (item.pairedItem as { item: number }).item === 0 && index >= 0)).toBe(true);
	});

	test('Concurrency 3 keeps at most 3 pages in flight', async () => {
		const bulkId = emu.seedBulk({ recipients: 12_000 });
		const paced = pacedEmulator(() => 20);
		const result = await runNode({
			parameters: recipients(bulkId, { concurrency: 3 }),
			credentials: apiKeyCredentials(baseUrl(), EMULATOR_API_KEY),
		});
		expect(result.items).toHaveLength(12_000);
		expect(paced.most()).toBe(3);
	});

	test('at 50 ms a page, 40 pages take less than a third of the time of one page at a time', async () => {
		emu.generateInbound(3997); // 4,000 with the seeded three: 40 pages of 100
		const credentials = apiKeyCredentials(baseUrl(), EMULATOR_API_KEY);
		emu.setDelay(50);
		const timed = async (options: Record<string, unknown>) => {
			const started = Date.now();
			const result = await runNode({ parameters: { resource: 'report', operation: 'inbox', returnAll: true, options }, credentials });
			expect(result.items).toHaveLength(4000);
			return Date.now() - started;
		};
		const sequential = await timed({ concurrency: 1 });
		const concurrent = await timed({});
		expect(sequential).toBeGreaterThanOrEqual(40 * 50);
		expect(concurrent).toBeLessThan(sequential / 3);
	});

	test('a newest-first list that grows while its pages are in flight loses no row and repeats none', async () => {
		emu.generateInbound(947); // 950 with the seeded three: 10 pages of 100
		const credentials = apiKeyCredentials(baseUrl(), EMULATOR_API_KEY);
		const before = await runNode({ parameters: { resource: 'report', operation: 'inbox', returnAll: true }, credentials });
		const ids = before.items.map((item) => item.json.messages_inbox_id as number);
		expect(ids).toHaveLength(950);

		// Page 1 answers at once; pages 2–10 are asked for together and answered late page first.
		// 30 messages arrive after the last pages were answered and before the first ones were:
		// without a second look, rows would fall between the pages.
		emu.setDelay((request) => (request.path === '/api/report/messages-inbox' && pageOf(request) > 1 ? (11 - pageOf(request)) * 15 : 0));
		emu.clearRequests();
		let added = false;
		const grow = setInterval(() => {
			if (added || !emu.requests.some((request) => pageOf(request) === 10)) return;
			added = true;
			setTimeout(() => emu.generateInbound(30), 45);
		}, 1);
		try {
			const during = await runNode({ parameters: { resource: 'report', operation: 'inbox', returnAll: true }, credentials });
			expect(added).toBe(true);
			const seen = during.items.map((item) => item.json.messages_inbox_id as number);
			expect(new Set(seen).size).toBe(seen.length);
			expect(seen.filter((id) => ids.includes(id))).toEqual(ids);
			expect([...seen].sort((a, b) => b - a)).toEqual(seen);
			// Pages answered before the new messages were asked for again.
			expect(emu.requests.filter((request) => request.path === '/api/report/messages-inbox').length).toBeGreaterThan(10);
		} finally {
			clearInterval(grow);
		}
	});
});

describe('a page that fails', () => {
	const BASE = 'https://ippanel.test/v1';
	afterEach(() => nock.cleanAll());

	test('fails the read when its turn comes, after the pages before it; with continueOnFail an error item', async () => {
		const asked: number[] = [];
		nock(BASE)
			.get('/api/report/recipients')
			.query(true)
			.times(100)
			.reply((uri) => {
				const page = Number(new URL(uri, BASE).searchParams.get('page'));
				asked.push(page);
				if (page === 4) return [503, { data: null, meta: { status: false, message: 'down', message_code: '503-1' } }];
				const data = Array.from({ length: 1000 }, (_, i) => ({ recipient: `+98912${String((page - 1) * 1000 + i).padStart(7, '0')}`, message_status: '2' }));
				return [200, { data, meta: { status: true, message: 'ok', message_code: '200-1', current_page: page, last_page: 8, per_page: 1000, total: 8000 } }];
			});
		const parameters = recipients(123);
		const failed = await runNode({ parameters, credentials: apiKeyCredentials(BASE) });
		expect(failed.error?.message).toContain('HTTP 503');
		expect(asked.filter((page) => page === 4)).toHaveLength(3); // a read is tried three times

		asked.length = 0;
		const continued = await runNode({ parameters, credentials: apiKeyCredentials(BASE), onError: 'continueRegularOutput' });
		expect(continued.items).toHaveLength(1);
		expect(continued.items[0].json.error).toContain('HTTP 503');
	});
});
