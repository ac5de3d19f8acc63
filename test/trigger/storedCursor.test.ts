/**
 * Workflows activated before the outbox cursor's keys had names store `{ t, done, r }` per
 * message. Their next poll must go on from there (nothing emitted twice, nothing missed) and
 * store the cursor in the new shape.
 */
import type { IDataObject } from 'n8n-workflow';

import { type OutboxMessage } from './fakeIppanel';
import { triggerRig } from './pollRig';
import { fakeIppanelPerTest } from './perTest';

const fake = fakeIppanelPerTest({ clock: true });

const send = (fields: Partial<OutboxMessage> = {}) => fake.api.addOutbox({ time: fake.clock.now, ...fields });
const to = (...statuses: number[]) => statuses.map((message_status, i) => ({ recipient: `+98912000000${i}`, message_status }));
const lines = (items: IDataObject[] | null) => (items ?? []).map((i) => `${i.bulk_id} ${i.recipient} ${i.status}`);

describe('IPPanel Trigger: cursors stored in the old one-letter shape', () => {
	test('Delivery Status Changed goes on from an old cursor and stores the new shape', async () => {
		const done = send({ state_id: 6, time: fake.clock.now - 60, recipients: to(2) });
		const open = send({ state_id: 6, recipients: to(3, 2, 0) });
		const oldCursor = {
			cursor: {
				event: 'deliveryStatusChanged',
				state: {
					newest: fake.clock.now,
					bulks: {
						[done.id]: { t: done.time, done: true },
						// Recipient 0 was already emitted as not delivered (1 << 3); 1 and 2 were still open.
						[open.id]: { t: open.time, r: { '+989120000000': 1 << 3 } },
					},
				},
			},
		};
		const trigger = triggerRig({ event: 'deliveryStatusChanged' }, fake.api.url, undefined, oldCursor);

		expect(lines(await trigger.poll())).toEqual([`${open.id} +989120000001 delivered`]);
		expect((trigger.saved().cursor as IDataObject).state).toEqual({
			newest: fake.clock.now,
			bulks: {
				[done.id]: { createdAt: done.time, done: true },
				[open.id]: { createdAt: open.time, emittedStatuses: { '+989120000000': 1 << 3, '+989120000001': 1 << 2 } },
			},
		});

		open.recipients[2].message_status = 4;
		expect(lines(await trigger.poll())).toEqual([`${open.id} +989120000002 blacklisted`]);
		expect(((trigger.saved().cursor as IDataObject).state as IDataObject).bulks).toEqual({
			[done.id]: { createdAt: done.time, done: true },
			[open.id]: { createdAt: open.time, done: true },
		});
	});

	test('Outbox Message Finished does not emit a message an old cursor marked done', async () => {
		const done = send({ state_id: 6, time: fake.clock.now - 60 });
		const pending = send({ state_id: 1 });
		const oldCursor = {
			cursor: {
				event: 'outboxMessageFinished',
				state: { newest: fake.clock.now, bulks: { [done.id]: { t: done.time, done: true }, [pending.id]: { t: pending.time } } },
			},
		};
		const trigger = triggerRig({ event: 'outboxMessageFinished' }, fake.api.url, undefined, oldCursor);

		expect(await trigger.poll()).toBeNull();
		pending.state_id = 6;
		const items = await trigger.poll();
		expect((items ?? []).map((item) => item.messages_outbox_id)).toEqual([pending.id]);
		expect(((trigger.saved().cursor as IDataObject).state as IDataObject).bulks).toEqual({
			[done.id]: { createdAt: done.time, done: true },
			[pending.id]: { createdAt: pending.time, done: true },
		});
	});
});
