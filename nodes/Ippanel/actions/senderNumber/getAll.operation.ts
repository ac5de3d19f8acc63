import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../../helpers/description';
import { outputOptions, pageSizeFor, rowLimit, rowMapper } from '../../helpers/listing';
import { toNumber } from '../../helpers/reportShapes';
import { apiRequestAllItems } from '../../transport';

export const option = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many sender numbers',
	description: 'List the sender lines of the account (one item per number)',
};

const MAX_PAGE_SIZE = 100;

export const description: INodeProperties[] = [...returnAllOrLimit(), outputOptions()];

/** `id` / `operator_id` as numbers, the `0`/`1` flags `gets` (can receive) and `is_66_char` as booleans. */
function shapeNumberRow(row: IDataObject): IDataObject {
	const shaped: IDataObject = { ...row };
	for (const field of ['id', 'operator_id']) {
		if (field in row) shaped[field] = toNumber(row[field]) as IDataObject[string];
	}
	for (const field of ['gets', 'is_66_char']) {
		if (field in row) shaped[field] = toNumber(row[field]) === 1 || row[field] === true;
	}
	return shaped;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = rowLimit(this, itemIndex);
	// The documented answer has no paging meta: the pager then reads one page.
	const pagination = {
		method: 'GET' as const,
		endpoint: '/api/number/numbers',
		pageIn: 'qs' as const,
		sizeParam: 'per_page' as const,
		pageSize: pageSizeFor(MAX_PAGE_SIZE, limit),
	};
	return await apiRequestAllItems.call(this, pagination, { limit, itemIndex, map: rowMapper(this, itemIndex, shapeNumberRow) });
}
