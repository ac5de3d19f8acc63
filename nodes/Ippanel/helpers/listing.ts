import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { apiRequestAllItems, type Pagination } from '../transport';
import { asWholeNumber } from './parameters';

/** "Include Raw API Row": the option every row-returning operation offers in its `options`. */
const includeRawOption: INodeProperties = {
	displayName: 'Include Raw API Row',
	name: 'includeRaw',
	type: 'boolean',
	default: false,
	description: 'Whether to add the row exactly as IPPanel sent it (strings and all) under "raw", beside the converted fields',
};

/** The `options` collection of a row-returning operation. */
export function outputOptions(): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [includeRawOption],
	};
}

/** `returnAll` + `limit`, the pair every list operation has. */
const returnAllOrLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

/** A list operation's parameters: Return All / Limit, its filters (when it has any), Options. */
export function listProperties(filters: INodeProperties[] = []): INodeProperties[] {
	const filterCollection: INodeProperties = {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: filters,
	};
	return [...returnAllOrLimit, ...(filters.length ? [filterCollection] : []), outputOptions()];
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
export async function listRows(context: IExecuteFunctions, itemIndex: number, listing: RowListing): Promise<IDataObject[]> {
	const { request, maxPageSize, shape, newestFirstId, keep } = listing;
	const limit = rowLimit(context, itemIndex);
	const toItem = rowMapper(context, itemIndex, shape);
	const unique = newestFirstId ? skipRepeats(newestFirstId, toItem) : toItem;
	const map = keep
		? (row: IDataObject) => {
				const item = unique(row);
				return item && keep(item) ? item : undefined;
			}
		: unique;
	const pagination = { ...request, pageSize: pageSizeFor(maxPageSize, limit, keep !== undefined) };
	return await apiRequestAllItems.call(context, pagination, { limit, itemIndex, map });
}

/** Reads `options.includeRaw` and returns the row mapper that shapes (and keeps the raw row if asked). */
export function rowMapper(
	context: IExecuteFunctions,
	itemIndex: number,
	shape: (row: IDataObject) => IDataObject,
): (row: IDataObject) => IDataObject {
	const includeRaw = context.getNodeParameter('options.includeRaw', itemIndex, false) as boolean;
	return includeRaw ? (row) => ({ ...shape(row), raw: row }) : shape;
}

/** `returnAll` / `limit`: the number of rows wanted, undefined for all. */
function rowLimit(context: IExecuteFunctions, itemIndex: number): number | undefined {
	const returnAll = context.getNodeParameter('returnAll', itemIndex, false) as boolean;
	if (returnAll) return undefined;
	return asWholeNumber(context.getNode(), context.getNodeParameter('limit', itemIndex, 50), { parameter: 'limit', itemIndex, min: 1 });
}

/**
 * The page size to ask for: the largest the endpoint takes, or just `limit` when fewer rows are
 * wanted and every row counts (no filter drops rows while paging).
 */
function pageSizeFor(maxPageSize: number, limit: number | undefined, rowsMayBeDropped = false): number {
	if (limit === undefined || rowsMayBeDropped) return maxPageSize;
	return Math.min(maxPageSize, Math.max(1, limit));
}

/**
 * Wraps a row mapper to drop rows already output (same `idField`): on newest-first lists, rows
 * added while paging push earlier rows onto the next page, which would repeat them.
 */
function skipRepeats(
	idField: string,
	map: (row: IDataObject) => IDataObject,
): (row: IDataObject) => IDataObject | undefined {
	const seen = new Set<unknown>();
	return (row) => {
		const item = map(row);
		const id = item[idField];
		if (id === null || id === undefined) return item;
		if (seen.has(id)) return undefined;
		seen.add(id);
		return item;
	};
}
