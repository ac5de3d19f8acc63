import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { parameterError } from '../../helpers/errors';
import { apiRequest } from '../../transport';
import { readOneId } from '../common/phonebook';
import { customFieldIdField, fieldTypeOptions, readFieldTitle, readFieldType } from './fields';

const properties: INodeProperties[] = [
	customFieldIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Title',
				name: 'title',
				type: 'string',
				default: '',
				description: 'The new title',
			},
			{
				displayName: 'Type',
				name: 'fieldType',
				type: 'options',
				options: fieldTypeOptions,
				default: 'string',
				description: 'The new type (IPPanel documents only the title as changeable; the type is sent as well when set)',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['customField'], operation: ['update'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const id = readOneId.call(this, 'customFieldId', itemIndex, 'custom field');
	const updates = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	if (updates.title !== undefined) body.title = readFieldTitle.call(this, 'updateFields.title', itemIndex, updates.title);
	if (updates.fieldType !== undefined) body.type = readFieldType.call(this, 'updateFields.fieldType', itemIndex, updates.fieldType);
	if (!Object.keys(body).length) {
		throw parameterError(this.getNode(), { parameter: 'updateFields', itemIndex }, 'Nothing to update', 'Add Title (or Type) under Update Fields.');
	}
	await apiRequest.call(this, 'PUT', `/api/phonebooks/options/${id}`, { body, itemIndex });
	return [{ id: Number(id), updated: true, ...body }];
}
