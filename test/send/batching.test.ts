/** Batch Input Items: many items, few requests, and every item still paired to its outbox id. */

import { apiKeyCredentials, runNode } from '../harness';
import { BASE, FROM, mobiles, recordSends } from './fixtures';

const e164 = (local: string) => `+98${local.slice(1)}`;

const webservice = (additionalFields: object = { batchItems: true }) => ({
	resource: 'send',
	operation: 'webservice',
	fromNumber: FROM,
	recipients: '={{ $json.mobile }}',
	message: 'کد تخفیف شما: SALE',
	additionalFields,
});

describe('Send to Numbers with Batch Input Items', () => {
	test('1,000 items with the same text: one request of 1,000 recipients, every item paired to its id', async () => {
		const { bodies } = recordSends(100);
		const numbers = mobiles(1000);
		const result = await runNode({
			parameters: webservice(),
			items: numbers.map((mobile) => ({ mobile })),
			credentials: apiKeyCredentials(BASE),
		});
		expect(result.error).toBeUndefined();
		expect(bodies).toHaveLength(1);
		expect(bodies[0]).toEqual({
			sending_type: 'webservice',
			from_number: FROM,
			message: 'کد تخفیف شما: SALE',
			params: { recipients: numbers.map(e164) },
		});
		expect(result.items).toHaveLength(1000);
		result.items.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json).toEqual({
				sending_type: 'webservice',
				message_outbox_id: 100,
				message_outbox_ids: [100],
				recipients_count: 1,
				parts: 1,
				api_message: 'انجام شد',
			});
		});
	});

	test('2,500 items: 3 requests of 1,000, 1,000 and 500, each item paired to the request that carried it', async () => {
		const { bodies } = recordSends(1);
		const result = await runNode({
			parameters: webservice(),
			items: mobiles(2500).map((mobile) => ({ mobile })),
			credentials: apiKeyCredentials(BASE),
		});
		expect(bodies.map((body) => body.params.recipients.length)).toEqual([1000, 1000, 500]);
		expect(result.items.map((item) => item.json.message_outbox_id)).toEqual([
			...Array(1000).fill(1),
			...Array(1000).fill(2),
			...Array(500).fill(3),
		]);
		expect(result.items.map((item) => (item.pairedItem as { item: number }).item)).toEqual([...Array(2500).keys()]);
	});

	test('one item with 2,500 recipients (no batching) is split into 3 requests, the item gets the 3 ids', async () => {
		const { bodies } = recordSends(7);
		const result = await runNode({
			parameters: webservice({}),
			items: [{ mobile: mobiles(2500).join('\n') }],
			credentials: apiKeyCredentials(BASE),
		});
		expect(bodies.map((body) => body.params.recipients.length)).toEqual([1000, 1000, 500]);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ message_outbox_id: 7, message_outbox_ids: [7, 8, 9], recipients_count: 2500 });
	});

	test('items split over a chunk boundary get both ids; texts, senders and send times are never mixed', async () => {
		const { bodies } = recordSends(1);
		const numbers = mobiles(1003);
		const items = [
			{ mobile: numbers.slice(0, 999).join(','), text: 'A' },
			{ mobile: numbers.slice(999, 1002).join(','), text: 'A' }, // numbers 999..1001: crosses the 1,000 boundary
			{ mobile: numbers[1002], text: 'B' },
			{ mobile: numbers[0], text: 'A' }, // already in item 0's request: sent once
		];
		const result = await runNode({
			parameters: { ...webservice(), message: '={{ $json.text }}' },
			items,
			credentials: apiKeyCredentials(BASE),
		});
		expect(bodies.map((body) => [body.message, body.params.recipients.length])).toEqual([
			['A', 1000],
			['A', 2],
			['B', 1],
		]);
		expect(result.items.map((item) => item.json.message_outbox_ids)).toEqual([[1], [1, 2], [3], [1]]);
	});

	test('without Batch Input Items every item is its own request', async () => {
		const { bodies } = recordSends(1);
		const result = await runNode({
			parameters: webservice({ batchItems: false }),
			items: mobiles(3).map((mobile) => ({ mobile })),
			credentials: apiKeyCredentials(BASE),
		});
		expect(bodies.map((body) => body.params.recipients)).toEqual(mobiles(3).map((mobile) => [e164(mobile)]));
		expect(result.items.map((item) => item.json.message_outbox_id)).toEqual([1, 2, 3]);
	});
});

describe('Send Peer to Peer with Batch Input Items', () => {
	test('2,500 items: params packed in 3 requests of at most 1,000 recipients, each item its own entry id', async () => {
		const { bodies } = recordSends(1);
		const numbers = mobiles(2500);
		const result = await runNode({
			parameters: {
				resource: 'send',
				operation: 'peerToPeer',
				fromNumber: FROM,
				recipients: '={{ $json.mobile }}',
				message: '=Hi {{ $json.n }}',
				additionalFields: { batchItems: true },
			},
			items: numbers.map((mobile, n) => ({ mobile, n })),
			credentials: apiKeyCredentials(BASE),
		});
		expect(bodies.map((body) => body.params.length)).toEqual([1000, 1000, 500]);
		expect(bodies[2].params[499]).toEqual({ recipients: [e164(numbers[2499])], message: 'Hi 2499' });
		expect(result.items.map((item) => item.json.message_outbox_id)).toEqual([...Array(2500).keys()].map((n) => n + 1));
		expect(result.items[2499].pairedItem).toEqual({ item: 2499 });
	});
});
