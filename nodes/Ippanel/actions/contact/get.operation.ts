import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { apiRequest } from '../../transport';
import { outputOptions, rowMapper } from '../common/list';
import { readOneId, shapeContactRow } from '../common/phonebook';
import { contactIdField } from './fields';

const properties: INodeProperties[] = [contactIdField, outputOptions];

export const description = updateDisplayOptions({ show: { resource: ['contact'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const id = readOneId.call(this, 'contactId', itemIndex, 'contact');
	const { data } = await apiRequest.call(this, 'GET', `/api/phonebooks/numbers/contact-list/${id}`, { itemIndex });
	return [rowMapper.call(this, itemIndex, shapeContactRow)((data ?? {}) as IDataObject)];
}
