import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listProperties, listRows } from '../../helpers/listing';
import { shapePatternRow } from './shapePattern';

export const option = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many patterns',
	description: 'List the message patterns (templates) of the account (one item per pattern)',
};

/** IPPanel's documented maximum `per_page` for patterns. */
const MAX_PAGE_SIZE = 100;

export const description: INodeProperties[] = listProperties([
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
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	// IPPanel wants `filter[name]=value`, and unused filters left out (never empty).
	const qs: IDataObject = {};
	for (const [name, value] of Object.entries(filters)) {
		const text = String(value ?? '').trim();
		if (text) qs[`filter[${name}]`] = text;
	}
	return await listRows(this, itemIndex, {
		request: { method: 'GET', endpoint: '/api/patterns', qs, pageIn: 'qs', sizeParam: 'per_page' },
		maxPageSize: MAX_PAGE_SIZE,
		shape: shapePatternRow,
	});
}
