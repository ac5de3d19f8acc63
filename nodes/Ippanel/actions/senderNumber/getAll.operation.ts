import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listProperties, listRows } from '../../helpers/listing';
import { withFlags, withNumbers } from '../../helpers/reportShapes';

export const option = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many sender numbers',
	description: 'List the sender lines of the account (one item per number)',
};

const MAX_PAGE_SIZE = 100;

export const description: INodeProperties[] = listProperties();

/** `id` / `operator_id` as numbers, the `0`/`1` flags `gets` (can receive) and `is_66_char` as booleans. */
function shapeNumberRow(row: IDataObject): IDataObject {
	return withFlags(withNumbers(row, ['id', 'operator_id']), ['gets', 'is_66_char']);
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	// The documented answer has no paging meta: the pager then reads one page.
	return await listRows(this, itemIndex, {
		request: { method: 'GET', endpoint: '/api/number/numbers', pageIn: 'qs', sizeParam: 'per_page' },
		maxPageSize: MAX_PAGE_SIZE,
		shape: shapeNumberRow,
	});
}
