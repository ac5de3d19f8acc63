import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { apiRequest } from '../../transport';
import { readOneId } from '../common/phonebook';
import { phonebookIdField } from './phonebookId';

const properties: INodeProperties[] = [
	{ ...phonebookIdField, description: `The phonebook to delete, with all its contacts. ${phonebookIdField.description}` },
];

export const description = updateDisplayOptions({ show: { resource: ['phonebook'], operation: ['delete'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const phonebookId = readOneId.call(this, 'phonebookId', itemIndex, 'phonebook');
	await apiRequest.call(this, 'POST', '/api/phonebooks/delete-list', { body: { listPhonebooks: [Number(phonebookId)] }, itemIndex });
	return [{ id: Number(phonebookId), deleted: true }];
}
