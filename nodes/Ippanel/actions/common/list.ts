import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { asWholeNumber } from '../../helpers/parameters';
import { readConcurrency } from '../../helpers/pool';
import { apiRequestAllItems, firstSeen, type Pagination } from '../../transport';

/** "Include Raw API Row" (`options.includeRaw`). */
const includeRawOption: INodeProperties = {
	displayName: 'Include Raw API Row',
	name: 'includeRaw',
	type: 'boolean',
	default: false,
	description: 'Whether to add the row exactly as IPPanel sent it (strings and all) under "raw", beside the converted fields',
};

/** The `options` collection of an operation that returns one IPPanel row: "Include Raw API Row". */
export const outputOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [includeRawOption],
};

/**
 * The `options` collection of a list operation (one that pages through `listRows`):
 * "Concurrency" (pages read at once) and "Include Raw API Row".
 */
export const listOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 100 },
			default: 50,
			description:
				"How many pages are requested at once when more than one page is read (Return All, or a Limit above one page). The first page comes alone and tells how many there are; the rest come several at a time and are output in IPPanel's order. 1 reads one page after another.",
		},
		includeRawOption,
	],
};

/** `returnAll`, the first of the pair every list operation has. */
export const returnAllField: INodeProperties = {
	displayName: 'Return All',
	name: 'returnAll',
	type: 'boolean',
	default: false,
	description: 'Whether to return all results or only up to a given limit',
};

/** `limit`, shown while Return All is off. */
export const limitField: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 50,
	description: 'Max number of results to return',
	displayOptions: { show: { returnAll: [false] } },
};

/** The `filters` collection of a list operation. */
export function filtersField(filters: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: filters,
	};
}

/** How a list operation reads its endpoint and turns rows into items. */
export interface RowListing {
	/** The endpoint and its paging, without the page size (chosen from `returnAll` / `limit`). */
	request: Omit<Pagination, 'pageSize'>;
	/** The largest page the endpoint is asked for. */
	maxPageSize: number;
	shape: (row: IDataObject) => IDataObject;
	/** On newest-first lists: the id field by which rows pushed onto the next page are skipped. */
	newestFirstId?: string;
	/** Keeps only the items it returns true for (filtered while paging, so every page is read). */
	keep?: (item: IDataObject) => boolean;
}

/** Every row of a list endpoint (or `limit` of them) as one item each, honouring Include Raw API Row. */
export async function listRows(this: IExecuteFunctions, itemIndex: number, listing: RowListing): Promise<IDataObject[]> {
	const { request, maxPageSize, shape, newestFirstId, keep } = listing;
	const limit = rowLimit.call(this, itemIndex);
	const toItem = rowMapper.call(this, itemIndex, shape);
	const isNew = newestFirstId ? firstSeen((item: IDataObject) => item[newestFirstId]) : () => true;
	const map = (row: IDataObject) => {
		const item = toItem(row);
		return isNew(item) && (!keep || keep(item)) ? item : undefined;
	};
	const pagination = { ...request, pageSize: pageSizeFor(maxPageSize, limit, keep !== undefined) };
	const concurrency = readConcurrency(
		this.getNode(),
		(this.getNodeParameter('options', itemIndex, {}) as IDataObject).concurrency,
		{ parameter: 'options.concurrency', itemIndex },
		{ nothingSent: false },
	);
	return await apiRequestAllItems.call(this, pagination, { limit, itemIndex, map, concurrency });
}

/** Reads `options.includeRaw` and returns the row mapper that shapes (and keeps the raw row if asked). */
export function rowMapper(
	this: IExecuteFunctions,
	itemIndex: number,
	shape: (row: IDataObject) => IDataObject,
): (row: IDataObject) => IDataObject {
	const includeRaw = this.getNodeParameter('options.includeRaw', itemIndex, false) as boolean;
	return includeRaw ? (row) => ({ ...shape(row), raw: row }) : shape;
}

/** `returnAll` / `limit`: the number of rows wanted, undefined for all. */
function rowLimit(this: IExecuteFunctions, itemIndex: number): number | undefined {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	if (returnAll) return undefined;
	return asWholeNumber(this.getNode(), this.getNodeParameter('limit', itemIndex, 50), { parameter: 'limit', itemIndex, min: 1 });
}

/**
 * The page size to ask for: the largest the endpoint takes, or just `limit` when fewer rows are
 * wanted and every row counts (no filter drops rows while paging).
 */
function pageSizeFor(maxPageSize: number, limit: number | undefined, rowsMayBeDropped = false): number {
	if (limit === undefined || rowsMayBeDropped) return maxPageSize;
	return Math.min(maxPageSize, Math.max(1, limit));
}
