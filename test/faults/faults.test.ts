/**
 * Faults injected by the local emulator, run through a real workflow: what the user sees, and
 * that nothing is lost or sent twice (POST /api/send counted in the request log and the outbox).
 */
import { apiKeyCredentials, loginCredentials, runNode, type RunResult } from '../harness';
import { count, EMULATOR_API_KEY, onRequest, useEmulator } from '../harness/emulator';
import { FROM } from '../harness/answers';
import { countConnections, refusedBaseUrl, shortTimeouts } from '../harness/network';

const { emu, baseUrl } = useEmulator();

const SEND = '/api/send';
const CREDIT = '/api/payment/credit/mine';
const MAY_HAVE_HAPPENED =
	'It was NOT retried, to avoid sending twice. Check Report → List (or the IPPanel panel outbox) before sending again.';
const NOTHING_SENT = 'Nothing was sent and nothing was charged for this request.';

const apiKey = () => apiKeyCredentials(baseUrl(), EMULATOR_API_KEY);
const sendTo = (recipients: string, message = 'Fault test') => ({
	resource: 'send',
	operation: 'webservice',
	fromNumber: FROM,
	recipients,
	message,
});
const getCredit = { resource: 'account', operation: 'getCredit' };
const outboxIds = (result: RunResult) => result.items.map((item) => item.json.message_outbox_id);

let outboxBefore: number;
beforeEach(() => {
	outboxBefore = emu.state.outbox.length;
});
const newOutbox = () => emu.state.outbox.slice(outboxBefore);

async function timed<T>(run: () => Promise<T>): Promise<{ result: T; ms: number }> {
	const started = Date.now();
	const result = await run();
	return { result, ms: Date.now() - started };
}

describe('authentication faults', () => {
	test('login mode, session token expires between items: one re-login, every item sent once', async () => {
		// The token is revoked just before the second send arrives.
		onRequest(emu, (request) => request.path === SEND && count(emu, 'POST', SEND) === 2, () => emu.expireTokens());
		const result = await runNode({
			parameters: { ...sendTo('={{ $json.mobile }}'), additionalFields: { concurrency: 1 } },
			items: [{ mobile: '09121110001' }, { mobile: '09121110002' }, { mobile: '09121110003' }],
			credentials: loginCredentials(baseUrl()),
		});
		expect(result.error).toBeUndefined();
		expect(count(emu, 'POST', '/api/acl/auth/login')).toBe(2);
		// item 1's first attempt was refused (401, nothing ran) and repeated after the re-login
		expect(count(emu, 'POST', SEND)).toBe(4);
		expect(emu.requests.filter((r) => r.path === SEND).map((r) => (r.body as { params: { recipients: string[] } }).params.recipients[0])).toEqual([
			'+989121110001',
			'+989121110002',
			'+989121110002',
			'+989121110003',
		]);
		expect(newOutbox()).toHaveLength(3);
		expect(outboxIds(result)).toEqual(newOutbox().map((entry) => entry.id));
	});

	test('login mode, session token expires while sends are in flight: the 401s share one re-login, every item sent once', async () => {
		// Items 1–9 go out together after item 0; the token is revoked as the second send arrives.
		onRequest(emu, (request) => request.path === SEND && count(emu, 'POST', SEND) === 2, () => emu.expireTokens());
		const mobiles = Array.from({ length: 10 }, (_, index) => ({ mobile: `091211100${String(index).padStart(2, '0')}` }));
		const result = await runNode({ parameters: sendTo('={{ $json.mobile }}'), items: mobiles, credentials: loginCredentials(baseUrl()) });
		expect(result.error).toBeUndefined();
		expect(count(emu, 'POST', '/api/acl/auth/login')).toBe(2);
		expect(newOutbox()).toHaveLength(10);
		expect(newOutbox().map((entry) => entry.id).sort()).toEqual([...outboxIds(result)].sort());
	});

	test('login mode, token expires between reads: one re-login, the run finishes', async () => {
		onRequest(emu, (request) => request.path === CREDIT && count(emu, 'GET', CREDIT) === 3, () => emu.expireTokens());
		const result = await runNode({ parameters: getCredit, items: [{}, {}, {}, {}], credentials: loginCredentials(baseUrl()) });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(4);
		expect(count(emu, 'POST', '/api/acl/auth/login')).toBe(2);
		expect(count(emu, 'GET', CREDIT)).toBe(5);
	});

	test('API key refused on a read: clear error, exactly one request, no login attempt', async () => {
		const result = await runNode({ parameters: getCredit, credentials: apiKeyCredentials(baseUrl(), 'revoked-key') });
		expect(emu.requests).toHaveLength(1);
		expect(result.error?.message).toMatch(/^IPPanel request failed \(HTTP 401 400-1\): /);
		expect(result.error?.description).toContain('The API key or session token was refused. Check the IPPanel credential');
	});

	test('API key refused on a send: "Not sent", exactly one request, nothing in the outbox', async () => {
		const result = await runNode({ parameters: sendTo('09121110001'), credentials: apiKeyCredentials(baseUrl(), 'revoked-key') });
		expect(emu.requests).toHaveLength(1);
		expect(result.error?.message).toMatch(/^Not sent: IPPanel refused the send \(HTTP 401 400-1\): /);
		expect(result.error?.description).toContain(NOTHING_SENT);
		expect(newOutbox()).toHaveLength(0);
	});
});

