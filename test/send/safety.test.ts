/** Dry run, spending cap and recipient cap, checked once per execution before any send. */
import type { INodeParameters } from 'n8n-workflow';
import nock from 'nock';

import { apiKeyCredentials, runNode } from '../harness';
import { BASE, FROM, mobiles, ok, recordPrices, recordSends } from './fixtures';

const webservice = (additionalFields: INodeParameters) => ({
	resource: 'send',
	operation: 'webservice',
	fromNumber: FROM,
	recipients: '={{ $json.mobile }}',
	message: '={{ $json.text }}',
	additionalFields,
});
const credentials = () => apiKeyCredentials(BASE);

describe('Dry Run', () => {
	test('prices each distinct text once, outputs the would-be bodies, never calls POST /api/send', async () => {
		const sends = recordSends();
		const prices = recordPrices();
		const result = await runNode({
			parameters: webservice({ dryRun: true }),
			items: [
				{ mobile: '09121234567, 09351234567', text: 'سلام' },
				{ mobile: '09901234567', text: 'سلام' },
			],
			credentials: credentials(),
		});
		expect(result.error).toBeUndefined();
		expect(sends.bodies).toEqual([]);
		expect(prices).toEqual([{ number: FROM, message: 'سلام' }]);
		const body = (recipients: string[]) => ({
			sending_type: 'webservice',
			from_number: FROM,
			message: 'سلام',
			params: { recipients },
		});
		expect(result.items).toEqual([
			{
				json: {
					dry_run: true,
					sending_type: 'webservice',
					recipients_count: 2,
					parts: 1,
					estimated_cost: 5006,
					price: { mci_price: 2370, other_price: 2503, parts: 1 },
					requests: [{ request: 1, items: 1, body: body(['+989121234567', '+989351234567']) }],
				},
				pairedItem: { item: 0 },
			},
			{
				json: {
					dry_run: true,
					sending_type: 'webservice',
					recipients_count: 1,
					parts: 1,
					estimated_cost: 2503,
					price: { mci_price: 2370, other_price: 2503, parts: 1 },
					requests: [{ request: 2, items: 1, body: body(['+989901234567']) }],
				},
				pairedItem: { item: 1 },
			},
		]);
	});

	test('with batching, a shared request is shown once and the other items point to it', async () => {
		const sends = recordSends();
		recordPrices();
		const result = await runNode({
			parameters: webservice({ dryRun: true, batchItems: true }),
			items: [
				{ mobile: '09121234567', text: 'Hi' },
				{ mobile: '09351234567', text: 'Hi' },
			],
			credentials: credentials(),
		});
		expect(sends.bodies).toEqual([]);
		expect(result.items.map((item) => item.json.requests)).toEqual([
			[
				{
					request: 1,
					items: 2,
					body: { sending_type: 'webservice', from_number: FROM, message: 'Hi', params: { recipients: ['+989121234567', '+989351234567'] } },
				},
			],
			[{ request: 1, items: 2, body_shown_on_item: 0 }],
		]);
	});

	test('a pattern is fetched once, filled in and priced; a voice OTP says it cannot be priced', async () => {
		const sends = recordSends();
		const prices = recordPrices();
		const pattern = nock(BASE)
			.get('/api/patterns/otp1')
			.once()
			.reply(200, ok({ pattern_code: 'otp1', pattern_message: 'کد ورود شما: %code%', delimiter: '%', variable: [{ name: 'code', type: 'integer', len: 6 }] }));
		const result = await runNode({
			parameters: {
				resource: 'send',
				operation: 'pattern',
				fromNumber: FROM,
				patternCode: 'otp1',
				recipients: '={{ $json.mobile }}',
				patternVariables: { variable: [{ name: 'code', value: '={{ $json.code }}' }] },
				additionalFields: { dryRun: true },
			},
			items: [
				{ mobile: '09121234567', code: 1234 },
				{ mobile: '09351234567', code: 5678 },
			],
			credentials: credentials(),
		});
		expect(pattern.isDone()).toBe(true);
		expect(sends.bodies).toEqual([]);
		expect(prices).toEqual([
			{ number: FROM, message: 'کد ورود شما: 1234' },
			{ number: FROM, message: 'کد ورود شما: 5678' },
		]);
		expect(result.items[1].json.requests).toEqual([
			{
				request: 2,
				items: 1,
				body: { sending_type: 'pattern', from_number: FROM, code: 'otp1', recipients: ['+989351234567'], params: { code: '5678' } },
			},
		]);

		const votp = await runNode({
			parameters: { resource: 'send', operation: 'votp', recipients: '09121234567', code: '1234', additionalFields: { dryRun: true } },
			credentials: credentials(),
		});
		expect(votp.items[0].json).toMatchObject({
			dry_run: true,
			estimated_cost: null,
			price: null,
			price_note: 'IPPanel calculate-price estimates SMS texts, not voice calls',
		});
		expect(sends.bodies).toEqual([]);
	});

	test('a pattern variable missing from the fetched pattern is named before any send', async () => {
		nock(BASE).get('/api/patterns/otp1').reply(200, ok({ pattern_message: '%code% / %name%', variable: [{ name: 'code' }, { name: 'name' }] }));
		const result = await runNode({
			parameters: {
				resource: 'send',
				operation: 'pattern',
				fromNumber: FROM,
				patternCode: 'otp1',
				recipients: '09121234567',
				patternVariables: { variable: [{ name: 'code', value: '1' }] },
				additionalFields: { dryRun: true },
			},
			credentials: credentials(),
		});
		expect(result.error?.message).toBe('Pattern otp1 needs the variable(s) name (parameter "patternVariables", item 0)');
	});
});

