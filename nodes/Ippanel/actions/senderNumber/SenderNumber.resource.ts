import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';

export { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['senderNumber'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many sender numbers',
				description: 'List the sender lines of the account (one item per number)',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
