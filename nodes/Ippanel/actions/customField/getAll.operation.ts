import type { IExecuteFunctions, IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { limitField, listRows, outputOptions, returnAllField } from '../common/list';
import { MAX_PHONEBOOK_PAGE, shapeCustomFieldRow } from '../common/phonebook';

const properties: INodeProperties[] = [returnAllField, limitField, outputOptions];

export const description = updateDisplayOptions({ show: { resource: ['customField'], operation: ['getAll'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await listRows.call(this, itemIndex, {
		request: { method: 'GET', endpoint: '/api/phonebooks/options/list-new', pageIn: 'qs', sizeParam: 'per_page' },
		maxPageSize: MAX_PHONEBOOK_PAGE,
		shape: shapeCustomFieldRow,
	});
}
