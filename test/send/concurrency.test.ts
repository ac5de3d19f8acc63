/**
 * Paid sends several at a time, against the emulator answering each request after a delay: each
 * request exactly once, output in input order with its pairing, a fault in the middle of 200
 * concurrent sends leaves an exact account, and a 429 slows the rest down without re-posting it.
 */
import { apiKeyCredentials, runNode } from '../harness';
import { EMULATOR_API_KEY, onRequest, useEmulator, type Emulator, type EmulatorRequest } from '../harness/emulator';

const { emu, baseUrl } = useEmulator();

const isSend = (request: EmulatorRequest) => request.method === 'POST' && request.path === '/api/send';

/** `count` OTP items: a distinct mobile and code each. */
function otpItems(count: number) {
	return Array.from({ length: count }, (_, index) => ({
		phone: `0912${String(index).padStart(7, '0')}`,
		code: String(100000 + index),
	}));
}
const e164 = (item: { phone: string }) => `+98${item.phone.slice(1)}`;

function patternSend(additionalFields: Record<string, unknown> = {}) {
	return {
		resource: 'send',
		operation: 'pattern',
		fromNumber: '+983000505',
		patternCode: 'otp-login',
		recipients: '={{ $json.phone }}',
		patternVariables: { variable: [{ name: 'code', value: '={{ $json.code }}' }] },
		additionalFields,
	};
}

/** Delays every answer by `ms(request)`; records the most /api/send requests pending at once. */
function paced(ms: (request: EmulatorRequest) => number) {
	let pending = 0;
	let most = 0;
	const spans: Array<{ request: EmulatorRequest; start: number; end: number }> = [];
	emu.setDelay((request) => {
		const wait = ms(request);
		if (isSend(request)) {
			pending++;
			most = Math.max(most, pending);
			spans.push({ request, start: Date.now(), end: Date.now() + wait });
			setTimeout(() => pending--, wait);
		}
		return wait;
	});
	return { most: () => most, spans };
}

/** The emulator's outbox entries made during the test: recipient → outbox id. */
function outboxByRecipient(emulator: Emulator, since: number): Map<string, number> {
	const entries = emulator.state.outbox.filter((entry) => entry.id >= since) as unknown as Array<{ id: number; recipients: { at(i: number): string } }>;
	return new Map(entries.map((entry) => [entry.recipients.at(0), entry.id]));
}

const nextOutboxId = () => Math.max(0, ...emu.state.outbox.map((entry) => entry.id)) + 1;

test('200 pattern sends, answered after varying delays: each posted once, output in input order and paired, at most 50 in flight', async () => {
	const items = otpItems(200);
	const since = nextOutboxId();
	const pace = paced((request) => (isSend(request) ? 5 + ((request.body as { recipients: string[] }).recipients[0].charCodeAt(12) % 7) * 4 : 0));
	const result = await runNode({ parameters: patternSend(), items, credentials: apiKeyCredentials(baseUrl(), EMULATOR_API_KEY) });
	expect(result.error).toBeUndefined();

	const sends = emu.requests.filter(isSend).map((request) => (request.body as { recipients: string[] }).recipients[0]);
	expect(sends).toHaveLength(200);
	expect(new Set(sends)).toEqual(new Set(items.map(e164)));
	expect(pace.most()).toBeGreaterThan(10);
	expect(pace.most()).toBeLessThanOrEqual(50);

	const outbox = outboxByRecipient(emu, since);
	expect(result.items.map((item) => (item.pairedItem as { item: number }).item)).toEqual(items.map((_, index) => index));
	expect(result.items.map((item) => item.json.message_outbox_id)).toEqual(items.map((item) => outbox.get(e164(item))));
});

