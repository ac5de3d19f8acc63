/**
 * examples/inbound-auto-reply.json run through the engine: the trigger's poll with the example's
 * parameters, then the reply node with the example's parameters on the items the poll emitted.
 */
import type { IDataObject } from 'n8n-workflow';

import { apiKeyCredentials, runNode } from '../harness';
import { loadExample } from '../harness/examples';
import { triggerRig } from './pollRig';
import { fakeIppanelPerTest } from './perTest';

const example = loadExample('inbound-auto-reply.json');
const trigger = example.ofType('n8n-nodes-ippanel-edge.ippanelTrigger');
const reply = example.next(trigger.name);

const fake = fakeIppanelPerTest();

describe('example: inbound SMS auto-reply', () => {
	test('is IPPanel Trigger (Inbound Message) → IPPanel Send to Numbers, both on the ippanelApi credential', () => {
		expect(trigger.parameters.event).toBe('inboundMessage');
		expect([reply.type, reply.parameters.resource, reply.parameters.operation]).toEqual(['n8n-nodes-ippanel-edge.ippanel', 'send', 'webservice']);
		expect(Object.keys(trigger.credentials ?? {})).toEqual(['ippanelApi']);
		expect(Object.keys(reply.credentials ?? {})).toEqual(['ippanelApi']);
	});

	test('a new inbound SMS is answered from the line it arrived on, to its sender', async () => {
		fake.api.addInbound();
		const poller = triggerRig(trigger.parameters, fake.api.url);
		expect(await poller.poll()).toBeNull();
		fake.api.addInbound({ from: '+989351112233', number: '+983000505', message: 'قیمت؟' });
		const items = (await poller.poll()) as IDataObject[];
		expect(items).toHaveLength(1);

		const sends: IDataObject[] = [];
		fake.api.beforeAnswer = (request) => {
			if (request.path !== '/v1/api/send') return undefined;
			sends.push(request.body);
			return { status: 200, body: { data: { message_outbox_ids: [777] }, meta: { status: true, message: 'انجام شد', message_code: '200-1' } } };
		};
		const result = await runNode({ parameters: reply.parameters, items, credentials: apiKeyCredentials(fake.api.url) });
		expect(result.error).toBeUndefined();
		expect(sends).toEqual([
			{
				sending_type: 'webservice',
				from_number: '+983000505',
				message: 'Thank you, we received your message: "قیمت؟". We will get back to you soon.',
				params: { recipients: ['+989351112233'] },
			},
		]);
		expect(result.items[0].json.message_outbox_id).toBe(777);
	});
});
