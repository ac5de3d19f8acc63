/**
 * Hundreds of polls against random arrivals, arrivals during a poll (shifting its pages), API
 * errors mid-poll, bursts larger than a page and sends IPPanel lists late (after newer ones),
 * from a seeded PRNG: a fixed list of seeds, plus TRIGGER_SEED when set. At the end every event
 * must have been emitted exactly once: no duplicate, no miss.
 */
import type { IDataObject } from 'n8n-workflow';

import { fail, type OutboxMessage } from './fakeIppanel';
import { triggerRig, type TriggerRig } from './pollRig';
import { fakeIppanelPerTest } from './perTest';

const SEEDS = [20261123, 1, 42, 8675309, 314159];
if (process.env.TRIGGER_SEED) SEEDS.push(Number(process.env.TRIGGER_SEED));
const POLLS = 520;

/** mulberry32: small, fast, reproducible. */
function prng(seed: number) {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return { chance: (p: number) => next() < p, int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)) };
}

const fake = fakeIppanelPerTest({ clock: true });

/** Polls, counting failures; returns the items of a successful poll (empty on null or error). */
async function pollCounting(trigger: TriggerRig, tally: { errors: number }): Promise<IDataObject[]> {
	try {
		return (await trigger.poll()) ?? [];
	} catch (error) {
		expect((error as Error).message).toContain('invalid state');
		tally.errors++;
		return [];
	}
}

function expectExactlyOnce(emitted: string[], expected: Set<string>) {
	const duplicates = emitted.filter((key, index) => emitted.indexOf(key) !== index);
	const missed = [...expected].filter((key) => !emitted.includes(key));
	const unexpected = emitted.filter((key) => !expected.has(key));
	expect({ duplicates, missed, unexpected }).toEqual({ duplicates: [], missed: [], unexpected: [] });
}

/**
 * Runs `during` before some answers (arrivals mid-poll), and makes the `k`-th request of about
 * one poll in `1 / errorRate` fail with IPPanel's 422. Errors are per poll, not per request: a
 * poll needing hundreds of requests must still be able to succeed. Call `poll()` before each poll.
 */
function chaos(random: ReturnType<typeof prng>, errorRate: number, during: () => void, lastIndex = 6) {
	let requestIndex = 0;
	let failAt = 0;
	fake.api.beforeAnswer = () => {
		if (++requestIndex === failAt) return fail(422, 'invalid state', '400-31');
		during();
		return undefined;
	};
	return {
		poll() {
			requestIndex = 0;
			failAt = random.chance(errorRate) ? random.int(1, lastIndex) : 0;
		},
	};
}

test.each(SEEDS)(`inbound messages: ${POLLS} polls with random arrivals, none repeated or missed (seed %i)`, async (seed) => {
	const random = prng(seed);
	for (let i = 0; i < 40; i++) fake.api.addInbound(); // history: never emitted
	const trigger = triggerRig({ event: 'inboundMessage' }, fake.api.url);
	expect(await trigger.poll()).toBeNull();

	const expected = new Set<string>();
	const arrive = (count: number) => {
		for (let i = 0; i < count; i++) expected.add(String(fake.api.addInbound().messages_inbox_id));
	};
	const tally = { errors: 0, bursts: 0, midPoll: 0 };
	const injected = chaos(random, 0.05, () => {
		if (random.chance(0.25)) {
			tally.midPoll++;
			arrive(random.chance(0.05) ? random.int(100, 160) : random.int(1, 5));
		}
	}, 2);
	const emitted: string[] = [];
	for (let poll = 0; poll < POLLS; poll++) {
		if (random.chance(0.04)) {
			tally.bursts++;
			arrive(random.int(101, 320));
		} else if (random.chance(0.6)) arrive(random.int(1, 4));
		injected.poll();
		emitted.push(...(await pollCounting(trigger, tally)).map((item) => String(item.messages_inbox_id)));
	}
	fake.api.beforeAnswer = undefined;
	for (let i = 0; i < 3; i++) emitted.push(...((await trigger.poll()) ?? []).map((item) => String(item.messages_inbox_id)));

	expectExactlyOnce(emitted, expected);
	expect(tally.errors).toBeGreaterThan(5);
	expect(tally.bursts).toBeGreaterThan(5);
	expect(tally.midPoll).toBeGreaterThan(50);
	const mark = fake.api.requests.length;
	expect(await trigger.poll()).toBeNull();
	expect(fake.api.requests.length - mark).toBe(1);
}, 120_000);

