/**
 * The trigger against the project's API emulator (dev/emulator), an independent model of
 * IPPanel: a real send made with the IPPanel node finishes and gets its delivery reports as the
 * emulator's clock moves, and an SMS arrives; each event is emitted once.
 */
import type { IDataObject } from 'n8n-workflow';

import { apiKeyCredentials, runNode } from '../harness';
import { EMULATOR_API_KEY, useEmulator } from '../harness/emulator';
import { triggerRig } from './pollRig';

const { emu, baseUrl } = useEmulator();

test('a send made with the IPPanel node: finished once, each delivery report once; an inbound SMS once', async () => {
	const rig = (event: string) => triggerRig({ event }, baseUrl(), EMULATOR_API_KEY);
	const inbound = rig('inboundMessage');
	const finished = rig('outboxMessageFinished');
	const delivery = rig('deliveryStatusChanged');
	// The emulator's seeded history is old news.
	for (const trigger of [inbound, finished, delivery]) expect(await trigger.poll()).toBeNull();

	const sent = await runNode({
		parameters: { resource: 'send', operation: 'webservice', fromNumber: '+983000505', recipients: '09121000001, 09121000002, 09121000003', message: 'Your order has shipped' },
		credentials: apiKeyCredentials(baseUrl(), EMULATOR_API_KEY),
	});
	expect(sent.error).toBeUndefined();
	const bulkId = sent.items[0].json.message_outbox_id;

	expect(await finished.poll()).toBeNull(); // still sending
	emu.advance(6_000);
	const done = await finished.poll();
	expect(done?.map((i) => [i.messages_outbox_id, i.state_name, (i.stats as IDataObject).total])).toEqual([[bulkId, 'sent', 3]]);
	expect(await finished.poll()).toBeNull();

	emu.advance(61_000);
	const reports = await delivery.poll();
	expect(reports?.map((i) => [i.bulk_id, i.recipient])).toEqual([
		[bulkId, '+989121000001'],
		[bulkId, '+989121000002'],
		[bulkId, '+989121000003'],
	]);
	expect(reports?.every((i) => [2, 3, 4].includes(i.message_status as number))).toBe(true);
	expect(await delivery.poll()).toBeNull();

	emu.addInbound({ from: '+989351112233', to: '+983000505', message: 'Thanks!' });
	expect((await inbound.poll())?.map((i) => [i.from, i.number, i.message])).toEqual([['+989351112233', '+983000505', 'Thanks!']]);
	expect(await inbound.poll()).toBeNull();
});
