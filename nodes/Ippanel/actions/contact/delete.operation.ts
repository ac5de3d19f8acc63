import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { apiRequest } from '../../transport';
import { readOneId } from '../common/phonebook';
import { contactIdField } from './fields';

const properties: INodeProperties[] = [contactIdField];

export const description = updateDisplayOptions({ show: { resource: ['contact'], operation: ['delete'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const id = readOneId.call(this, 'contactId', itemIndex, 'contact');
	await apiRequest.call(this, 'POST', '/api/phonebooks/numbers/delete-list', { body: { listNumbers: [Number(id)] }, itemIndex });
	return [{ id: Number(id), deleted: true }];
}