describe('reads: bounded retries with backoff', () => {
	test('429 with Retry-After: 2 is honoured: one retry after 2 s, then the answer', async () => {
		emu.injectFault({ kind: 'status', status: 429, path: CREDIT, headers: { 'Retry-After': '2' } });
		const { result, ms } = await timed(() => runNode({ parameters: getCredit, credentials: apiKey() }));
		expect(result.error).toBeUndefined();
		expect(typeof result.items[0].json.credit).toBe('number');
		expect(count(emu, 'GET', CREDIT)).toBe(2);
		expect(ms).toBeGreaterThanOrEqual(2000);
		expect(ms).toBeLessThan(4000);
	});

	test('503 twice: backoff 0.5 s then 1 s, the third attempt succeeds', async () => {
		emu.injectFault({ kind: 'status', status: 503, path: CREDIT, times: 2 });
		const { result, ms } = await timed(() => runNode({ parameters: getCredit, credentials: apiKey() }));
		expect(result.error).toBeUndefined();
		expect(count(emu, 'GET', CREDIT)).toBe(3);
		expect(ms).toBeGreaterThanOrEqual(1500);
		expect(ms).toBeLessThan(3500);
	});

	test('500 on every attempt: gives up after 3 requests and ~1.5 s with IPPanel\'s message', async () => {
		emu.injectFault({ kind: 'status', status: 500, path: CREDIT, times: 10 });
		const { result, ms } = await timed(() => runNode({ parameters: getCredit, credentials: apiKey() }));
		expect(count(emu, 'GET', CREDIT)).toBe(3);
		expect(ms).toBeLessThan(3500);
		expect(result.error?.message).toMatch(/^IPPanel request failed \(HTTP 500 500-1\): /);
	});

	test('429 on every attempt: 3 requests, then the 429 is shown', async () => {
		emu.injectFault({ kind: 'status', status: 429, path: CREDIT, times: 10, headers: { 'Retry-After': '0' } });
		const result = await runNode({ parameters: getCredit, credentials: apiKey() });
		expect(count(emu, 'GET', CREDIT)).toBe(3);
		expect(result.error?.message).toMatch(/^IPPanel request failed \(HTTP 429 429-1\): /);
	});

	test('502 HTML gateway page on every attempt: retried 3 times, then says it was not IPPanel JSON', async () => {
		emu.injectFault({ kind: 'html', path: CREDIT, times: 10 });
		const result = await runNode({ parameters: getCredit, credentials: apiKey() });
		expect(count(emu, 'GET', CREDIT)).toBe(3);
		expect(result.error?.message).toBe(
			'IPPanel request failed (HTTP 502): the server answered with an HTML page "502 Bad Gateway" instead of IPPanel JSON',
		);
	});

	test('an HTML page with HTTP 200 (a captive portal): not retried, not taken for data', async () => {
		emu.injectFault({ kind: 'html', status: 200, path: CREDIT });
		const result = await runNode({ parameters: getCredit, credentials: apiKey() });
		expect(count(emu, 'GET', CREDIT)).toBe(1);
		expect(result.error?.message).toBe(
			'IPPanel request failed (HTTP 200): the server answered with an HTML page "200 OK" instead of IPPanel JSON',
		);
		expect(result.items).toHaveLength(0);
	});

	test('truncated JSON on a read: an error, no half-parsed output', async () => {
		emu.injectFault({ kind: 'truncated', path: CREDIT });
		const result = await runNode({ parameters: getCredit, credentials: apiKey() });
		expect(count(emu, 'GET', CREDIT)).toBe(1);
		expect(result.error?.message).toBe(
			'IPPanel request failed (HTTP 200): the answer was not valid JSON (cut off or not from IPPanel)',
		);
	});

	test('HTTP 200 with meta.status false on a read: IPPanel\'s refusal, not data', async () => {
		emu.injectFault({ kind: 'metaFalse', path: CREDIT });
		const result = await runNode({ parameters: getCredit, credentials: apiKey() });
		expect(count(emu, 'GET', CREDIT)).toBe(1);
		expect(result.error?.message).toMatch(/^IPPanel request failed \(HTTP 200 500-1\): /);
	});

	test('a dropped connection on a read is retried and the run finishes', async () => {
		emu.injectFault({ kind: 'drop', path: CREDIT });
		const result = await runNode({ parameters: getCredit, credentials: apiKey() });
		expect(result.error).toBeUndefined();
		expect(count(emu, 'GET', CREDIT)).toBe(2);
	});
});

