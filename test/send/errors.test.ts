/** A paid send is posted exactly once: failures say whether anything went out, and continueOnFail mixes. */
import http from 'http';
import type { AddressInfo, Socket } from 'net';
import nock from 'nock';

import { API_KEY, apiKeyCredentials, everythingProduced, runNode } from '../harness';
import { shortTimeouts } from '../harness/network';
import { BASE, fail, FROM, ok, recordSends } from './fixtures';

const parameters = { resource: 'send', operation: 'webservice', fromNumber: FROM, recipients: '09121234567', message: 'Hi' };

/** A local server that drops every connection, or never answers. */
async function brokenServer(behaviour: 'drop' | 'hang') {
	nock.enableNetConnect('127.0.0.1');
	let requests = 0;
	const sockets = new Set<Socket>();
	const server = http.createServer((request) => {
		requests++;
		if (behaviour === 'drop') request.socket.destroy();
	});
	server.on('connection', (socket) => sockets.add(socket));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
		requests: () => requests,
		close: async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise((resolve) => server.close(resolve));
			nock.disableNetConnect();
		},
	};
}

/** Answers every POST /api/send with `reply` and counts the attempts. */
function failingSend(reply: (scope: nock.Interceptor) => nock.Scope) {
	const attempts = { count: 0 };
	const interceptor = nock(BASE).persist().post('/api/send', () => {
		attempts.count++;
		return true;
	});
	reply(interceptor);
	return attempts;
}

describe('no retry, and an honest message, when a send fails', () => {
	test('IPPanel error answer (HTTP 500 envelope): "Not sent", one attempt', async () => {
		const attempts = failingSend((i) => i.reply(500, fail('خطای سرور', '500-1')));
		const result = await runNode({ parameters, credentials: apiKeyCredentials(BASE) });
		expect(attempts.count).toBe(1);
		expect(result.error?.message).toBe('Not sent: IPPanel refused the send (HTTP 500 500-1): خطای سرور');
		expect(result.error?.description).toContain('Nothing was sent and nothing was charged for this request.');
	});

	test('a validation error names the field', async () => {
		const attempts = failingSend((i) =>
			i.reply(422, fail('تکمیل گزینه پیام الزامی است', '400-2', { message: ['تکمیل گزینه پیام الزامی است'] })),
		);
		const result = await runNode({ parameters, credentials: apiKeyCredentials(BASE) });
		expect(attempts.count).toBe(1);
		expect(result.error?.message).toBe('Not sent: IPPanel refused the send (HTTP 422 400-2): تکمیل گزینه پیام الزامی است');
		expect(result.error?.description).toContain('Field error — message: تکمیل گزینه پیام الزامی است');
	});

	test('a 502 gateway page: "may have happened", not retried, check the outbox', async () => {
		const attempts = failingSend((i) =>
			i.reply(502, '<html><head><title>502 Bad Gateway</title></head></html>', { 'Content-Type': 'text/html' }),
		);
		const result = await runNode({ parameters, credentials: apiKeyCredentials(BASE) });
		expect(attempts.count).toBe(1);
		expect(result.error?.message).toBe(
			'The send may have happened: the server answered with an HTML page "502 Bad Gateway" instead of IPPanel JSON (HTTP 502)',
		);
		expect(result.error?.description).toContain('It was NOT retried, to avoid sending twice. Check Report → List');
	});

	// nock's simulated socket errors do not reach n8n's HTTP stack as such: a real local server does.
	// The transport's 60 s time-out is asked for, and met after 0.3 s instead (shortTimeouts).
	test.each([
		['a dropped connection', 'drop', 'the connection was dropped before an answer came (no answer)'],
		['a timeout (60 s, the transport\'s limit)', 'hang', 'the request timed out (no answer)'],
	] as const)('%s: "may have happened", not retried, check the outbox', async (_what, behaviour, reason) => {
		const server = await brokenServer(behaviour);
		const timeouts = shortTimeouts(300);
		try {
			const result = await runNode({ parameters, credentials: apiKeyCredentials(server.base) });
			expect(server.requests()).toBe(1);
			expect(timeouts.asked).toEqual([60_000]);
			expect(result.error?.message).toBe(`The send may have happened: ${reason}`);
			expect(result.error?.description).toContain('It was NOT retried, to avoid sending twice. Check Report → List');
		} finally {
			timeouts.restore();
			await server.close();
		}
	});

	test('429: explains the 40-second duplicate rule, not retried', async () => {
		const attempts = failingSend((i) => i.reply(429, fail('درخواست تکراری', '429-1')));
		const result = await runNode({ parameters, credentials: apiKeyCredentials(BASE) });
		expect(attempts.count).toBe(1);
		expect(result.error?.message).toBe('Not sent: IPPanel refused the send (HTTP 429 429-1): درخواست تکراری');
		expect(result.error?.description).toContain('within 40 seconds is refused by IPPanel as a duplicate');
	});

	test('whereas a read (calculate-price) is retried after a 500', async () => {
		const scope = nock(BASE)
			.post('/api/send/calculate-price')
			.reply(500, fail('خطا', '500-1'))
			.post('/api/send/calculate-price')
			.reply(200, ok({ mci_price: 1, other_price: 2, parts: 1 }));
		const result = await runNode({
			parameters: { resource: 'send', operation: 'estimatePrice', fromNumber: FROM, message: 'Hi' },
			credentials: apiKeyCredentials(BASE),
		});
		expect(scope.isDone()).toBe(true);
		expect(result.items[0].json.other_price).toBe(2);
	});

	test('a failure after earlier requests went out says so, so nobody re-runs everything', async () => {
		let call = 0;
		nock(BASE)
			.persist()
			.post('/api/send')
			.reply(() => (++call === 2 ? [500, fail('خطا', '500-1')] : [200, ok({ message_outbox_ids: [call] })]));
		// One request at a time: the third is never started (several at a time, see concurrency.test.ts).
		const result = await runNode({
			parameters: { ...parameters, recipients: '={{ $json.mobile }}', additionalFields: { concurrency: 1 } },
			items: [{ mobile: '09121234567' }, { mobile: '09351234567' }, { mobile: '09901234567' }],
			credentials: apiKeyCredentials(BASE),
		});
		expect(call).toBe(2); // the third item was not sent
		expect(result.error?.message).toContain('Not sent');
		expect(result.error?.description).toContain(
			[
				'Of 3 send requests:',
				'- 1 sent, for item 0 (outbox ids 1). Running the workflow again would send them again.',
				'- 1 failed, for item 1 (this error is the first; a request that got no answer may still have gone out).',
				'- 1 not sent, for item 2: the node stopped at the failure.',
			].join('\n'),
		);
	});
});

