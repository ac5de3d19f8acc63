import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { withFlags, withNumbers } from '../../helpers/reportShapes';
import { limitField, listRows, listOptions, returnAllField } from '../common/list';

const MAX_PAGE_SIZE = 100;

const properties: INodeProperties[] = [returnAllField, limitField, listOptions];

export const description = updateDisplayOptions({ show: { resource: ['senderNumber'], operation: ['getAll'] } }, properties);

/** `id` / `operator_id` as numbers, the `0`/`1` flags `gets` (can receive) and `is_66_char` as booleans. */
function shapeNumberRow(row: IDataObject): IDataObject {
	return withFlags(withNumbers(row, ['id', 'operator_id']), ['gets', 'is_66_char']);
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	// The documented answer has no paging meta: read on while pages come back full, so an account
	// with more lines than one page holds is not cut off.
	return await listRows.call(this, itemIndex, {
		request: { method: 'GET', endpoint: '/api/number/numbers', pageIn: 'qs', sizeParam: 'per_page', whileFull: true },
		maxPageSize: MAX_PAGE_SIZE,
		shape: shapeNumberRow,
	});
}
