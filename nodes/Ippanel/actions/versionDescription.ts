import type { INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { resourceProperties } from '../helpers/description';
import { resources } from './resources';

export const versionDescription: INodeTypeDescription = {
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
		...Object.entries(resources).flatMap(([name, resource]) => resourceProperties(name, resource)),
	],
};