describe('POST /api/send: never retried', () => {
	test.each([
		[400, '400-1'],
		[422, '400-2'],
		[429, '429-1'],
		[500, '500-1'],
		[503, '503-1'],
	])('IPPanel error envelope with HTTP %i: "Not sent", one request, nothing in the outbox', async (status, code) => {
		emu.injectFault({ kind: 'status', status, path: SEND, method: 'POST', times: 5 });
		const result = await runNode({ parameters: sendTo('09121110001'), credentials: apiKey() });
		expect(count(emu, 'POST', SEND)).toBe(1);
		expect(result.error?.message).toMatch(new RegExp(`^Not sent: IPPanel refused the send \\(HTTP ${status} ${code}\\): `));
		expect(result.error?.description).toContain(NOTHING_SENT);
		expect(newOutbox()).toHaveLength(0);
	});

	test('HTTP 200 with meta.status false: "Not sent", one request, nothing in the outbox', async () => {
		emu.injectFault({ kind: 'metaFalse', path: SEND, method: 'POST' });
		const result = await runNode({ parameters: sendTo('09121110001'), credentials: apiKey() });
		expect(count(emu, 'POST', SEND)).toBe(1);
		expect(result.error?.message).toMatch(/^Not sent: IPPanel refused the send \(HTTP 200 500-1\): /);
		expect(newOutbox()).toHaveLength(0);
	});

	// Each of these leaves the send's fate unknown: one request, never retried, the error says so.
	const DROPPED = 'The send may have happened: the connection was dropped before an answer came (no answer)';
	test.each([
		['dropped connection after the send ran: "may have happened", one request, exactly one outbox entry', { kind: 'drop' }, DROPPED, 1],
		[
			'dropped connection before the send ran: same honest "may have happened", and the outbox shows nothing',
			{ kind: 'drop', recordSend: false },
			DROPPED,
			0,
		],
		[
			'502 HTML gateway page: "may have happened", one request, check Report → List',
			{ kind: 'html', times: 5 },
			'The send may have happened: the server answered with an HTML page "502 Bad Gateway" instead of IPPanel JSON (HTTP 502)',
			0,
		],
		[
			'truncated JSON answer after the send ran: "may have happened", one request, one outbox entry',
			{ kind: 'truncated' },
			'The send may have happened: the answer was not valid JSON (cut off or not from IPPanel) (HTTP 200)',
			1,
		],
	] as const)('%s', async (_name, fault, message, outboxEntries) => {
		emu.injectFault({ ...fault, path: SEND, method: 'POST' });
		const result = await runNode({ parameters: sendTo('09121110001'), credentials: apiKey() });
		expect(count(emu, 'POST', SEND)).toBe(1);
		expect(result.error?.message).toBe(message);
		expect(result.error?.description).toContain(MAY_HAVE_HAPPENED);
		expect(newOutbox()).toHaveLength(outboxEntries);
	});

	test('a drop on item 1 of 3 stops the run: item 0 sent once, item 2 never, and the error lists what went out', async () => {
		onRequest(emu, (request) => request.path === SEND && count(emu, 'POST', SEND) === 2, () =>
			emu.injectFault({ kind: 'drop', path: SEND, method: 'POST' }),
		);
		const result = await runNode({
			parameters: { ...sendTo('={{ $json.mobile }}'), additionalFields: { concurrency: 1 } },
			items: [{ mobile: '09121110001' }, { mobile: '09121110002' }, { mobile: '09121110003' }],
			credentials: apiKey(),
		});
		expect(count(emu, 'POST', SEND)).toBe(2);
		expect(newOutbox()).toHaveLength(2); // item 0, and item 1 whose answer was lost
		expect(result.error?.message).toBe('The send may have happened: the connection was dropped before an answer came (no answer)');
		expect(result.error?.description).toContain(`- 1 sent, for item 0 (outbox ids ${newOutbox()[0].id}).`);
		expect(result.error?.description).toContain('- 1 not sent, for item 2: the node stopped at the failure.');
	});

	test('with continueOnFail a drop marks only its item; the others are sent once each', async () => {
		onRequest(emu, (request) => request.path === SEND && count(emu, 'POST', SEND) === 2, () =>
			emu.injectFault({ kind: 'drop', path: SEND, method: 'POST' }),
		);
		const result = await runNode({
			parameters: sendTo('={{ $json.mobile }}'),
			items: [{ mobile: '09121110001' }, { mobile: '09121110002' }, { mobile: '09121110003' }],
			credentials: apiKey(),
			onError: 'continueRegularOutput',
		});
		expect(count(emu, 'POST', SEND)).toBe(3);
		expect(newOutbox()).toHaveLength(3);
		expect(result.items.map((item) => item.json.message_outbox_id ?? item.json.error)).toEqual([
			newOutbox()[0].id,
			'The send may have happened: the connection was dropped before an answer came (no answer)',
			newOutbox()[2].id,
		]);
	});

	test('a batched send (one request for 3 items) that drops: one request, one outbox entry, all items in the error', async () => {
		emu.injectFault({ kind: 'drop', path: SEND, method: 'POST' });
		const result = await runNode({
			parameters: { ...sendTo('={{ $json.mobile }}'), additionalFields: { batchItems: true } },
			items: [{ mobile: '09121110001' }, { mobile: '09121110002' }, { mobile: '09121110003' }],
			credentials: apiKey(),
			onError: 'continueRegularOutput',
		});
		expect(count(emu, 'POST', SEND)).toBe(1);
		expect(newOutbox()).toHaveLength(1);
		expect(result.items.map((item) => item.json.error)).toEqual(
			Array(3).fill('The send may have happened: the connection was dropped before an answer came (no answer)'),
		);
	});
});

