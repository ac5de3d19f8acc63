
import { IppanelTrigger } from '../../dist/nodes/IppanelTrigger/IppanelTrigger.node';
import { triggerRig } from './pollRig';
import { fakeIppanelPerTest } from './perTest';

const fake = fakeIppanelPerTest();

describe('IPPanel Trigger: description and settings', () => {
	test('keeps the public names: ippanelTrigger, credential ippanelApi, the three event values', () => {
		const { description } = new IppanelTrigger();
		expect([description.name, description.polling, description.inputs]).toEqual(['ippanelTrigger', true, []]);
		expect(description.credentials).toEqual([{ name: 'ippanelApi', required: true }]);
		const event = description.properties.find((p) => p.name === 'event');
		expect(event?.options?.map((o) => (o as { value: string }).value)).toEqual(['inboundMessage', 'outboxMessageFinished', 'deliveryStatusChanged', 'contactAdded']);
	});

	test('a look-back window of 0 hours is refused before any request, naming the option', async () => {
		const trigger = triggerRig({ event: 'deliveryStatusChanged', options: { lookBackHours: 0 } }, fake.api.url);
		await expect(trigger.poll()).rejects.toThrow('Option "Look-Back Window (Hours)" must be a number above 0, not 0');
		expect(fake.api.requests).toEqual([]);
	});

	test('switching the event starts afresh: the cursor of the other event is not reused', async () => {
		fake.api.addInbound();
		const trigger = triggerRig({ event: 'inboundMessage' }, fake.api.url);
		await trigger.poll();
		expect(trigger.saved()).toEqual({ cursor: { event: 'inboundMessage', state: { lastId: 5001 } } });

		fake.api.addOutbox({ state_id: 6 });
		trigger.parameters.event = 'outboxMessageFinished';
		expect(await trigger.poll()).toBeNull(); // a first poll: records the window, emits nothing old
		expect((trigger.saved().cursor as { event: string }).event).toBe('outboxMessageFinished');
	});
});
