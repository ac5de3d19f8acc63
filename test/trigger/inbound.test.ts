import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { fail } from './fakeIppanel';
import { activated, triggerRig } from './pollRig';
import { fakeIppanelPerTest } from './perTest';

const INBOX = '/v1/api/report/messages-inbox';

const fake = fakeIppanelPerTest();

const inbound = (options: INodeParameters = {}) => triggerRig({ event: 'inboundMessage', options }, fake.api.url);

/** The item the trigger emits for an inbox row, written out by hand. */
const item = (row: IDataObject) => ({ ...row, time_iso: new Date((row.time as number) * 1000).toISOString(), seen: false });
const ids = (items: IDataObject[] | null) => (items ?? []).map((i) => i.messages_inbox_id);
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

describe('IPPanel Trigger: Inbound Message', () => {
	test('first activation records the newest id with one one-row request and emits nothing old', async () => {
		fake.api.addInbound();
		fake.api.addInbound();
		const newest = fake.api.addInbound();
		const trigger = inbound();

		expect(await trigger.poll()).toBeNull();
		expect(fake.api.requests.map((r) => [r.method, r.path, r.body])).toEqual([
			['POST', INBOX, { page: 1, per_page: 1, filters: {} }],
		]);
		expect(trigger.saved()).toEqual({ cursor: { event: 'inboundMessage', state: { lastId: newest.messages_inbox_id } } });
	});

	test('three polls with arrivals between them emit each new message once, oldest first', async () => {
		fake.api.addInbound();
		const trigger = await activated(inbound());

		const a = fake.api.addInbound({ from: '+989350000001', message: 'سلام' });
		const b = fake.api.addInbound({ from: '+989350000002', message: 'Hi' });
		expect(await trigger.poll()).toEqual([item(a), item(b)]);

		expect(await trigger.poll()).toBeNull();

		const c = fake.api.addInbound({ message: 'third' });
		expect(await trigger.poll()).toEqual([item(c)]);
		expect(fake.api.requests.slice(1).map((r) => r.body)).toEqual([
			{ page: 1, per_page: 100, filters: { from_id: 5001 } },
			{ page: 1, per_page: 100, filters: { from_id: b.messages_inbox_id } },
			{ page: 1, per_page: 100, filters: { from_id: b.messages_inbox_id } },
		]);
	});

	test('an idle poll makes exactly one request', async () => {
		fake.api.addInbound();
		const trigger = await activated(inbound());
		const mark = fake.api.requests.length;
		expect(await trigger.poll()).toBeNull();
		expect(await trigger.poll()).toBeNull();
		expect(fake.api.since(mark)).toEqual([`POST ${INBOX}`, `POST ${INBOX}`]);
	});

	test('a burst larger than a page is read page by page and emitted whole', async () => {
		const trigger = inbound();
		expect(await trigger.poll()).toBeNull(); // empty account: cursor 0
		const burst = range(0, 250).map(() => fake.api.addInbound());
		const mark = fake.api.requests.length;

		expect(ids(await trigger.poll())).toEqual(burst.map((row) => row.messages_inbox_id));
		expect(fake.api.requests.slice(mark).map((r) => r.body.page)).toEqual([1, 2, 3]);
		expect(await trigger.poll()).toBeNull();
	});

	test('messages arriving while page 2 is read shift the pages: nothing repeated, nothing lost', async () => {
		fake.api.addInbound();
		const trigger = await activated(inbound());
		const first = range(0, 150).map(() => fake.api.addInbound().messages_inbox_id);
		const late: unknown[] = [];
		fake.api.beforeAnswer = (request) => {
			// 30 new messages land on page 1 just before page 2 is read: page 2 repeats 30 rows of page 1.
			if (request.body.page === 2 && late.length === 0) late.push(...range(0, 30).map(() => fake.api.addInbound().messages_inbox_id));
		};

		expect(ids(await trigger.poll())).toEqual(first);
		expect(ids(await trigger.poll())).toEqual(late);
		expect(await trigger.poll()).toBeNull();
	});

	test('more than a page arriving during the poll: the part seen now, the rest next poll, each once', async () => {
		fake.api.addInbound();
		const trigger = await activated(inbound());
		const all = range(0, 150).map(() => fake.api.addInbound().messages_inbox_id);
		let added = false;
		fake.api.beforeAnswer = (request) => {
			if (request.body.page === 2 && !added) {
				added = true;
				all.push(...range(0, 130).map(() => fake.api.addInbound().messages_inbox_id));
			}
		};
		const emitted = [...ids(await trigger.poll()), ...ids(await trigger.poll())];
		expect(await trigger.poll()).toBeNull();
		expect(emitted.sort()).toEqual(all.sort());
	});

	test('messages sharing one timestamp are all emitted, by id', async () => {
		fake.api.addInbound();
		const trigger = await activated(inbound());
		const time = 1760000000;
		const same = range(0, 5).map(() => fake.api.addInbound({ time }));
		expect(await trigger.poll()).toEqual(same.map(item));
	});

	test('an API error mid-poll throws the Persian message and leaves the cursor; the next poll emits everything once', async () => {
		fake.api.addInbound();
		const trigger = await activated(inbound());
		const before = trigger.saved();
		const burst = range(0, 150).map(() => fake.api.addInbound().messages_inbox_id);
		fake.api.beforeAnswer = (request) => (request.body.page === 2 ? fail(422, 'invalid state', '400-31') : undefined);

		await expect(trigger.poll()).rejects.toThrow('IPPanel request failed (HTTP 422 400-31): invalid state');
		expect(trigger.saved()).toEqual(before);

		fake.api.beforeAnswer = undefined;
		expect(ids(await trigger.poll())).toEqual(burst);
		expect(await trigger.poll()).toBeNull();
	});

	test('a server error is retried by the transport, then surfaces without moving the cursor', async () => {
		fake.api.addInbound();
		const trigger = await activated(inbound());
		const before = trigger.saved();
		const fresh = fake.api.addInbound();
		fake.api.beforeAnswer = () => fail(503, 'خطای سیستمی رخ داده است', '500-1');
		await expect(trigger.poll()).rejects.toThrow('خطای سیستمی رخ داده است');
		expect(fake.api.requests.length).toBe(1 + 3);
		expect(trigger.saved()).toEqual(before);
		fake.api.beforeAnswer = undefined;
		expect(await trigger.poll()).toEqual([item(fresh)]);
	});

	test('"Include Existing" emits the messages of the look-back window once on the first poll', async () => {
		const now = Math.floor(Date.now() / 1000);
		fake.api.addInbound({ time: now - 3 * 3600 }); // outside a 2 h window
		const inside = [fake.api.addInbound({ time: now - 3600 }), fake.api.addInbound({ time: now - 60 })];
		const trigger = inbound({ includeExisting: true, lookBackHours: 2 });

		expect(await trigger.poll()).toEqual(inside.map(item));
		expect(await trigger.poll()).toBeNull();
		const next = fake.api.addInbound();
		expect(await trigger.poll()).toEqual([item(next)]);
	});

	test('receiving number and text filters pick messages; the cursor passes the others', async () => {
		fake.api.addInbound();
		const trigger = await activated(inbound({ receivingNumber: '۰۳۰۰۰ ۵۰۵', textContains: 'stop' }));
		fake.api.addInbound({ number: '+983000505', message: 'hello' });
		const match = fake.api.addInbound({ number: '+983000505', message: 'Please STOP' });
		fake.api.addInbound({ number: '+9810004000', message: 'stop' });
		expect(await trigger.poll()).toEqual([item(match)]);
		expect(trigger.saved()).toEqual({ cursor: { event: 'inboundMessage', state: { lastId: 5004 } } });
	});

	test('Fetch Test Event (manual) returns the newest matching message and leaves the cursor', async () => {
		fake.api.addInbound();
		const trigger = await activated(inbound({ textContains: 'order' }));
		const before = trigger.saved();
		const wanted = fake.api.addInbound({ message: 'Order 42' });
		fake.api.addInbound({ message: 'unrelated' });

		expect(await trigger.poll('manual')).toEqual([item(wanted)]);
		expect(trigger.saved()).toEqual(before);
		expect(await trigger.poll()).toEqual([item(wanted)]);
	});

	test('Fetch Test Event on an empty inbox says so clearly', async () => {
		const trigger = inbound();
		await expect(trigger.poll('manual')).rejects.toThrow('No inbound message to show yet');
		expect(trigger.saved()).toBeUndefined();
	});
});