test('Concurrency 1 posts one request at a time, in input order', async () => {
	const items = otpItems(20);
	const pace = paced((request) => (isSend(request) ? 10 : 0));
	const result = await runNode({ parameters: patternSend({ concurrency: 1 }), items, credentials: apiKeyCredentials(baseUrl(), EMULATOR_API_KEY) });
	expect(result.items).toHaveLength(20);
	expect(pace.most()).toBe(1);
	expect(emu.requests.filter(isSend).map((request) => (request.body as { recipients: string[] }).recipients[0])).toEqual(items.map(e164));
});

test('at 50 ms a request, 60 pattern sends take less than a third of the time of one at a time', async () => {
	const credentials = apiKeyCredentials(baseUrl(), EMULATOR_API_KEY);
	emu.setDelay(50);
	const timed = async (additionalFields: Record<string, unknown>, items: Array<{ phone: string; code: string }>) => {
		const started = Date.now();
		const result = await runNode({ parameters: patternSend(additionalFields), items, credentials });
		expect(result.items.filter((item) => item.json.message_outbox_id)).toHaveLength(60);
		return Date.now() - started;
	};
	const sequential = await timed({ concurrency: 1 }, otpItems(60));
	// Other numbers: the same send within 40 s would be refused as a duplicate.
	const concurrent = await timed({}, otpItems(120).slice(60));
	expect(sequential).toBeGreaterThanOrEqual(60 * 50);
	expect(concurrent).toBeLessThan(sequential / 3);
});

describe('a fault in the middle of 200 concurrent sends', () => {
	/** "- 140 sent, for …" → 140, from the account in the error description. */
	const counted = (description: string, what: string) => Number(new RegExp(`^- (\\d+) ${what}`, 'm').exec(description)?.[1] ?? 0);

	test.each([
		['an error answer (nothing sent)', 'status' as const],
		['a dropped connection (the send happened, its answer lost)', 'drop' as const],
	])('%s: the node stops, and its error accounts for every request exactly', async (_name, kind) => {
		const items = otpItems(200);
		const since = nextOutboxId();
		emu.setDelay((request) => (isSend(request) ? 20 : 0));
		onRequest(emu, (request) => isSend(request) && emu.requests.filter(isSend).length === 100, () => emu.injectFault({ path: '/api/send', kind, status: 500 }));
		const result = await runNode({ parameters: patternSend(), items, credentials: apiKeyCredentials(baseUrl(), EMULATOR_API_KEY) });

		const description = result.error?.description ?? '';
		expect(result.error?.message).toMatch(kind === 'drop' ? /^The send may have happened/ : /^Not sent: IPPanel refused the send \(HTTP 500/);
		const sent = counted(description, 'sent');
		const failed = counted(description, 'failed');
		const notStarted = counted(description, 'not sent');
		expect(description).toContain('Of 200 send requests:');
		expect(failed).toBe(1);
		expect(sent + failed + notStarted).toBe(200);
		expect(notStarted).toBeGreaterThan(0); // it stopped starting new requests

		// What was posted: each request at most once, and nothing past the ones the account names.
		const posted = emu.requests.filter(isSend).map((request) => (request.body as { recipients: string[] }).recipients[0]);
		expect(new Set(posted).size).toBe(posted.length);
		expect(posted).toHaveLength(sent + failed);
		// The outbox ids the account lists are exactly the sends IPPanel made (plus the dropped one's).
		const outbox = outboxByRecipient(emu, since);
		expect(outbox.size).toBe(sent + (kind === 'drop' ? 1 : 0));
		const listed = /outbox ids ([\d, ]+)\)/.exec(description)?.[1].split(', ').map(Number) ?? [];
		expect(listed).toHaveLength(sent);
		expect(listed.every((id) => [...outbox.values()].includes(id))).toBe(true);
	});

	test('with On Error: Continue, only the failed request becomes an error item; every other item is sent once', async () => {
		const items = otpItems(200);
		const since = nextOutboxId();
		emu.setDelay((request) => (isSend(request) ? 20 : 0));
		onRequest(emu, (request) => isSend(request) && emu.requests.filter(isSend).length === 100, () =>
			emu.injectFault({ path: '/api/send', kind: 'status', status: 500, times: 2 }),
		);
		const result = await runNode({
			parameters: patternSend(),
			items,
			credentials: apiKeyCredentials(baseUrl(), EMULATOR_API_KEY),
			onError: 'continueRegularOutput',
		});
		expect(result.items).toHaveLength(200);
		expect(result.items.map((item) => (item.pairedItem as { item: number }).item)).toEqual(items.map((_, index) => index));
		const outbox = outboxByRecipient(emu, since);
		const failedItems = items.map((item, index) => (outbox.has(e164(item)) ? -1 : index)).filter((index) => index >= 0);
		expect(failedItems).toHaveLength(2);
		expect(result.items.filter((item) => item.json.error).map((item) => (item.pairedItem as { item: number }).item)).toEqual(failedItems);
		expect(emu.requests.filter(isSend)).toHaveLength(200);
	});
});

