import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { apiRequest } from '../../transport';
import { shapeCustomFieldRow } from '../common/phonebook';
import { fieldTypeOptions, readFieldTitle, readFieldType } from './fields';

const properties: INodeProperties[] = [
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Amount owed',
		description: 'The custom field\'s name',
	},
	{
		displayName: 'Type',
		name: 'fieldType',
		type: 'options',
		options: fieldTypeOptions,
		default: 'string',
		description: 'What the field holds',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['customField'], operation: ['create'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const title = readFieldTitle.call(this, 'title', itemIndex, this.getNodeParameter('title', itemIndex, ''));
	const type = readFieldType.call(this, 'fieldType', itemIndex, this.getNodeParameter('fieldType', itemIndex, 'string'));
	const { data } = await apiRequest.call(this, 'POST', '/api/phonebooks/options', { body: { type, title }, itemIndex });
	return [shapeCustomFieldRow((data ?? {}) as IDataObject)];
}