describe('Max Cost', () => {
	const items = [
		{ mobile: '09121234567, 09351234567', text: 'A' },
		{ mobile: '09901234567, 09131234567', text: 'A' },
		{ mobile: '09141234567, 09151234567', text: 'B' },
	];

	test('over the cap: refused, naming maxCost and the biggest items, nothing sent (also with continueOnFail)', async () => {
		for (const onError of [undefined, 'continueRegularOutput'] as const) {
			const sends = recordSends();
			const prices = recordPrices();
			const result = await runNode({ parameters: webservice({ maxCost: 10000 }), items, credentials: credentials(), onError });
			expect(sends.bodies).toEqual([]);
			expect(prices).toEqual([
				{ number: FROM, message: 'A' },
				{ number: FROM, message: 'B' },
			]);
			const message = 'Refused by Max Cost (maxCost): the estimated cost 15,018 Rials is over the cap of 10,000 Rials. Nothing was sent.';
			if (onError) {
				// Every item reports the refusal instead of passing on as if sent.
				expect(result.items.map((item) => [item.json.error, item.pairedItem])).toEqual([
					[message, { item: 0 }],
					[message, { item: 1 }],
					[message, { item: 2 }],
				]);
			} else {
				expect(result.error?.message).toBe(message);
				expect(result.error?.description).toContain(
					'Biggest contributors: item 0: 5,006 Rials for 2 recipient(s); item 1: 5,006 Rials for 2 recipient(s); item 2: 5,006 Rials for 2 recipient(s).',
				);
			}
			nock.cleanAll();
		}
	});

	test('under the cap: sent normally, each request once', async () => {
		const sends = recordSends(1);
		recordPrices();
		const result = await runNode({ parameters: webservice({ maxCost: 20000 }), items, credentials: credentials() });
		expect(result.error).toBeUndefined();
		expect(sends.bodies).toHaveLength(3);
		expect(result.items.map((item) => item.json.message_outbox_id)).toEqual([1, 2, 3]);
	});

	test('a send that cannot be priced (voice OTP) is refused under a cap', async () => {
		const sends = recordSends();
		const result = await runNode({
			parameters: { resource: 'send', operation: 'votp', recipients: '09121234567', code: '1234', additionalFields: { maxCost: 100000 } },
			credentials: credentials(),
		});
		expect(result.error?.message).toBe(
			'Refused by Max Cost (maxCost): the cost of item 0 cannot be estimated before sending. Nothing was sent.',
		);
		expect(sends.bodies).toEqual([]);
	});
});

