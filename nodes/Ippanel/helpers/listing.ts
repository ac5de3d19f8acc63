import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { asWholeNumber } from './parameters';

/** "Include Raw API Row": the option every row-returning operation offers in its `options`. */
export const includeRawOption: INodeProperties = {
	displayName: 'Include Raw API Row',
	name: 'includeRaw',
	type: 'boolean',
	default: false,
	description: 'Whether to add the row exactly as IPPanel sent it (strings and all) under "raw", beside the converted fields',
};

/** The `options` collection of a row-returning operation. */
export function outputOptions(extra: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [includeRawOption, ...extra],
	};
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
export function rowLimit(context: IExecuteFunctions, itemIndex: number): number | undefined {
	const returnAll = context.getNodeParameter('returnAll', itemIndex, false) as boolean;
	if (returnAll) return undefined;
	return asWholeNumber(context.getNode(), context.getNodeParameter('limit', itemIndex, 50), { parameter: 'limit', itemIndex, min: 1 });
}

/**
 * The page size to ask for: the largest the endpoint takes, or just `limit` when fewer rows are
 * wanted and every row counts (no filter drops rows while paging).
 */
export function pageSizeFor(maxPageSize: number, limit: number | undefined, rowsMayBeDropped = false): number {
	if (limit === undefined || rowsMayBeDropped) return maxPageSize;
	return Math.min(maxPageSize, Math.max(1, limit));
}

/**
 * Wraps a row mapper to drop rows already output (same `idField`): on newest-first lists, rows
 * added while paging push earlier rows onto the next page, which would repeat them.
 */
export function skipRepeats(
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
