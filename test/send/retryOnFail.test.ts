/**
 * n8n's "Retry On Fail" runs the node again in the same execution. A request IPPanel accepted
 * in an earlier try is never posted again, a request whose outcome is unknown is not posted
 * again either, and every item still gets its outbox ids. Runs through n8n-core's own retry loop.
 */
import http from 'http';
import type { AddressInfo, Socket } from 'net';
import nock from 'nock';

import { apiKeyCredentials, runNode } from '../harness';
import { BASE, fail, FROM, mobiles, ok } from './fixtures';

/** n8n's node settings; n8n reads 0 as "1000 ms", 1 ms keeps the tests fast. */
const retry = (maxTries = 3) => ({ retryOnFail: true, maxTries, waitBetweenTries: 1 });

const SERVER_ERROR = fail('خطای سرور', '500-1');

interface Post {
	body: any;
	status: number;
	ids: number[];
}

/**
 * Answers POST /api/send like IPPanel (ids counting up from 1) unless `failWith(body, posts)`
 * returns a status, and records every post, accepted or not.
 */
function scriptedSends(failWith: (body: any, posts: Post[]) => number | undefined) {
	const posts: Post[] = [];
	let nextId = 1;
	nock(BASE)
		.persist()
		.post('/api/send')
		.reply((_uri, body: any) => {
			const status = failWith(body, posts);
			if (status) {
				posts.push({ body, status, ids: [] });
				return [status, SERVER_ERROR];
			}
			const count = body.sending_type === 'peer_to_peer' ? body.params.length : 1;
			const ids = Array.from({ length: count }, () => nextId++);
			posts.push({ body, status: 200, ids });
			return [200, ok({ message_outbox_ids: ids })];
		});
	return posts;
}

const batched = {
	resource: 'send',
	operation: 'webservice',
	fromNumber: FROM,
	recipients: '={{ $json.mobile }}',
	message: 'کد تخفیف شما: SALE',
	// One request at a time: the order of the posts is fixed (several at a time: concurrency.test.ts).
	additionalFields: { batchItems: true, concurrency: 1 },
};

const firstRecipient = (post: Post) => post.body.params.recipients[0];
const timesPosted = (posts: Post[], recipient: string) => posts.filter((post) => firstRecipient(post) === recipient).length;

