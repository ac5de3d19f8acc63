import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as deleteOperation from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export { create, deleteOperation as delete, get, getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['pattern'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a pattern',
				description: 'Create a message pattern (template); its %name% variables are read from the text. IPPanel reviews it before it can be sent.',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a pattern',
				description: 'Delete a message pattern by its code',
			},
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
			{
				name: 'Update',
				value: 'update',
				action: 'Update a pattern',
				description: 'Replace the text, variables and details of a message pattern; IPPanel reviews it again',
			},
		],
		default: 'getAll',
	},
	...create.description,
	...deleteOperation.description,
	...get.description,
	...getAll.description,
	...update.description,
];
