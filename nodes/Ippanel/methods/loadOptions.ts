import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { apiRequest, apiRequestAllItems } from '../transport';

/** Dropdown lists are capped so a huge account cannot stall the editor. */
const DROPDOWN_LIMIT = 500;

async function dropdown(
	this: ILoadOptionsFunctions,
	endpoint: string,
	toOption: (row: IDataObject) => INodePropertyOptions,
	qs?: IDataObject,
): Promise<INodePropertyOptions[]> {
	const pagination = { method: 'GET' as const, endpoint, qs, pageIn: 'qs' as const, sizeParam: 'per_page' as const, pageSize: 100 };
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

/** The account's custom fields ("options"), with the placeholder each one fills. */
export async function getCustomFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await dropdown.call(this, '/api/phonebooks/options/list-new', (row) => ({
		name: `${String(row.title)} (${String(row.type)})`,
		value: String(row.id),
		description: `Placeholder {ex_${String(row.id)}}`,
	}));
}

/** The phonebook chosen in `phonebookId` (digits), or undefined while none is chosen or it is an expression not yet resolvable. */
function chosenPhonebook(this: ILoadOptionsFunctions): string | undefined {
	const value = String(this.getCurrentNodeParameter('phonebookId') ?? '').trim();
	return /^\d+$/.test(value) ? value : undefined;
}

/** The contacts of the chosen phonebook, for the phonebook send's "Chosen Numbers" mode. */
export async function getPhonebookContacts(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const phonebookId = chosenPhonebook.call(this);
	if (!phonebookId) return [];
	return await dropdown.call(
		this,
		'/api/phonebooks/numbers/contact-list',
		(row) => ({
			name: row.name ? `${String(row.number)} (${String(row.name)})` : String(row.number),
			value: String(row.id),
			description: `Contact ID ${String(row.id)}`,
		}),
		{ phonebook_id: phonebookId },
	);
}

/** The custom fields of the chosen phonebook, named with the placeholder to write in the message. */
export async function getPhonebookFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const phonebookId = chosenPhonebook.call(this);
	if (!phonebookId) return [];
	const { data } = await apiRequest.call(this, 'GET', '/api/phonebooks/list-new', { qs: { id: phonebookId, page: 1, per_page: 1 } });
	const book = (Array.isArray(data) ? (data as IDataObject[]) : []).find((row) => String(row.id) === phonebookId);
	const fields = Array.isArray(book?.options) ? (book.options as IDataObject[]) : [];
	return fields.map((field) => ({
		name: `{ex_${String(field.id)}}: ${String(field.title)} (${String(field.type)})`,
		value: `{ex_${String(field.id)}}`,
	}));
}
