import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { filtersField, limitField, listRows, listOptions, returnAllField } from '../common/list';
import { shapePatternRow } from './shapePattern';

/** IPPanel's documented maximum `per_page` for patterns. */
const MAX_PAGE_SIZE = 100;

const properties: INodeProperties[] = [
	returnAllField,
	limitField,
	filtersField([
		{
			displayName: 'Pattern Code',
			name: 'code',
			type: 'string',
			default: '',
			description: 'Only the pattern with this code',
		},
		{
			displayName: 'Title',
			name: 'title',
			type: 'string',
			default: '',
			description: 'Only patterns with this title',
		},
	]),
	listOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['pattern'], operation: ['getAll'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	// IPPanel wants `filter[name]=value`, and unused filters left out (never empty).
	const qs: IDataObject = {};
	for (const [name, value] of Object.entries(filters)) {
		const text = String(value ?? '').trim();
		if (text) qs[`filter[${name}]`] = text;
	}
	return await listRows.call(this, itemIndex, {
		request: { method: 'GET', endpoint: '/api/patterns', qs, pageIn: 'qs', sizeParam: 'per_page' },
		maxPageSize: MAX_PAGE_SIZE,
		shape: shapePatternRow,
	});
}