describe('connection refused', () => {
	let refusedBase: string;
	let connections: ReturnType<typeof countConnections>;
	beforeAll(async () => {
		refusedBase = await refusedBaseUrl();
	});
	beforeEach(() => {
		connections = countConnections(refusedBase);
	});
	afterEach(() => connections.restore());

	test('a read: retried 3 times within ~1.5 s, then says the connection was refused', async () => {
		const { result, ms } = await timed(() => runNode({ parameters: getCredit, credentials: apiKeyCredentials(refusedBase) }));
		expect(ms).toBeGreaterThanOrEqual(1500); // two backoffs: 3 attempts
		expect(ms).toBeLessThan(3500);
		expect(connections.count()).toBe(3);
		expect(result.error?.message).toBe('IPPanel request failed (no answer): the connection was refused (is the Base URL right?)');
	});

	test('a send: "Not sent" (the connection never opened), not retried', async () => {
		const result = await runNode({ parameters: sendTo('09121110001'), credentials: apiKeyCredentials(refusedBase) });
		expect(result.error?.message).toBe('Not sent: the connection was refused (is the Base URL right?)');
		expect(result.error?.description).toContain(NOTHING_SENT);
		// Safe to retry, as nothing reached a server, yet a send is still tried exactly once.
		expect(connections.count()).toBe(1);
	});

	test('a send with a login session token: "Not sent", one attempt, no new login', async () => {
		const credentials = loginCredentials(baseUrl());
		expect((await runNode({ parameters: getCredit, credentials })).error).toBeUndefined();
		credentials.data.baseUrl = refusedBase; // the session token stays
		const result = await runNode({ parameters: sendTo('09121110001'), credentials });
		expect(result.error?.message).toBe('Not sent: the connection was refused (is the Base URL right?)');
		expect(connections.count()).toBe(1);
		expect(credentials.preAuthCalls).toBe(1);
	});
});

