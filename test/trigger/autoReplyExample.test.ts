/**
 * examples/inbound-auto-reply.json run through the engine: the trigger's poll with the example's
 * parameters, then the reply node with the example's parameters on the items the poll emitted.
 */
import { readFileSync } from 'fs';
import path from 'path';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { apiKeyCredentials, runNode } from '../harness';
import { triggerRig } from './pollRig';
import { fakeIppanelPerTest } from './perTest';

interface WorkflowNode {
	name: string;
	type: string;
	parameters: INodeParameters;
	credentials?: Record<string, unknown>;
}

const example = JSON.parse(readFileSync(path.join(__dirname, '../../examples/inbound-auto-reply.json'), 'utf8')) as {
	nodes: WorkflowNode[];
	connections: Record<string, { main: Array<Array<{ node: string }>> }>;
};
const trigger = example.nodes.find((node) => node.type === 'n8n-nodes-ippanel-edge.ippanelTrigger') as WorkflowNode;
const reply = example.nodes.find((node) => node.name === example.connections[trigger.name].main[0][0].node) as WorkflowNode;

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