test.each(SEEDS)(`outbox finished and delivery statuses: ${POLLS} polls with random sends (some listed late) and reports, none repeated or missed (seed %i)`, async (seed) => {
	const random = prng(seed + 1);
	const FINAL_NOT_SENT = [3, 4, 7, 8, 9];
	const recipients = () => Array.from({ length: random.int(1, 4) }, (_, i) => ({ recipient: `+9891200000${String(i).padStart(2, '0')}`, message_status: 0 }));
	const create = (count: number) => {
		for (let i = 0; i < count; i++) fake.api.addOutbox({ time: fake.clock.now, state_id: random.int(0, 2), recipients: recipients() });
	};
	/** One random step of IPPanel's work: sends finish, recipients get their (single) final status. */
	const progress = (message: OutboxMessage, p: number) => {
		if (![3, 4, 6, 7, 8, 9].includes(message.state_id)) {
			if (random.chance(p)) message.state_id = random.chance(0.8) ? 6 : FINAL_NOT_SENT[random.int(0, 4)];
			return;
		}
		if (message.state_id !== 6) return;
		for (const r of message.recipients) {
			if (r.message_status < 2 && random.chance(p)) r.message_status = random.chance(0.2) ? 1 : random.int(2, 4);
		}
	};
	const finishedKeys = () => new Set(fake.api.outbox.filter((m) => [3, 4, 6, 7, 8, 9].includes(m.state_id)).map((m) => String(m.id)));
	const deliveryKeys = () =>
		new Set(fake.api.outbox.flatMap((m) => m.recipients.filter((r) => r.message_status >= 2).map((r) => `${m.id} ${r.recipient} ${r.message_status}`)));

	// History before activation: some finished, some still open.
	fake.clock.advance(-3600);
	create(30);
	fake.api.outbox.forEach((m) => progress(m, 0.7));
	fake.clock.advance(3600);
	const finished = triggerRig({ event: 'outboxMessageFinished' }, fake.api.url);
	const delivery = triggerRig({ event: 'deliveryStatusChanged' }, fake.api.url);
	expect(await finished.poll()).toBeNull();
	expect(await delivery.poll()).toBeNull();
	const oldFinished = finishedKeys();
	const oldDelivery = deliveryKeys();

	/**
	 * A send listed late: created (id and time taken) hidden, listed two polls later, when the poll
	 * in between may have emitted newer sends up to `gap` seconds younger: within the 60 s settle
	 * margin, so it must still be emitted once.
	 */
	const late: Array<{ message: OutboxMessage; shownAt: number }> = [];
	const createLate = (poll: number) => {
		const message = fake.api.addOutbox({ time: fake.clock.now, state_id: random.int(0, 2), recipients: recipients(), hidden: true });
		late.push({ message, shownAt: poll + 2 });
	};
	const showLate = (poll: number) => {
		for (const entry of late.filter(({ shownAt }) => shownAt <= poll)) entry.message.hidden = false;
	};

	const tally = { errors: 0, midPoll: 0 };
	const injected = chaos(random, 0.05, () => {
		if (random.chance(0.08)) {
			tally.midPoll++;
			create(random.int(0, 1));
			fake.api.outbox.forEach((m) => progress(m, 0.05));
		}
	});
	const emittedFinished: string[] = [];
	const emittedDelivery: string[] = [];
	const pollBoth = async () => {
		injected.poll();
		emittedFinished.push(...(await pollCounting(finished, tally)).map((i) => String(i.messages_outbox_id)));
		injected.poll();
		emittedDelivery.push(...(await pollCounting(delivery, tally)).map((i) => `${i.bulk_id} ${i.recipient} ${i.message_status}`));
	};
	let gap = random.int(10, 100);
	for (let poll = 0; poll < POLLS; poll++) {
		fake.clock.advance(gap);
		showLate(poll);
		create(random.chance(0.01) ? random.int(101, 130) : random.chance(0.4) ? random.int(1, 2) : 0);
		gap = random.int(10, 100);
		if (gap <= 60 && random.chance(0.1)) createLate(poll);
		fake.api.outbox.forEach((m) => progress(m, 0.5));
		await pollBoth();
	}
	showLate(Infinity);
	fake.api.beforeAnswer = undefined;
	fake.api.outbox.forEach((m) => {
		progress(m, 1);
		progress(m, 1);
		m.recipients.forEach((r) => m.state_id === 6 && r.message_status < 2 && (r.message_status = 2));
	});
	for (let i = 0; i < 3; i++) await pollBoth();

	expectExactlyOnce(emittedFinished, new Set([...finishedKeys()].filter((key) => !oldFinished.has(key))));
	expectExactlyOnce(emittedDelivery, new Set([...deliveryKeys()].filter((key) => !oldDelivery.has(key))));
	expect(emittedDelivery.length).toBeGreaterThan(500);
	expect(late.length).toBeGreaterThan(10);
	expect(tally.errors).toBeGreaterThan(5);
	expect(tally.midPoll).toBeGreaterThan(50);
}, 240_000);