describe('continueOnFail', () => {
	const items = [{ mobile: '09121234567' }, { mobile: '0912' }, { mobile: '09351234567' }];

	test('a bad number in item 1 becomes error item 1; items 0 and 2 are sent', async () => {
		const { bodies } = recordSends(50);
		const result = await runNode({
			parameters: { ...parameters, recipients: '={{ $json.mobile }}' },
			items,
			credentials: apiKeyCredentials(BASE),
			onError: 'continueRegularOutput',
		});
		expect(bodies.map((body) => body.params.recipients)).toEqual([['+989121234567'], ['+989351234567']]);
		expect(result.items.map((item) => [item.json.message_outbox_id ?? item.json.error, item.pairedItem])).toEqual([
			[50, { item: 0 }],
			['This is not a phone number IPPanel can send to: "0912" (parameter "recipients", item 1)', { item: 1 }],
			[51, { item: 2 }],
		]);
	});

	test('the same with batching: the bad item is left out of the merged request', async () => {
		const { bodies } = recordSends(60);
		const result = await runNode({
			parameters: { ...parameters, recipients: '={{ $json.mobile }}', additionalFields: { batchItems: true } },
			items,
			credentials: apiKeyCredentials(BASE),
			onError: 'continueRegularOutput',
		});
		expect(bodies.map((body) => body.params.recipients)).toEqual([['+989121234567', '+989351234567']]);
		expect(result.items.map((item) => item.json.message_outbox_id ?? 'error')).toEqual([60, 'error', 60]);
	});

	test('a refused send becomes that item\'s error item, sent once; the others still go', async () => {
		let call = 0;
		nock(BASE)
			.persist()
			.post('/api/send')
			.reply(() => (++call === 2 ? [422, fail('شماره نامعتبر', '400-2')] : [200, ok({ message_outbox_ids: [call] })]));
		const result = await runNode({
			parameters: { ...parameters, recipients: '={{ $json.mobile }}' },
			items: [{ mobile: '09121234567' }, { mobile: '09351234567' }, { mobile: '09901234567' }],
			credentials: apiKeyCredentials(BASE),
			onError: 'continueErrorOutput',
		});
		expect(call).toBe(3);
		const [success, errors] = result.outputs;
		expect(success.map((item) => [item.json.message_outbox_id, item.pairedItem])).toEqual([
			[1, { item: 0 }],
			[3, { item: 2 }],
		]);
		expect(errors.map((item) => [item.json.error, item.pairedItem])).toEqual([
			['Not sent: IPPanel refused the send (HTTP 422 400-2): شماره نامعتبر', { item: 1 }],
		]);
		expect(everythingProduced(result)).not.toContain(API_KEY);
	});

	test('without continueOnFail a bad number in item 2 stops the node before any send', async () => {
		const { bodies } = recordSends();
		const result = await runNode({
			parameters: { ...parameters, recipients: '={{ $json.mobile }}' },
			items: [{ mobile: '09121234567' }, { mobile: '09351234567' }, { mobile: 'abc' }],
			credentials: apiKeyCredentials(BASE),
		});
		expect(bodies).toEqual([]);
		expect(result.error?.message).toBe('This is not a phone number IPPanel can send to: "abc" (parameter "recipients", item 2)');
		expect(result.error?.context?.itemIndex).toBe(2);
	});
});
