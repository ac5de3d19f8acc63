import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { fail, type OutboxMessage } from './fakeIppanel';
import { activated, triggerRig } from './pollRig';
import { fakeIppanelPerTest } from './perTest';

const LIST = '/v1/api/report/new_list';
const RECIPIENTS = '/v1/api/report/recipients';

const fake = fakeIppanelPerTest({ clock: true });

const delivery = (options: INodeParameters = {}) => triggerRig({ event: 'deliveryStatusChanged', options }, fake.api.url);
const send = (fields: Partial<OutboxMessage> = {}) => fake.api.addOutbox({ time: fake.clock.now, ...fields });
const to = (...statuses: number[]) => statuses.map((message_status, i) => ({ recipient: `+98912000000${i}`, message_status }));
/** Events as "bulk recipient status" lines. */
const lines = (items: IDataObject[] | null) => (items ?? []).map((i) => `${i.bulk_id} ${i.recipient} ${i.status}`);
const cursorOf = (saved: IDataObject) => (saved.cursor as IDataObject).state as { bulks: Record<string, IDataObject> };

describe('IPPanel Trigger: Delivery Status Changed', () => {
	test('first activation records the statuses already there; later ones are emitted per recipient, once', async () => {
		const x = send({ state_id: 6, time: fake.clock.now - 120, recipients: to(2, 1) });
		const y = send({ state_id: 1, recipients: to(0) });
		const trigger = delivery();

		expect(await trigger.poll()).toBeNull();
		expect(fake.api.requests.map((r) => [r.method, r.path, r.path === LIST ? r.body : r.query])).toEqual([
			['POST', LIST, { page: 1, limit: 100, filters: { create_from_date: String(fake.clock.now - 24 * 3600 - 1) } }],
			['GET', RECIPIENTS, { bulk_id: String(x.id), page: '1', per_page: '1000' }],
		]);

		x.recipients[1].message_status = 3;
		y.state_id = 6;
		y.recipients[0].message_status = 2;
		const items = await trigger.poll();
		expect(items).toEqual([
			{
				bulk_id: x.id,
				recipient: '+989120000001',
				message: 'hello',
				is_readable: true,
				msg_parts: 1,
				message_status: 3,
				status: 'not_delivered',
				is_delivered: false,
				is_failed: true,
				outbox: expect.objectContaining({ messages_outbox_id: x.id, state_id: 6, state_name: 'sent', number: '+983000505' }),
			},
			expect.objectContaining({ bulk_id: y.id, recipient: '+989120000000', message_status: 2, status: 'delivered', is_delivered: true }),
		]);

		// Every recipient is final now: both messages are done and not re-read. y is kept as id + time
		// (the settle margin still lists it), x, two minutes older, is forgotten.
		expect(cursorOf(trigger.saved()).bulks).toEqual({ [y.id]: { createdAt: y.time, done: true } });
		const mark = fake.api.requests.length;
		expect(await trigger.poll()).toBeNull();
		expect(fake.api.since(mark)).toEqual([`POST ${LIST}`]);
	});

	test('a send listed late, after a newer one was already read: its statuses emitted once each', async () => {
		const trigger = await activated(delivery());
		const late = send({ state_id: 6, recipients: to(2, 3), hidden: true });
		fake.clock.advance(45);
		const newer = send({ state_id: 6, recipients: to(2) });
		expect(lines(await trigger.poll())).toEqual([`${newer.id} +989120000000 delivered`]);

		fake.clock.advance(15);
		late.hidden = false;
		expect(lines(await trigger.poll())).toEqual([`${late.id} +989120000000 delivered`, `${late.id} +989120000001 not_delivered`]);
		expect(await trigger.poll()).toBeNull();
	});

	test('one event per recipient per final status, while the message still has open recipients', async () => {
		const trigger = await activated(delivery());
		const m = send({ state_id: 6, recipients: to(3, 1) });
		expect(lines(await trigger.poll())).toEqual([`${m.id} +989120000000 not_delivered`]);
		expect(cursorOf(trigger.saved()).bulks[m.id]).toEqual({ createdAt: m.time, emittedStatuses: { '+989120000000': 1 << 3 } });

		m.recipients[0].message_status = 2;
		expect(lines(await trigger.poll())).toEqual([`${m.id} +989120000000 delivered`]);
		expect(await trigger.poll()).toBeNull();

		m.recipients[1].message_status = 4;
		expect(lines(await trigger.poll())).toEqual([`${m.id} +989120000001 blacklisted`]);
		expect(await trigger.poll()).toBeNull();
	});

	test('a message that never went out (rejected, cancelled, …) is done without reading its recipients', async () => {
		const trigger = await activated(delivery());
		const rejected = send({ state_id: 3 });
		const mark = fake.api.requests.length;
		expect(await trigger.poll()).toBeNull();
		expect(fake.api.since(mark)).toEqual([`POST ${LIST}`]);
		expect(cursorOf(trigger.saved()).bulks[rejected.id]).toEqual({ createdAt: rejected.time, done: true });
	});

	test('recipients over several pages, statuses arriving between polls: each once', async () => {
		const trigger = await activated(delivery());
		const big = send({ state_id: 6, recipients: Array.from({ length: 2500 }, () => 1).map((s, i) => ({ recipient: `+9891${String(i).padStart(8, '0')}`, message_status: s })) });
		big.recipients.slice(0, 1200).forEach((r) => (r.message_status = 2));
		const mark = fake.api.requests.length;
		expect(await trigger.poll()).toHaveLength(1200);
		expect(fake.api.requests.slice(mark).filter((r) => r.path === RECIPIENTS).map((r) => r.query.page)).toEqual(['1', '2', '3']);

		big.recipients.forEach((r) => r.message_status === 1 && (r.message_status = 3));
		const rest = await trigger.poll();
		expect(rest).toHaveLength(1300);
		expect(new Set(rest?.map((i) => i.recipient)).size).toBe(1300);
		expect(await trigger.poll()).toBeNull();
	});

	test('an API error mid-poll leaves the cursor; the next poll emits every status once', async () => {
		const trigger = await activated(delivery());
		const before = trigger.saved();
		const a = send({ state_id: 6, recipients: to(2) });
		const b = send({ state_id: 6, recipients: to(4) });
		fake.api.beforeAnswer = (request) =>
			request.path === RECIPIENTS && request.query.bulk_id === String(b.id) ? fail(401, 'اطلاعات وارد شده صحیح نمی باشد') : undefined;

		await expect(trigger.poll()).rejects.toThrow('اطلاعات وارد شده صحیح نمی باشد');
		expect(trigger.saved()).toEqual(before);

		fake.api.beforeAnswer = undefined;
		expect(lines(await trigger.poll())).toEqual([`${a.id} +989120000000 delivered`, `${b.id} +989120000000 blacklisted`]);
		expect(await trigger.poll()).toBeNull();
	});

	test('"Include Existing" emits the final statuses of the look-back window on the first poll', async () => {
		send({ state_id: 6, time: fake.clock.now - 30 * 3600, recipients: to(2) });
		const inside = send({ state_id: 6, time: fake.clock.now - 3600, recipients: to(2, 0) });
		const trigger = delivery({ includeExisting: true });
		expect(lines(await trigger.poll())).toEqual([`${inside.id} +989120000000 delivered`]);
		expect(await trigger.poll()).toBeNull();
	});

	test('Fetch Test Event returns the newest final status and leaves the cursor; none → a clear message', async () => {
		const empty = delivery();
		send({ state_id: 6, recipients: to(0) });
		await expect(empty.poll('manual')).rejects.toThrow('No delivery report to show yet');

		const m = send({ state_id: 6, recipients: to(1, 2) });
		const trigger = delivery();
		expect(lines(await trigger.poll('manual'))).toEqual([`${m.id} +989120000001 delivered`]);
		expect(trigger.saved()).toBeUndefined();
	});
});
