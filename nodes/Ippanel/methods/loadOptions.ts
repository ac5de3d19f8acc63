import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { withItemIndex } from '../helpers/errors';
import { apiRequest, apiRequestAllItems, type Pagination } from '../transport';

/** Dropdown lists are capped so a huge account cannot stall the editor. */
const DROPDOWN_LIMIT = 500;

async function dropdown(
	this: ILoadOptionsFunctions,
	endpoint: string,
	toOption: (row: IDataObject) => INodePropertyOptions,
	paging: Partial<Pagination> = {},
): Promise<INodePropertyOptions[]> {
	const pagination: Pagination = { method: 'GET', endpoint, pageIn: 'qs', sizeParam: 'per_page', pageSize: 100, ...paging };
	const rows = await apiRequestAllItems.call(this, pagination, { limit: DROPDOWN_LIMIT });
	return rows.map(toOption);
}

/** A look-up that answers its whole list at once (`data: [{id, name}]`), in IPPanel's order. */
async function lookupOptions(this: ILoadOptionsFunctions, endpoint: string, qs?: IDataObject): Promise<INodePropertyOptions[]> {
	const { data } = await apiRequest.call(this, 'GET', endpoint, { qs });
	return (Array.isArray(data) ? (data as IDataObject[]) : []).map((row) => ({ name: String(row.name ?? row.id), value: String(row.id) }));
}

/** The value of another parameter the dropdown depends on, or '' when it is not chosen yet. */
function chosen(this: ILoadOptionsFunctions, parameter: string): string {
	const value = this.getCurrentNodeParameter(parameter);
	return value === undefined || value === null ? '' : String(value).trim();
}

export async function getSenderNumbers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	// The documented answer has no paging meta: read on while pages come back full.
	return await dropdown.call(this, '/api/number/numbers', (row) => ({
		name: row.alias ? `${String(row.number)} (${String(row.alias)})` : String(row.number),
		value: String(row.number),
		description: Number(row.gets) === 1 ? 'Can also receive messages' : undefined,
	}), { whileFull: true });
}

export async function getPatterns(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await dropdown.call(this, '/api/patterns', (row) => ({
		name: `${String(row.title ?? row.pattern_code)}: ${String(row.pattern_message ?? '').slice(0, 60)}`,
		value: String(row.pattern_code),
		description: row.pattern_status ? `Status: ${String(row.pattern_status)}` : undefined,
	}));
}

/**
 * The phonebooks list: the English page (corrected on 2025-12-27) says GET, the Persian page
 * still POST. GET first, and POST when the server answers 404 or 405 to it.
 */
export async function getPhonebooks(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const toOption = (row: IDataObject) => ({
		name: `${String(row.title)} (${String(row.count ?? '?')} numbers)`,
		value: String(row.id),
	});
	const viaGet = await dropdown.call(this, '/api/phonebooks/list-new', toOption).catch((error: Error) => error);
	if (Array.isArray(viaGet)) return viaGet;
	if (!(viaGet instanceof NodeApiError) || !['404', '405'].includes(String(viaGet.httpCode))) throw withItemIndex(this.getNode(), viaGet);
	return await dropdown.call(this, '/api/phonebooks/list-new', toOption, { method: 'POST', pageIn: 'body' });
}

export async function getProvinces(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await lookupOptions.call(this, '/api/send/banks/provinces');
}

/** The counties of the chosen province (empty until one is chosen). */
export async function getCounties(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const province = chosen.call(this, 'provinceId');
	if (!/^\d+$/.test(province)) return [];
	return await lookupOptions.call(this, '/api/send/banks/counties', { province_id: province });
}

/** The cities of the chosen county (empty until one is chosen). */
export async function getCities(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const county = chosen.call(this, 'countyId');
	if (!/^\d+$/.test(county)) return [];
	return await lookupOptions.call(this, '/api/send/banks/cities', { county_id: county });
}

export async function getJobCategories(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await lookupOptions.call(this, '/api/send/jobs/categories');
}

/** The sub-categories of the chosen job category (empty until one is chosen). */
export async function getJobSubCategories(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const category = chosen.call(this, 'jobCategoryId');
	if (!/^\d+$/.test(category)) return [];
	return await lookupOptions.call(this, '/api/send/jobs/sub-categories', { main_category_id: category });
}
