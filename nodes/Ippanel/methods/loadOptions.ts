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

/**
 * The id chosen in another parameter the dropdown depends on, or undefined while none is chosen
 * (or it is an expression that cannot be resolved in the editor yet).
 */
function chosenId(this: ILoadOptionsFunctions, parameter: string): string | undefined {
	const value = String(this.getCurrentNodeParameter(parameter) ?? '').trim();
	return /^\d+$/.test(value) ? value : undefined;
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
	const province = chosenId.call(this, 'provinceId');
	if (!province) return [];
	return await lookupOptions.call(this, '/api/send/banks/counties', { province_id: province });
}

/** The cities of the chosen county (empty until one is chosen). */
export async function getCities(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const county = chosenId.call(this, 'countyId');
	if (!county) return [];
	return await lookupOptions.call(this, '/api/send/banks/cities', { county_id: county });
}

export async function getJobCategories(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await lookupOptions.call(this, '/api/send/jobs/categories');
}

/** The sub-categories of the chosen job category (empty until one is chosen). */
export async function getJobSubCategories(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const category = chosenId.call(this, 'jobCategoryId');
	if (!category) return [];
	return await lookupOptions.call(this, '/api/send/jobs/sub-categories', { main_category_id: category });
}

/** The account's custom fields ("options"), with the placeholder each one fills. */
export async function getCustomFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await dropdown.call(this, '/api/phonebooks/options/list-new', (row) => ({
		name: `${String(row.title)} (${String(row.type)})`,
		value: String(row.id),
		description: `Placeholder {ex_${String(row.id)}}`,
	}));
}

/** The contacts of the chosen phonebook, for the phonebook send's "Chosen Numbers" mode. */
export async function getPhonebookContacts(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const phonebookId = chosenId.call(this, 'phonebookId');
	if (!phonebookId) return [];
	return await dropdown.call(
		this,
		'/api/phonebooks/numbers/contact-list',
		(row) => ({
			name: row.name ? `${String(row.number)} (${String(row.name)})` : String(row.number),
			value: String(row.id),
			description: `Contact ID ${String(row.id)}`,
		}),
		{ qs: { phonebook_id: phonebookId } },
	);
}

/** The custom fields of the chosen phonebook, named with the placeholder to write in the message. */
export async function getPhonebookFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const phonebookId = chosenId.call(this, 'phonebookId');
	if (!phonebookId) return [];
	const { data } = await apiRequest.call(this, 'GET', '/api/phonebooks/list-new', { qs: { id: phonebookId, page: 1, per_page: 1 } });
	const book = (Array.isArray(data) ? (data as IDataObject[]) : []).find((row) => String(row.id) === phonebookId);
	const fields = Array.isArray(book?.options) ? (book.options as IDataObject[]) : [];
	return fields.map((field) => ({
		name: `{ex_${String(field.id)}}: ${String(field.title)} (${String(field.type)})`,
		value: `{ex_${String(field.id)}}`,
	}));
}
