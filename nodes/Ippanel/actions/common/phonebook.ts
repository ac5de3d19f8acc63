import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../helpers/errors';
import { asText, readIdList } from '../../helpers/parameters';
import { normalizeNumber } from '../../helpers/recipients';
import { toNumber as anyToNumber } from '../../helpers/reportShapes';
import { apiRequest } from '../../transport';

/** Shared by the phonebook, contact and custom-field operations and the phonebook sends. */

/** IPPanel's documented maximum `per_page` for phonebooks, contacts and custom fields. */
export const MAX_PHONEBOOK_PAGE = 1000;

/** The ids of the custom fields a phonebook carries, as its list row gives them. */
export function phonebookFieldIds(row: IDataObject | undefined): string[] {
	const options = Array.isArray(row?.options) ? (row!.options as IDataObject[]) : [];
	return options.map((option) => String(option.id));
}

/** One id parameter (`phonebookId`, `contactId`, `customFieldId`): digits only, checked before any request. */
export function readOneId(this: IExecuteFunctions, parameter: string, itemIndex: number, what: string, value?: unknown): string {
	const given = value === undefined ? this.getNodeParameter(parameter, itemIndex, '') : value;
	const ids = readIdList(this.getNode(), given, { parameter, itemIndex }, {
		notOne: `The ${what} ID must be a number`,
		none: `No ${what} ID given`,
		hint: `Give the ${what}'s ID, a number such as 123654 (choose it from the list, or map it with an expression).`,
	});
	if (ids.length > 1) {
		throw parameterError(this.getNode(), { parameter, itemIndex }, `Only one ${what} ID may be given, got ${ids.length}`, `Give a single ${what} ID.`);
	}
	return ids[0];
}

/** One mobile number in E.164, normalised like the send recipients; a clear error otherwise. */
export function readMobile(this: IExecuteFunctions, parameter: string, itemIndex: number, value?: unknown): string {
	const raw = asText(this.getNode(), value === undefined ? this.getNodeParameter(parameter, itemIndex, '') : value, { parameter, itemIndex }).trim();
	if (!raw) {
		throw parameterError(this.getNode(), { parameter, itemIndex }, 'No mobile number given', 'Give the contact\'s mobile number, for example 09121234567.');
	}
	const number = normalizeNumber(raw);
	if (number === undefined) {
		throw parameterError(
			this.getNode(),
			{ parameter, itemIndex },
			`This is not a phone number IPPanel can store: "${raw}"`,
			'Write Iranian mobiles as 09121234567, 9121234567, 989121234567 or +989121234567 (Persian digits are fine), and other countries with + or 00 and the country code.',
		);
	}
	return number;
}

/** `customFields`: the values of the contact's custom fields, set by field. */
export function customFieldsField(description: string): INodeProperties {
	return {
		displayName: 'Custom Fields',
		name: 'customFields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Custom Field',
		default: {},
		description,
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{
						displayName: 'Field Name or ID',
						name: 'fieldId',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getCustomFields' },
						default: '',
						description:
							'The custom field (it must belong to the phonebook). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: 'The value: text, a whole number for number fields, a date such as 2025-05-20 for date fields',
					},
				],
			},
		],
	};
}

/** The `customFields` parameter as IPPanel's `options` object `{<field id>: value}`; undefined when none is set. */
export function readCustomFields(this: IExecuteFunctions, itemIndex: number): Record<string, string> | undefined {
	const collection = this.getNodeParameter('customFields', itemIndex, {}) as { field?: IDataObject[] };
	const fields = collection.field ?? [];
	if (!fields.length) return undefined;
	const values: Record<string, string> = {};
	fields.forEach((field, index) => {
		const parameter = `customFields.field[${index}].fieldId`;
		const id = readOneId.call(this, parameter, itemIndex, 'custom field', field.fieldId);
		values[id] = asText(this.getNode(), field.value, { parameter: `customFields.field[${index}].value`, itemIndex });
	});
	return values;
}

/** An id or count as a number (IPPanel sends some as strings). */
const toNumber = (value: unknown) => anyToNumber(value) as number | string | null;

/** A contact-list row with numbers as numbers. */
export function shapeContactRow(row: IDataObject): IDataObject {
	return {
		id: toNumber(row.id),
		phonebook_id: toNumber(row.phonebook_id),
		phonebook_title: row.phonebook_title ?? null,
		mobile: row.number ?? null,
		prefix: row.pre ?? '',
		name: row.name ?? '',
		email: row.email ?? '',
		created_at: row.created_at ?? null,
		updated_at: row.updated_at ?? null,
		...(row.is_send_blacklist === undefined ? {} : { is_send_blacklist: row.is_send_blacklist, is_receive_blacklist: row.is_receive_blacklist }),
		...(row.tags === undefined ? {} : { tags: row.tags }),
	};
}

/** A phonebook row: `count` as a number, its custom fields kept. */
export function shapePhonebookRow(row: IDataObject): IDataObject {
	return {
		id: toNumber(row.id),
		title: row.title ?? null,
		count: toNumber(row.count),
		custom_fields: Array.isArray(row.options) ? row.options : [],
		export_status: row.export_status ?? null,
		import_status: row.import_status ?? null,
		created_at: row.created_at ?? null,
		updated_at: row.updated_at ?? null,
	};
}

export function shapeCustomFieldRow(row: IDataObject): IDataObject {
	return { id: toNumber(row.id), title: row.title ?? null, type: row.type ?? null, created_at: row.created_at ?? null };
}

/** One phonebook's list row (its size and custom fields), or a clear error when the account has none with that id. */
export async function readPhonebook(this: IExecuteFunctions, phonebookId: string, itemIndex: number): Promise<IDataObject> {
	const { data } = await apiRequest.call(this, 'GET', '/api/phonebooks/list-new', { qs: { id: phonebookId, page: 1, per_page: 1 }, itemIndex });
	const row = (Array.isArray(data) ? (data as IDataObject[]) : []).find((book) => String(book.id) === phonebookId);
	if (!row) {
		throw parameterError(
			this.getNode(),
			{ parameter: 'phonebookId', itemIndex },
			`The account has no phonebook with ID ${phonebookId}`,
			'Choose the phonebook from the list, or check the ID in the IPPanel panel.',
		);
	}
	return row;
}
