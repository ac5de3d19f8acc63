import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as deleteOperation from './delete.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export { create, deleteOperation as delete, getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['phonebook'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a phonebook',
				description: 'Create a phonebook, optionally with custom fields for its contacts',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a phonebook',
				description: 'Delete a phonebook and every contact in it',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many phonebooks',
				description: 'List the account\'s phonebooks with their size and custom fields (one item per phonebook)',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a phonebook',
				description: 'Change a phonebook\'s title or its custom fields',
			},
		],
		default: 'getAll',
	},
	...create.description,
	...deleteOperation.description,
	...getAll.description,
	...update.description,
];
