import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

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
	return returnAll ? undefined : (context.getNodeParameter('limit', itemIndex, 50) as number);
}

/**
 * The page size to ask for: the largest the endpoint takes, or just `limit` when fewer rows are
 * wanted and every row counts (no filter drops rows while paging).
 */
export function pageSizeFor(maxPageSize: number, limit: number | undefined, rowsMayBeDropped = false): number {
	if (limit === undefined || rowsMayBeDropped) return maxPageSize;
	return Math.min(maxPageSize, Math.max(1, limit));
}
