import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { filtersField, limitField, listRows, outputOptions, returnAllField } from '../common/list';
import { MAX_PHONEBOOK_PAGE, shapePhonebookRow } from '../common/phonebook';

const properties: INodeProperties[] = [
	returnAllField,
	limitField,
	filtersField([
		{
			displayName: 'Title',
			name: 'title',
			type: 'string',
			default: '',
			description: 'Only phonebooks whose title contains this',
		},
	]),
	outputOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['phonebook'], operation: ['getAll'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	const title = String(filters.title ?? '').trim();
	if (title) qs.title = title;
	return await listRows.call(this, itemIndex, {
		request: { method: 'GET', endpoint: '/api/phonebooks/list-new', qs, pageIn: 'qs', sizeParam: 'per_page' },
		maxPageSize: MAX_PHONEBOOK_PAGE,
		shape: shapePhonebookRow,
	});
}