test('a 429: that send is not posted again, the rest go on one at a time after its Retry-After', async () => {
	const items = otpItems(40);
	const pace = paced((request) => (isSend(request) ? 20 : 0));
	onRequest(emu, (request) => isSend(request) && emu.requests.filter(isSend).length === 10, () =>
		emu.injectFault({ path: '/api/send', kind: 'status', status: 429, headers: { 'Retry-After': '1' } }),
	);
	// Ten at a time: most requests are still to start when the 429 comes.
	const result = await runNode({
		parameters: patternSend({ concurrency: 10 }),
		items,
		credentials: apiKeyCredentials(baseUrl(), EMULATOR_API_KEY),
		onError: 'continueRegularOutput',
	});
	const errors = result.items.filter((item) => item.json.error);
	expect(errors).toHaveLength(1);
	expect(errors[0].json.error).toMatch(/^Not sent: IPPanel refused the send \(HTTP 429/);
	expect(result.items).toHaveLength(40);
	expect(emu.requests.filter(isSend)).toHaveLength(40); // the refused one was not posted again

	// The 429 went out with others in flight; the requests started after its answer came one by
	// one, the first of them a second later.
	const refused = (errors[0].pairedItem as { item: number }).item;
	const span = pace.spans.find(({ request }) => (request.body as { recipients: string[] }).recipients[0] === e164(items[refused]))!;
	const after = pace.spans.filter(({ start }) => start >= span.end);
	expect(after.length).toBeGreaterThan(10);
	expect(after[0].start - span.end).toBeGreaterThanOrEqual(950);
	after.slice(1).forEach((current, index) => expect(current.start).toBeGreaterThanOrEqual(after[index].end));
});

test('Retry On Fail after a fault in the middle of 200 concurrent sends: the retry posts only what was not sent, each recipient sent once', async () => {
	const items = otpItems(200);
	const since = nextOutboxId();
	emu.setDelay((request) => (isSend(request) ? 20 : 0));
	onRequest(emu, (request) => isSend(request) && emu.requests.filter(isSend).length === 100, () =>
		emu.injectFault({ path: '/api/send', kind: 'status', status: 500 }),
	);
	const result = await runNode({
		parameters: patternSend(),
		items,
		credentials: apiKeyCredentials(baseUrl(), EMULATOR_API_KEY),
		settings: { retryOnFail: true, maxTries: 2, waitBetweenTries: 1 },
	});
	expect(result.error).toBeUndefined();
	const posted = emu.requests.filter(isSend).map((request) => (request.body as { recipients: string[] }).recipients[0]);
	expect(posted).toHaveLength(201); // 200 requests, and the one refused with 500 again in the retry
	const outbox = outboxByRecipient(emu, since);
	expect(outbox.size).toBe(200);
	expect(emu.state.outbox.filter((entry) => entry.id >= since)).toHaveLength(200);
	expect(result.items.map((item) => item.json.message_outbox_id)).toEqual(items.map((item) => outbox.get(e164(item))));
});