describe('Retry On Fail never sends the same request twice', () => {
	test('2,500 batched items, request 2 answered 500 once: 3 distinct requests, the first never repeated, every item gets its id', async () => {
		const chunkStarts = ['+989120000000', '+989120001000', '+989120002000'];
		const posts = scriptedSends((body, earlier) =>
			body.params.recipients[0] === chunkStarts[1] && !earlier.some((post) => firstRecipient(post) === chunkStarts[1])
				? 500
				: undefined,
		);
		const result = await runNode({
			parameters: batched,
			items: mobiles(2500).map((mobile) => ({ mobile })),
			credentials: apiKeyCredentials(BASE),
			settings: retry(),
		});

		expect(result.error).toBeUndefined();
		// try 1: request 1 (accepted), request 2 (500); try 2: request 2, request 3
		expect(posts.map((post) => [firstRecipient(post), post.status])).toEqual([
			[chunkStarts[0], 200],
			[chunkStarts[1], 500],
			[chunkStarts[1], 200],
			[chunkStarts[2], 200],
		]);
		expect(new Set(posts.map((post) => JSON.stringify(post.body))).size).toBe(3);
		expect(timesPosted(posts, chunkStarts[0])).toBe(1);
		expect(result.items).toHaveLength(2500);
		expect(result.items.map((item) => item.json.message_outbox_ids)).toEqual([
			...Array(1000).fill([1]),
			...Array(1000).fill([2]),
			...Array(500).fill([3]),
		]);
		expect(result.items.map((item) => (item.pairedItem as { item: number }).item)).toEqual([...Array(2500).keys()]);
	});

	test('when every try fails, the error says what an earlier try sent, and that it was not sent again', async () => {
		const posts = scriptedSends((body) => (body.params.recipients[0] === '+989120001000' ? 500 : undefined));
		const result = await runNode({
			parameters: batched,
			items: mobiles(2500).map((mobile) => ({ mobile })),
			credentials: apiKeyCredentials(BASE),
			settings: retry(3),
		});

		// request 1 once; request 2 once per try; request 3 never reached
		expect(posts.map((post) => [firstRecipient(post), post.status])).toEqual([
			['+989120000000', 200],
			['+989120001000', 500],
			['+989120001000', 500],
			['+989120001000', 500],
		]);
		expect(result.error?.message).toBe('Not sent: IPPanel refused the send (HTTP 500 500-1): خطای سرور');
		expect(result.error?.description).toContain('Nothing was sent and nothing was charged for this request.');
		expect(result.error?.description).toContain(
			'1,000 recipients were sent in an earlier try of this execution (outbox id 1); Retry On Fail did not send them again.',
		);
	});

	test('per-recipient pattern sends, item 3 failing once: the retry sends only items 3 and 4, with codes made in the node', async () => {
		const posts = scriptedSends((body, earlier) =>
			body.recipients[0] === '+989120000003' && !earlier.some((post) => post.body.recipients[0] === '+989120000003')
				? 500
				: undefined,
		);
		const result = await runNode({
			parameters: {
				resource: 'send',
				operation: 'pattern',
				fromNumber: FROM,
				patternCode: 'otp-login',
				recipients: '={{ $json.mobile }}',
				// A new code on every evaluation: the retry's bodies differ from the first try's.
				patternVariables: { variable: [{ name: 'code', value: '={{ Math.floor(100000 + Math.random() * 900000) }}' }] },
				additionalFields: { concurrency: 1 },
			},
			items: mobiles(5).map((mobile) => ({ mobile })),
			credentials: apiKeyCredentials(BASE),
			settings: retry(),
		});

		expect(result.error).toBeUndefined();
		expect(posts.map((post) => [post.body.recipients[0], post.status])).toEqual([
			['+989120000000', 200],
			['+989120000001', 200],
			['+989120000002', 200],
			['+989120000003', 500],
			['+989120000003', 200],
			['+989120000004', 200],
		]);
		expect(result.items.map((item) => item.json.message_outbox_ids)).toEqual([[1], [2], [3], [4], [5]]);
	});

	test('a dropped connection is not posted again by a retry: it is reported as "may have been sent"', async () => {
		nock.enableNetConnect('127.0.0.1');
		const bodies: any[] = [];
		const sockets = new Set<Socket>();
		const server = http.createServer((request, response) => {
			let raw = '';
			request.on('data', (chunk) => (raw += chunk));
			request.on('end', () => {
				const body = JSON.parse(raw);
				bodies.push(body);
				// request 2 reaches the server, which drops the connection without an answer
				if (body.params.recipients[0] === '+989120001000') return request.socket.destroy();
				response.setHeader('content-type', 'application/json');
				response.end(JSON.stringify(ok({ message_outbox_ids: [bodies.length] })));
			});
		});
		server.on('connection', (socket) => sockets.add(socket));
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const result = await runNode({
				parameters: batched,
				items: mobiles(2500).map((mobile) => ({ mobile })),
				credentials: apiKeyCredentials(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`),
				settings: retry(3),
			});
			// try 1 posts requests 1 and 2; tries 2 and 3 post nothing
			expect(bodies.map((body) => body.params.recipients[0])).toEqual(['+989120000000', '+989120001000']);
			expect(result.error?.message).toBe(
				'The send may have happened in an earlier try of this execution: the connection was dropped before an answer came (no answer) (request 2 of 3, items 1000–1999, 1,000 recipients)',
			);
			expect(result.error?.description).toContain('Retry On Fail did NOT post it again, to avoid sending twice.');
			expect(result.error?.description).toContain(
				'1,000 recipients were sent in an earlier try of this execution (outbox id 1); Retry On Fail did not send them again.',
			);
		} finally {
			for (const socket of sockets) socket.destroy();
			await new Promise((resolve) => server.close(resolve));
		}
	});

	test('On Error "Continue": n8n re-runs the node when the first item failed; only the failed request is posted again', async () => {
		// Request 1 fails once, request 2 always; n8n retries because the first output item is an error.
		const posts = scriptedSends((body, earlier) => {
			const first = firstRecipient({ body } as Post);
			if (first === '+989120000000' && !earlier.some((post) => firstRecipient(post) === first)) return 500;
			return first === '+989120001000' ? 500 : undefined;
		});
		const result = await runNode({
			parameters: batched,
			items: mobiles(2500).map((mobile) => ({ mobile })),
			credentials: apiKeyCredentials(BASE),
			onError: 'continueRegularOutput',
			settings: retry(3),
		});

		expect(result.error).toBeUndefined();
		expect(posts.map((post) => [firstRecipient(post), post.status])).toEqual([
			['+989120000000', 500],
			['+989120001000', 500],
			['+989120002000', 200],
			['+989120000000', 200],
			['+989120001000', 500],
		]);
		// What continueOnFail always gave: ids for the sent items, an error item for the refused ones.
		expect(result.items).toHaveLength(2500);
		expect(result.items[0].json.message_outbox_ids).toEqual([2]);
		expect(result.items[1000].json.error).toBe('Not sent: IPPanel refused the send (HTTP 500 500-1): خطای سرور');
		expect(result.items[1999].json.error).toBeDefined();
		expect(result.items[2000].json.message_outbox_ids).toEqual([1]);
		expect(result.items[2499].json.message_outbox_ids).toEqual([1]);
	});

	test('a new execution of the same workflow sends again: the memory is per execution', async () => {
		const posts = scriptedSends(() => undefined);
		const run = () =>
			runNode({
				parameters: { ...batched, recipients: '09121234567' },
				credentials: apiKeyCredentials(BASE),
				settings: retry(),
			});
		expect((await run()).items[0].json.message_outbox_ids).toEqual([1]);
		expect((await run()).items[0].json.message_outbox_ids).toEqual([2]);
		expect(posts).toHaveLength(2);
	});
});
