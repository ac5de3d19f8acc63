import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getAll from './getAll.operation';

export { get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['pattern'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a pattern',
				description: 'Get one message pattern (template) with its text and variables',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many patterns',
				description: 'List the message patterns (templates) of the account (one item per pattern)',
			},
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
];