describe('time-out (the transport\'s 60 s, shortened here to 0.3 s)', () => {
	// The emulator answers after DELAY: a request it delays never outlives its test.
	const DELAY = 800;
	const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
	let timeouts: ReturnType<typeof shortTimeouts>;
	beforeEach(() => {
		timeouts = shortTimeouts(300);
	});
	afterEach(async () => {
		timeouts.restore();
		await sleep(DELAY);
	});

	test.each([
		['API key', apiKey],
		['login session token', () => loginCredentials(baseUrl())],
	])('a send (%s): "may have happened", exactly one POST /api/send', async (_auth, credentials) => {
		emu.injectFault({ kind: 'delay', delayMs: DELAY, path: SEND, method: 'POST', times: 5 });
		const result = await runNode({ parameters: sendTo('09121110001'), credentials: credentials() });
		expect(result.error?.message).toBe('The send may have happened: the request timed out (no answer)');
		expect(result.error?.description).toContain(MAY_HAVE_HAPPENED);
		expect(count(emu, 'POST', SEND)).toBe(1);
		expect(timeouts.asked).toContain(60_000);
		// It did happen, once: the late answer's send is the only outbox entry.
		await sleep(DELAY);
		expect(newOutbox()).toHaveLength(1);
	});

	test('a read: retried 3 times, then says it timed out', async () => {
		emu.injectFault({ kind: 'delay', delayMs: DELAY, path: CREDIT, times: 5 });
		const result = await runNode({ parameters: getCredit, credentials: apiKey() });
		expect(result.error?.message).toBe('IPPanel request failed (no answer): the request timed out');
		expect(count(emu, 'GET', CREDIT)).toBe(3);
		expect(timeouts.asked).toEqual([60_000, 60_000, 60_000]);
	});
});

describe('paged export while the data changes', () => {
	test('Report → Get Many: new sends arriving mid-export shift the pages and raise last_page; every row comes once', async () => {
		// 6 seeded entries + 194 = 200: two pages of 100.
		for (let i = 0; i < 194; i++) emu.seedBulk({ recipients: 1 });
		const before = emu.state.outbox.map((entry) => entry.id);
		// Just before page 2 is served, 3 new sends land on top (newest first): page 2 repeats page 1's last 3 rows.
		onRequest(
			emu,
			(request) => request.path === '/api/report/new_list' && (request.body as { page?: number }).page === 2,
			() => {
				for (let i = 0; i < 3; i++) emu.seedBulk({ recipients: 1 });
			},
		);
		const result = await runNode({ parameters: { resource: 'report', operation: 'list', returnAll: true }, credentials: apiKey() });
		expect(result.error).toBeUndefined();
		const pages = emu.requests.filter((r) => r.path === '/api/report/new_list').map((r) => (r.body as { page: number }).page);
		expect(pages).toEqual([1, 2, 3]); // last_page went from 2 to 3 during the export
		const ids = result.items.map((item) => item.json.messages_outbox_id as number);
		expect(new Set(ids).size).toBe(ids.length); // no row twice
		expect(ids).toEqual(expect.arrayContaining(before)); // no row lost
	});
});
