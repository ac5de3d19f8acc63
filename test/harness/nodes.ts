import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeHelpers } from 'n8n-workflow';

import { Ippanel } from '../../dist/nodes/Ippanel/Ippanel.node';
import { IppanelTrigger } from '../../dist/nodes/IppanelTrigger/IppanelTrigger.node';

/**
 * The workflow's first node: emits the items a test gives it (JSON in its `items` parameter,
 * binary attached from `binary`), like a Manual Trigger followed by a Code node in n8n.
 */
class TestInput implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test Input',
		name: 'testInput',
		group: ['input'],
		version: 1,
		description: 'Emits test items',
		defaults: { name: 'Input' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{ displayName: 'Items', name: 'items', type: 'json', default: '[]' },
			{ displayName: 'Binary', name: 'binary', type: 'json', default: '[]' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = JSON.parse(this.getNodeParameter('items', 0) as string) as IDataObject[];
		const binaries = JSON.parse(this.getNodeParameter('binary', 0) as string) as Array<
			Record<string, { base64: string; fileName: string; mimeType: string }>
		>;
		const output: INodeExecutionData[] = [];
		for (const [index, json] of items.entries()) {
			const item: INodeExecutionData = { json, pairedItem: { item: 0 } };
			for (const [property, file] of Object.entries(binaries[index] ?? {})) {
				item.binary ??= {};
				item.binary[property] = await this.helpers.prepareBinaryData(
					Buffer.from(file.base64, 'base64'),
					file.fileName,
					file.mimeType,
				);
			}
			output.push(item);
		}
		return [output];
	}
}

const registry: Record<string, INodeType> = {
	'test.input': new TestInput(),
	'n8n-nodes-ippanel-edge.ippanel': new Ippanel(),
	'n8n-nodes-ippanel-edge.ippanelTrigger': new IppanelTrigger(),
};

export const nodeTypes: INodeTypes = {
	getByName(type: string): INodeType | IVersionedNodeType {
		return registry[type];
	},
	getByNameAndVersion(type: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(registry[type], version);
	},
	getKnownTypes() {
		return {};
	},
};
