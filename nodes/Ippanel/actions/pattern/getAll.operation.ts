import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../../helpers/description';
import { outputOptions, pageSizeFor, rowLimit, rowMapper } from '../../helpers/listing';
import { apiRequestAllItems } from '../../transport';
import { shapePatternRow } from './shapePattern';

export const option = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many patterns',
	description: 'List the message patterns (templates) of the account (one item per pattern)',
};

/** IPPanel's documented maximum `per_page` for patterns. */
const MAX_PAGE_SIZE = 100;

export const description: INodeProperties[] = [
	...returnAllOrLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
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
		],
	},
	outputOptions(),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	// IPPanel wants `filter[name]=value`, and unused filters left out (never empty).
	const qs: IDataObject = {};
	for (const [name, value] of Object.entries(filters)) {
		const text = String(value ?? '').trim();
		if (text) qs[`filter[${name}]`] = text;
	}
	const limit = rowLimit(this, itemIndex);
	const pagination = {
		method: 'GET' as const,
		endpoint: '/api/patterns',
		qs,
		pageIn: 'qs' as const,
		sizeParam: 'per_page' as const,
		pageSize: pageSizeFor(MAX_PAGE_SIZE, limit),
	};
	return await apiRequestAllItems.call(this, pagination, { limit, itemIndex, map: rowMapper(this, itemIndex, shapePatternRow) });
}
