import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as deleteOperation from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as importOperation from './import.operation';
import * as update from './update.operation';
import * as upsert from './upsert.operation';

export { create, deleteOperation as delete, get, getAll, importOperation as import, update, upsert };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['contact'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a contact',
				description: 'Add one contact to a phonebook; fails when the number is already there',
			},
			{
				name: 'Create or Update',
				value: 'upsert',
				action: 'Create or update a contact',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a contact',
				description: 'Remove a contact from its phonebook, by contact ID',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a contact',
				description: 'Get one contact by its ID, with its blacklist flags and tags',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many contacts',
				description: 'List contacts, with their IDs, filtered by phonebook, mobile or creation time (one item per contact)',
			},
			{
				name: 'Import',
				value: 'import',
				action: 'Import contacts from a file',
				description: 'Upload an Excel (XLSX) or CSV file of contacts into a phonebook; IPPanel adds them on its side',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a contact',
				description: 'Change a contact\'s mobile, prefix, name, email, phonebook or custom-field values, by contact ID',
			},
		],
		default: 'upsert',
	},
	...create.description,
	...deleteOperation.description,
	...get.description,
	...getAll.description,
	...importOperation.description,
	...update.description,
	...upsert.description,
];
