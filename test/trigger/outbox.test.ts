import type { IDataObject } from 'n8n-workflow';

import { fail, type OutboxMessage } from './fakeIppanel';
import { activated, triggerRig } from './pollRig';
import { fakeIppanelPerTest } from './perTest';

const LIST = '/v1/api/report/new_list';
const STATS = '/v1/api/report/bulk_stats';
const DAY = 24 * 3600;

const fake = fakeIppanelPerTest({ clock: true });

const finished = () => triggerRig({ event: 'outboxMessageFinished' }, fake.api.url);
const ids = (items: IDataObject[] | null) => (items ?? []).map((i) => i.messages_outbox_id);
const range = (count: number) => Array.from({ length: count }, (_, i) => i);
const send = (fields: Partial<OutboxMessage> = {}) => fake.api.addOutbox({ time: fake.clock.now, ...fields });

describe('IPPanel Trigger: Outbox Message Finished', () => {
	test('first activation emits nothing old; a send that finishes later is emitted once, with its stats', async () => {
		send({ state_id: 6, time: fake.clock.now - 600 });
		const pending = send({
			state_id: 1,
			time: fake.clock.now - 300,
			recipients: [
				{ recipient: '+989121111111', message_status: 0 },
				{ recipient: '+989122222222', message_status: 0 },
			],
		});
		const trigger = finished();

		expect(await trigger.poll()).toBeNull();
		expect(fake.api.requests.map((r) => [r.method, r.path, r.body])).toEqual([
			['POST', LIST, { page: 1, limit: 100, filters: { create_from_date: String(fake.clock.now - DAY - 1) } }],
		]);

		fake.clock.advance(120);
		pending.state_id = 6;
		pending.recipients[0].message_status = 2;
		pending.recipients[1].message_status = 3;
		const mark = fake.api.requests.length;
		const time = pending.time;
		const iso = new Date(time * 1000).toISOString();
		const zero = { sent: 0, delivered: 0, failed: 0, pending: 0, blacklisted: 0, total: 0 };
		const split = (n: number | string) => ({ irancell: { en: 0, fa: 0 }, mci: { en: 0, fa: String(n) } });
		expect(await trigger.poll()).toEqual([
			{
				username: 'demo',
				number: '+983000505',
				number_id: 123654,
				messages_outbox_id: pending.id,
				state: 'finish',
				type: 'webservice',
				time_send: time,
				time,
				time_iso: iso,
				time_send_iso: iso,
				rcpts_count: 2,
				exit_count: 2,
				status: 'پایان یافته',
				message: 'hello',
				cost: 2000,
				state_id: 6,
				state_name: 'sent',
				stats: {
					bulk_id: pending.id,
					total: 2,
					sent: 0,
					delivered: 1,
					failed: 1,
					pending: 0,
					blacklisted: 0,
					delivery_rate: 50,
					...Object.fromEntries(Object.entries(zero).map(([k, v]) => [`irancell_${k}`, v])),
					...Object.fromEntries(Object.entries({ ...zero, delivered: 1, failed: 1, total: 2 }).map(([k, v]) => [`mci_${k}`, v])),
					raw: {
						operators_blacklist: split(0),
						operators_failed: split(1),
						operators_pending: split(0),
						operators_sent: split(0),
						operators_delivered: split(1),
					},
				},
			},
		]);
		// The listing starts a settle margin before the newest send seen (here the open one), then its stats.
		expect(fake.api.requests.slice(mark).map((r) => [r.method, r.path, r.body.filters ?? r.query])).toEqual([
			['POST', LIST, { create_from_date: String(pending.time - 60 - 1) }],
			['GET', STATS, { bulk_id: String(pending.id) }],
		]);

		const idle = fake.api.requests.length;
		expect(await trigger.poll()).toBeNull();
		expect(fake.api.since(idle)).toEqual([`POST ${LIST}`]);
	});

	test('three polls with sends between them, several in one second: each finished send once', async () => {
		const trigger = finished();
		expect(await trigger.poll()).toBeNull();

		const a = send({ state_id: 6 });
		const b = send({ state_id: 2 });
		const c = send({ state_id: 8 });
		expect(ids(await trigger.poll())).toEqual([a.id, c.id]);

		// Same second as the newest seen: found again thanks to the settle margin, and only once.
		const d = send({ state_id: 7 });
		b.state_id = 6;
		expect(ids(await trigger.poll())).toEqual([b.id, d.id]);

		fake.clock.advance(30);
		const e = send({ state_id: 6 });
		expect(ids(await trigger.poll())).toEqual([e.id]);
		expect(await trigger.poll()).toBeNull();
	});

	test.each([
		['20 s', 20],
		['60 s (the whole settle margin)', 60],
	])('a send listed late, after a newer one %s younger was emitted: emitted once, on the poll that first lists it', async (_gap, gap) => {
		const trigger = await activated(finished());
		const late = send({ state_id: 6, hidden: true });
		fake.clock.advance(gap);
		const newer = send({ state_id: 6 });
		expect(ids(await trigger.poll())).toEqual([newer.id]);

		fake.clock.advance(15);
		late.hidden = false; // IPPanel lists it only now, with its older id and creation time
		expect(ids(await trigger.poll())).toEqual([late.id]);
		expect(await trigger.poll()).toBeNull();
		fake.clock.advance(15);
		expect(await trigger.poll()).toBeNull();
	});

	test('a burst larger than a page: every finished send once, with its stats', async () => {
		const trigger = await activated(finished());
		const burst = range(250).map(() => send({ state_id: 6 }));
		const mark = fake.api.requests.length;

		const items = await trigger.poll();
		expect(ids(items)).toEqual(burst.map((m) => m.id));
		expect(items?.every((i) => (i.stats as IDataObject).bulk_id === i.messages_outbox_id)).toBe(true);
		const requests = fake.api.requests.slice(mark);
		expect(requests.filter((r) => r.path === LIST).map((r) => r.body.page)).toEqual([1, 2, 3]);
		expect(requests.filter((r) => r.path === STATS)).toHaveLength(250);
		expect(await trigger.poll()).toBeNull();
	});

	test('sends made while page 2 is read shift the pages: nothing repeated, nothing lost', async () => {
		const trigger = await activated(finished());
		const all = range(150).map(() => send({ state_id: 6 }).id);
		let added = false;
		fake.api.beforeAnswer = (request) => {
			if (request.path === LIST && request.body.page === 2 && !added) {
				added = true;
				all.push(...range(120).map(() => send({ state_id: 6 }).id));
			}
		};
		const emitted = [...ids(await trigger.poll()), ...ids(await trigger.poll())];
		expect(await trigger.poll()).toBeNull();
		expect([...emitted].sort()).toEqual([...all].sort());
		expect(new Set(emitted).size).toBe(emitted.length);
	});

	test('an API error mid-poll leaves the cursor; the next poll emits every send once', async () => {
		const trigger = await activated(finished());
		const before = trigger.saved();
		const sends = range(3).map(() => send({ state_id: 6 }));
		fake.api.beforeAnswer = (request) =>
			request.path === STATS && request.query.bulk_id === String(sends[1].id) ? fail(422, 'invalid state', '400-31') : undefined;

		await expect(trigger.poll()).rejects.toThrow('IPPanel request failed (HTTP 422 400-31): invalid state');
		expect(trigger.saved()).toEqual(before);

		fake.api.beforeAnswer = undefined;
		expect(ids(await trigger.poll())).toEqual(sends.map((m) => m.id));
		expect(await trigger.poll()).toBeNull();
	});

	test('"Include Existing" emits the finished sends of the look-back window on the first poll', async () => {
		send({ state_id: 6, time: fake.clock.now - 3 * 3600 });
		const inside = send({ state_id: 3, time: fake.clock.now - 3600 });
		send({ state_id: 5, time: fake.clock.now - 60 });
		const trigger = triggerRig({ event: 'outboxMessageFinished', options: { includeExisting: true, lookBackHours: 2 } }, fake.api.url);

		expect(ids(await trigger.poll())).toEqual([inside.id]);
		expect(fake.api.requests[0].body.filters).toEqual({ create_from_date: String(fake.clock.now - 2 * 3600 - 1) });
		expect(await trigger.poll()).toBeNull();
	});

	test('the kept ids stay inside the window: old sends are forgotten, a send still open after the window is given up', async () => {
		const trigger = await activated(finished());
		const stuck = send({ state_id: 5 });
		for (let hour = 0; hour < 30; hour++) {
			range(10).forEach(() => send({ state_id: 6 }));
			fake.clock.advance(3600);
			await trigger.poll();
		}
		const { bulks } = (trigger.saved().cursor as IDataObject).state as { bulks: Record<string, IDataObject> };
		// Only the last hour's sends (the settle margin reaches back to them) are remembered.
		expect(Object.keys(bulks)).toHaveLength(10);
		expect(bulks[String(stuck.id)]).toBeUndefined();
		stuck.state_id = 6;
		expect(await trigger.poll()).toBeNull();
	});

	test('Fetch Test Event returns the newest finished send with stats and leaves the cursor', async () => {
		const trigger = finished();
		const done = send({ state_id: 6 });
		send({ state_id: 2 });
		expect(ids(await trigger.poll('manual'))).toEqual([done.id]);
		expect(trigger.saved()).toBeUndefined();
	});

	test('Fetch Test Event with no finished send says so clearly', async () => {
		send({ state_id: 1 });
		await expect(finished().poll('manual')).rejects.toThrow('No finished outbox message to show yet');
	});
});
