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
		displayOptions: { show: { resource: ['customField'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a custom field',
				description: 'Create a custom field (text, number or date) that phonebooks can carry, such as due date or amount owed',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a custom field',
				description: 'Delete a custom field; its values leave every contact',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many custom fields',
				description: 'List the account\'s custom fields (one item per field), with the IDs that {ex_ID} placeholders use',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a custom field',
				description: 'Rename a custom field',
			},
		],
		default: 'getAll',
	},
	...create.description,
	...deleteOperation.description,
	...getAll.description,
	...update.description,
];
