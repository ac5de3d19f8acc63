import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { resources } from './actions/resources';
import { router } from './actions/router';
import { resourceProperties } from './helpers/description';
import { loadOptions } from './methods';

export class Ippanel implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'IPPanel',
		name: 'ippanel',
		icon: { light: 'file:ippanel.svg', dark: 'file:ippanel.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Send SMS (numbers, patterns, voice OTP, peer to peer, phonebooks) and read reports with IPPanel Edge',
		defaults: { name: 'IPPanel' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'ippanelApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: Object.values(resources).map((resource) => resource.option),
				default: 'send',
			},
			// Each resource brings its operation dropdown and its operations' parameters.
			...Object.entries(resources).flatMap(([name, resource]) => resourceProperties(name, resource)),
		],
	};

	methods = { loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