describe('Max Recipients', () => {
	// Four entries, three spellings of one number: 2 distinct recipients.
	const items = [
		{ mobile: '09121234567', text: 'A' },
		{ mobile: '+98 912 123 4567', text: 'B' },
		{ mobile: '۰۹۱۲۱۲۳۴۵۶۷, 9351234567', text: 'A' },
	];

	test('counts distinct normalized numbers across items: a cap of 2 passes', async () => {
		const sends = recordSends();
		const result = await runNode({ parameters: webservice({ maxRecipients: 2 }), items, credentials: credentials() });
		expect(result.error).toBeUndefined();
		expect(sends.bodies).toHaveLength(3);
	});

	test('a cap of 1 refuses the execution, naming maxRecipients, nothing sent', async () => {
		const sends = recordSends();
		const result = await runNode({ parameters: webservice({ maxRecipients: 1 }), items, credentials: credentials() });
		expect(result.error?.message).toBe(
			'Refused by Max Recipients (maxRecipients): this execution would reach 2 recipients, more than the cap of 1. Nothing was sent.',
		);
		expect(sends.bodies).toEqual([]);
	});

	test('a phonebook send without a size cannot be counted: refused under a cap', async () => {
		const sends = recordSends();
		const result = await runNode({
			parameters: { resource: 'send', operation: 'phonebook', fromNumber: FROM, message: 'Hi', phonebookIds: ['1'], additionalFields: { maxRecipients: 1000 } },
			credentials: credentials(),
		});
		expect(result.error?.message).toBe(
			'Refused by Max Recipients (maxRecipients): the number of recipients of item 0 cannot be known before sending. Nothing was sent.',
		);
		expect(result.error?.description).toContain('set Size');
		expect(sends.bodies).toEqual([]);
	});
});

describe('batching and caps together', () => {
	const saleItems = (count: number) => mobiles(count).map((mobile) => ({ mobile, text: 'Sale' }));

	test('1,000 batched items over a 999-recipient cap: nothing sent', async () => {
		const sends = recordSends();
		const result = await runNode({
			parameters: webservice({ batchItems: true, maxRecipients: 999 }),
			items: saleItems(1000),
			credentials: credentials(),
		});
		expect(result.error?.message).toContain('would reach 1,000 recipients, more than the cap of 999');
		expect(sends.bodies).toEqual([]);
	});

	test('1,500 batched items under both caps: one price request, two sends, every item paired', async () => {
		const sends = recordSends(1);
		const prices = recordPrices({ mci_price: 10, other_price: 12, parts: 1 });
		const result = await runNode({
			parameters: webservice({ batchItems: true, maxRecipients: 1500, maxCost: 18000 }),
			items: saleItems(1500),
			credentials: credentials(),
		});
		expect(result.error).toBeUndefined();
		expect(prices).toHaveLength(1);
		expect(sends.bodies.map((body) => body.params.recipients.length)).toEqual([1000, 500]);
		expect(result.items.map((item) => item.json.message_outbox_id)).toEqual([...Array(1000).fill(1), ...Array(500).fill(2)]);
	});

	test('the same at 17,999 Rials is refused', async () => {
		const sends = recordSends(1);
		recordPrices({ mci_price: 10, other_price: 12, parts: 1 });
		const result = await runNode({
			parameters: webservice({ batchItems: true, maxCost: 17999 }),
			items: saleItems(1500),
			credentials: credentials(),
		});
		expect(result.error?.message).toContain('the estimated cost 18,000 Rials is over the cap of 17,999 Rials');
		expect(sends.bodies).toEqual([]);
	});
});

/**
 * Each item has its own Additional Fields (an expression can differ per item), yet the safety
 * options hold for the whole execution: a dry run on any item makes it all a dry run, and the
 * strictest cap of any item applies. The deciding item is never the first, so reading only the
 * first (or only the last) item's options fails here.
 */
