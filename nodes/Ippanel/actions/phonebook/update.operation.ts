import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { parameterError } from '../../helpers/errors';
import { asText } from '../../helpers/parameters';
import { apiRequest } from '../../transport';
import { readOneId } from '../common/phonebook';
import { phonebookIdField } from './phonebookId';
import { customFieldIdsField, readFieldIds, readTitle } from './fields';

const properties: INodeProperties[] = [
	phonebookIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			customFieldIdsField('The custom fields the phonebook carries from now on (the whole list).'),
			{
				displayName: 'Title',
				name: 'title',
				type: 'string',
				default: '',
				description: 'The new title, at most 200 characters',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['phonebook'], operation: ['update'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const phonebookId = readOneId.call(this, 'phonebookId', itemIndex, 'phonebook');
	const updates = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	if (updates.title !== undefined) {
		const at = { parameter: 'updateFields.title', itemIndex };
		const title = readTitle.call(this, at.parameter, itemIndex, asText(this.getNode(), updates.title, at));
		if (!title) throw parameterError(this.getNode(), at, 'The new title is empty', 'Give a title, or remove the Title field.');
		body.title = title;
	}
	const fieldIds = readFieldIds.call(this, 'updateFields.customFieldIds', itemIndex);
	if (fieldIds) body.options = fieldIds;
	if (!Object.keys(body).length) {
		throw parameterError(
			this.getNode(),
			{ parameter: 'updateFields', itemIndex },
			'Nothing to update',
			'Add Title or Custom Fields under Update Fields.',
		);
	}
	await apiRequest.call(this, 'PUT', `/api/phonebooks/${phonebookId}`, { body, itemIndex });
	return [{ id: Number(phonebookId), updated: true, ...(body.title ? { title: body.title } : {}), ...(fieldIds ? { custom_field_ids: fieldIds.map(Number) } : {}) }];
}
