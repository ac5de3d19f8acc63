/**
 * The trigger's catch-up reads its pages several at a time. Against the emulator, with every page
 * answered after its own delay (later pages first) and messages arriving while a poll is under
 * way, each event is still emitted exactly once.
 */
import type { IDataObject } from 'n8n-workflow';

import { EMULATOR_API_KEY, useEmulator, type EmulatorRequest } from '../harness/emulator';
import { activated, triggerRig } from './pollRig';

const { emu, baseUrl } = useEmulator();

const pageOf = (request: EmulatorRequest) => Number(request.query.page ?? (request.body as { page?: number } | null)?.page ?? 1);

/** Pages after the first answered late page first: page 2 last. */
function reversePages(path: string, stepMs: number, pages: number): void {
	emu.setDelay((request) => (request.path === path && pageOf(request) > 1 ? (pages + 1 - pageOf(request)) * stepMs : 0));
}

test('Inbound Message: 950 new messages in 10 pages answered out of order, 30 more arriving mid-poll: each emitted once, oldest first', async () => {
	const trigger = await activated(triggerRig({ event: 'inboundMessage' }, baseUrl(), EMULATOR_API_KEY));
	const first = emu.generateInbound(950).map((row) => row.messages_inbox_id as number);
	reversePages('/api/report/messages-inbox', 15, 10);
	emu.clearRequests();
	let later: number[] = [];
	const grow = setInterval(() => {
		if (later.length || !emu.requests.some((request) => pageOf(request) === 10)) return;
		later = [-1];
		setTimeout(() => (later = emu.generateInbound(30).map((row) => row.messages_inbox_id as number)), 45);
	}, 1);
	const emitted: number[] = [];
	try {
		for (const events of [await trigger.poll(), await trigger.poll()]) {
			const ids = (events ?? []).map((event: IDataObject) => event.messages_inbox_id as number);
			expect([...ids].sort((a, b) => a - b)).toEqual(ids); // oldest first
			emitted.push(...ids);
		}
	} finally {
		clearInterval(grow);
	}
	expect(later).toHaveLength(30);
	expect(emitted).toEqual([...first, ...later]);
	expect(await trigger.poll()).toBeNull();
});

test('Delivery Status Changed: a 3,500-recipient message read in 4 pages answered out of order: each recipient once', async () => {
	const trigger = await activated(triggerRig({ event: 'deliveryStatusChanged' }, baseUrl(), EMULATOR_API_KEY));
	const bulkId = emu.seedBulk({ recipients: 3500 });
	emu.advance(61_000); // every recipient has its final status
	reversePages('/api/report/recipients', 20, 4);
	emu.clearRequests();
	const events = (await trigger.poll()) ?? [];
	const pages = emu.requests.filter((request) => request.path === '/api/report/recipients').map(pageOf);
	expect([...pages].sort()).toEqual([1, 2, 3, 4]);
	expect(events).toHaveLength(3500);
	expect(events.every((event) => event.bulk_id === bulkId)).toBe(true);
	expect(new Set(events.map((event) => event.recipient)).size).toBe(3500);
	expect(await trigger.poll()).toBeNull();
});