describe('safety options set on one item only', () => {
	const items = [
		{ mobile: '09121234567', text: 'A' },
		{ mobile: '09351234567', text: 'A' },
		{ mobile: '09901234567', text: 'B' },
	];

	test('Dry Run true on item 1 only: the whole execution is a dry run, nothing sent', async () => {
		const sends = recordSends();
		const prices = recordPrices();
		const result = await runNode({ parameters: webservice({ dryRun: '={{ $itemIndex === 1 }}' }), items, credentials: credentials() });
		expect(result.error).toBeUndefined();
		expect(sends.bodies).toEqual([]);
		expect(prices).toEqual([
			{ number: FROM, message: 'A' },
			{ number: FROM, message: 'B' },
		]);
		expect(result.items.map((item) => [item.json.dry_run, item.json.recipients_count, item.pairedItem])).toEqual([
			[true, 1, { item: 0 }],
			[true, 1, { item: 1 }],
			[true, 1, { item: 2 }],
		]);
	});

	test('Dry Run from the item\'s own data (only the middle item asks for it): nothing sent, also batched', async () => {
		for (const batchItems of [false, true]) {
			const sends = recordSends();
			recordPrices();
			const result = await runNode({
				parameters: webservice({ dryRun: '={{ $json.preview === true }}', batchItems }),
				items: [items[0], { ...items[1], preview: true }, items[2]],
				credentials: credentials(),
			});
			expect(result.error).toBeUndefined();
			expect(sends.bodies).toEqual([]);
			expect(result.items.map((item) => item.json.dry_run)).toEqual([true, true, true]);
			nock.cleanAll();
		}
	});

	test('Max Cost strict on item 1 only: refused for the whole execution, nothing sent', async () => {
		for (const onError of [undefined, 'continueRegularOutput'] as const) {
			const sends = recordSends();
			recordPrices();
			const result = await runNode({
				// 3 recipients at 2,503 Rials: 7,509 in all. Items 0 and 2 allow far more.
				parameters: webservice({ maxCost: '={{ $itemIndex === 1 ? 5000 : 1000000 }}' }),
				items,
				credentials: credentials(),
				onError,
			});
			expect(sends.bodies).toEqual([]);
			const message = 'Refused by Max Cost (maxCost): the estimated cost 7,509 Rials is over the cap of 5,000 Rials. Nothing was sent.';
			if (onError) expect(result.items.map((item) => item.json.error)).toEqual([message, message, message]);
			else expect(result.error?.message).toBe(message);
			nock.cleanAll();
		}
	});

	test('Max Cost set on the last item only (the others leave it empty): it still applies to all', async () => {
		const sends = recordSends();
		recordPrices();
		const result = await runNode({
			parameters: webservice({ maxCost: '={{ $itemIndex === 2 ? 5000 : "" }}' }),
			items,
			credentials: credentials(),
		});
		expect(result.error?.message).toBe(
			'Refused by Max Cost (maxCost): the estimated cost 7,509 Rials is over the cap of 5,000 Rials. Nothing was sent.',
		);
		expect(sends.bodies).toEqual([]);
	});

	test('Max Recipients strict on item 1 only: refused for the whole execution, nothing sent', async () => {
		const sends = recordSends();
		const result = await runNode({
			parameters: webservice({ maxRecipients: '={{ $itemIndex === 1 ? 2 : 100 }}' }),
			items,
			credentials: credentials(),
		});
		expect(result.error?.message).toBe(
			'Refused by Max Recipients (maxRecipients): this execution would reach 3 recipients, more than the cap of 2. Nothing was sent.',
		);
		expect(sends.bodies).toEqual([]);
	});

	test('the same caps loose on every item: sent normally, each request once', async () => {
		const sends = recordSends(1);
		recordPrices();
		const result = await runNode({
			parameters: webservice({ maxCost: '={{ $itemIndex === 1 ? 7509 : 1000000 }}', maxRecipients: '={{ $itemIndex === 1 ? 3 : 100 }}', dryRun: '={{ false }}' }),
			items,
			credentials: credentials(),
		});
		expect(result.error).toBeUndefined();
		expect(sends.bodies).toHaveLength(3);
		expect(result.items.map((item) => item.json.message_outbox_id)).toEqual([1, 2, 3]);
	});
});
