import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { apiRequestAllItems } from '../transport';

/** Dropdown lists are capped so a huge account cannot stall the editor. */
const DROPDOWN_LIMIT = 500;

async function dropdown(
	this: ILoadOptionsFunctions,
	endpoint: string,
	toOption: (row: IDataObject) => INodePropertyOptions,
): Promise<INodePropertyOptions[]> {
	const pagination = { method: 'GET' as const, endpoint, pageIn: 'qs' as const, sizeParam: 'per_page' as const, pageSize: 100 };
	const rows = await apiRequestAllItems.call(this, pagination, { limit: DROPDOWN_LIMIT });
	return rows.map(toOption);
}

export async function getSenderNumbers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await dropdown.call(this, '/api/number/numbers', (row) => ({
		name: row.alias ? `${String(row.number)} (${String(row.alias)})` : String(row.number),
		value: String(row.number),
		description: Number(row.gets) === 1 ? 'Can also receive messages' : undefined,
	}));
}

export async function getPatterns(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await dropdown.call(this, '/api/patterns', (row) => ({
		name: `${String(row.title ?? row.pattern_code)}: ${String(row.pattern_message ?? '').slice(0, 60)}`,
		value: String(row.pattern_code),
		description: row.pattern_status ? `Status: ${String(row.pattern_status)}` : undefined,
	}));
}

export async function getPhonebooks(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await dropdown.call(this, '/api/phonebooks/list-new', (row) => ({
		name: `${String(row.title)} (${String(row.count ?? '?')} numbers)`,
		value: String(row.id),
	}));
}
