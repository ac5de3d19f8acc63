import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { apiRequest } from '../../transport';
import { readOneId } from '../common/phonebook';
import { customFieldIdField } from './fields';

const properties: INodeProperties[] = [
	{ ...customFieldIdField, description: `The custom field to delete; its values leave every contact. ${customFieldIdField.description}` },
];

export const description = updateDisplayOptions({ show: { resource: ['customField'], operation: ['delete'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const id = readOneId.call(this, 'customFieldId', itemIndex, 'custom field');
	await apiRequest.call(this, 'POST', '/api/phonebooks/options/delete-list', { body: { listOptions: [Number(id)] }, itemIndex });
	return [{ id: Number(id), deleted: true }];
}
