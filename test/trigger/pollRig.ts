/**
 * Polls the IPPanel Trigger the way n8n does: a PollContext for a workflow holding the trigger,
 * run by n8n-core's TriggersAndPollers. The workflow's static data is saved as JSON after each
 * poll (even a failed one) and loaded into a fresh Workflow for the next, so the cursor must
 * survive a save and a restart.
 */
import { Container } from '@n8n/di';
import { PollContext, TriggersAndPollers } from 'n8n-core';
import type { IDataObject, INode, INodeParameters, WorkflowExecuteMode } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { additionalDataFor, apiKeyCredentials } from '../harness';
import { nodeTypes } from '../harness/nodes';

export const TRIGGER_NAME = 'IPPanel Trigger';

export interface TriggerRig {
	/** One poll: the items emitted (null when the node returned null). Throws what the node threw. */
	poll(mode?: WorkflowExecuteMode): Promise<IDataObject[] | null>;
	/** The node's static data as last saved. */
	saved(): IDataObject;
	/** The node's parameters: change them between polls as a user editing the node would. */
	parameters: INodeParameters;
}

/** The rig after its first poll (activation): the cursor is set, later polls report what is new. */
export async function activated(rig: TriggerRig): Promise<TriggerRig> {
	await rig.poll();
	return rig;
}

/**
 * `staticData`: the node's static data as an earlier version of the node left it, for a rig that
 * starts as an already active workflow.
 */
export function triggerRig(parameters: INodeParameters, baseUrl: string, apiKey?: string, staticData?: IDataObject): TriggerRig {
	const credentials = apiKeyCredentials(baseUrl, apiKey);
	let savedStaticData = JSON.stringify(staticData ? { [`node:${TRIGGER_NAME}`]: staticData } : {});
	return {
		parameters,
		async poll(mode = 'trigger') {
			// Built afresh each time: the Workflow fills defaults into the node's parameters in place.
			const node: INode = {
				id: 'trigger',
				name: TRIGGER_NAME,
				type: 'n8n-nodes-ippanel-edge.ippanelTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: structuredClone(parameters),
				credentials: { ippanelApi: { id: '1', name: 'IPPanel account' } },
			};
			const workflow = new Workflow({
				id: 'trigger-workflow',
				name: 'trigger test',
				nodes: [node],
				connections: {},
				active: true,
				nodeTypes,
				staticData: JSON.parse(savedStaticData) as IDataObject,
				settings: { timezone: 'UTC' },
			});
			const context = new PollContext(workflow, node, additionalDataFor(undefined, credentials), mode, 'activate');
			try {
				const result = await Container.get(TriggersAndPollers).runPollFunction(workflow, node, context);
				return result === null ? null : result[0].map((item) => item.json);
			} finally {
				// Kept even when the poll threw: an active workflow keeps its Workflow object in memory
				// between polls, so a cursor moved before an error would be seen by the next poll.
				savedStaticData = JSON.stringify(workflow.staticData);
			}
		},
		saved() {
			return (JSON.parse(savedStaticData) as IDataObject)[`node:${TRIGGER_NAME}`] as IDataObject;
		},
	};
}
