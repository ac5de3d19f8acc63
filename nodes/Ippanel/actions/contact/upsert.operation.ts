import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { errorItem, parameterError, withItemIndex } from '../../helpers/errors';
import { normalizeNumber } from '../../helpers/recipients';
import { apiRequest, apiRequestAllItems } from '../../transport';
import { chunk } from '../send/plan';
import { MAX_PHONEBOOK_PAGE, phonebookFieldIds, readCustomFields, readMobile, readOneId, readPhonebook } from '../common/phonebook';
import { phonebookIdField } from '../phonebook/phonebookId';
import { contactCustomFields, contactFieldsOptions, mobileField, readContactDetails } from './fields';

/**
 * Contact → Create or Update: keeps a phonebook in step with the input. Per execution it reads
 * the existing contacts once (the whole phonebook, or one look-up per number when the input is
 * much smaller), adds every new contact in as few `add-list-new` requests as possible, updates
 * only contacts whose fields differ, and leaves the rest alone. A second run of the same input
 * writes nothing.
 */

/** Contacts per `add-list-new` request. IPPanel documents no maximum; this is its list maximum. */
export const ADD_CHUNK = 1000;
/** Contacts written by this execution are looked for from this long before it started (clock skew). */
const CREATED_SLACK_SECONDS = 600;

const properties: INodeProperties[] = [
	{ ...phonebookIdField, description: `The phonebook to keep in step. ${phonebookIdField.description}` },
	{ ...mobileField, description: `${mobileField.description}. Contacts are matched by this number within the phonebook.` },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Fields left out keep the value the contact has; an existing contact is updated only when a given field differs',
		options: contactFieldsOptions,
	},
	{
		...contactCustomFields,
		description:
			'Custom-field values, written when the contact is created and whenever it is updated. IPPanel never shows stored custom-field values, so they cannot be compared: by default a contact whose prefix, name and email already match is left alone even if its custom-field values differ (see Options → Custom Field Values). An update replaces the whole set: give every value the contact should keep.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Custom Field Values',
				name: 'customFieldWrites',
				type: 'options',
				default: 'whenChanged',
				options: [
					{
						name: 'Write Only With Other Changes',
						value: 'whenChanged',
						description:
							'Existing contacts are updated only when prefix, name or email differ (what IPPanel shows); running the same input again writes nothing',
					},
					{
						name: 'Always Write',
						value: 'always',
						description:
							'Every existing contact given custom-field values is updated on every run (one request each), so changed values always arrive',
					},
				],
				description: 'How existing contacts\' custom-field values are written, since IPPanel does not show them for comparison',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['contact'], operation: ['upsert'] } }, properties);

type Action = 'created' | 'updated' | 'unchanged';

/** The contact one or more input items ask for (items with the same number are merged, last value wins). */
interface Wanted {
	mobile: string;
	items: number[];
	details: { pre?: string; name?: string; email?: string };
	options?: Record<string, string>;
	action?: Action;
	contactId?: number | null;
	changed?: string[];
	error?: Error;
}

interface Book {
	id: string;
	wanted: Map<string, Wanted>;
	writeAlways: boolean;
}

/** What this execution wrote, for the account given when it fails part-way. */
interface Written {
	created: Wanted[];
	updated: Wanted[];
}

const DETAIL_FIELDS = ['pre', 'name', 'email'] as const;

function mergeInto(target: Wanted, next: Omit<Wanted, 'items' | 'mobile'>): void {
	Object.assign(target.details, next.details);
	if (next.options) target.options = { ...(target.options ?? {}), ...next.options };
}

/** Reads and checks every item before any request; bad items fail (or become error items) here. */
function collect(this: IExecuteFunctions, items: INodeExecutionData[], failed: Map<number, Error>): Map<string, Book> {
	const books = new Map<string, Book>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const phonebookId = readOneId.call(this, 'phonebookId', itemIndex, 'phonebook');
			const mobile = readMobile.call(this, 'mobile', itemIndex);
			const details = readContactDetails.call(this, 'additionalFields', itemIndex);
			const options = readCustomFields.call(this, itemIndex);
			const writeAlways = (this.getNodeParameter('options.customFieldWrites', itemIndex, 'whenChanged') as string) === 'always';
			let book = books.get(phonebookId);
			if (!book) books.set(phonebookId, (book = { id: phonebookId, wanted: new Map(), writeAlways }));
			book.writeAlways ||= writeAlways;
			const existing = book.wanted.get(mobile);
			if (existing) {
				existing.items.push(itemIndex);
				mergeInto(existing, { details, options });
			} else {
				book.wanted.set(mobile, { mobile, items: [itemIndex], details: { ...details }, options });
			}
		} catch (error) {
			if (!this.continueOnFail()) throw withItemIndex(this.getNode(), error as Error, itemIndex);
			failed.set(itemIndex, error as Error);
		}
	}
	return books;
}

const contactList = (qs: IDataObject) => ({
	method: 'GET' as const,
	endpoint: '/api/phonebooks/numbers/contact-list',
	qs,
	pageIn: 'qs' as const,
	sizeParam: 'per_page' as const,
	pageSize: MAX_PHONEBOOK_PAGE,
});

const numberOf = (row: IDataObject) => normalizeNumber(String(row.number ?? '')) ?? String(row.number ?? '');

/**
 * The phonebook's contacts among `mobiles`: the whole phonebook paged at the maximum, or one
 * look-up per number when that takes fewer requests.
 */
async function existingContacts(
	this: IExecuteFunctions,
	book: Book,
	mobiles: string[],
	size: number,
	itemIndex: number,
): Promise<Map<string, IDataObject>> {
	const found = new Map<string, IDataObject>();
	const pages = Math.max(1, Math.ceil(size / MAX_PHONEBOOK_PAGE));
	if (mobiles.length < pages) {
		for (const mobile of mobiles) {
			const rows = await apiRequestAllItems.call(this, { ...contactList({ phonebook_id: book.id, number: mobile }), pageSize: 10 }, { itemIndex });
			const row = rows.find((candidate) => numberOf(candidate) === mobile);
			if (row) found.set(mobile, row);
		}
		return found;
	}
	const wanted = new Set(mobiles);
	await apiRequestAllItems.call(this, contactList({ phonebook_id: book.id }), {
		itemIndex,
		map: (row) => {
			const mobile = numberOf(row);
			if (wanted.has(mobile) && !found.has(mobile)) found.set(mobile, row);
			return undefined;
		},
	});
	return found;
}

function entryOf(book: Book, want: Wanted, current?: IDataObject): IDataObject {
	const entry: IDataObject = { number: want.mobile };
	for (const field of DETAIL_FIELDS) {
		const value = want.details[field] ?? (current?.[field] as string | undefined);
		if (value !== undefined && value !== null && (current || value !== '')) entry[field] = value;
	}
	if (want.options) entry.options = want.options;
	entry.phonebook_id = book.id;
	return entry;
}

/** The fields of `current` that differ from what is wanted (only fields the input gives). */
function differences(want: Wanted, current: IDataObject): string[] {
	return DETAIL_FIELDS.filter((field) => want.details[field] !== undefined && want.details[field] !== String(current[field] ?? ''));
}

async function syncBook(this: IExecuteFunctions, book: Book, written: Written, startedAt: number): Promise<void> {
	const wanted = [...book.wanted.values()];
	const firstItem = Math.min(...wanted.flatMap((want) => want.items));
	const row = await readPhonebook.call(this, book.id, firstItem);
	const fields = new Set(phonebookFieldIds(row));
	for (const want of wanted) {
		const unknown = Object.keys(want.options ?? {}).filter((id) => !fields.has(id));
		if (unknown.length) {
			want.error = parameterError(
				this.getNode(),
				{ parameter: 'customFields', itemIndex: want.items[want.items.length - 1] },
				`Custom field ${unknown.join(', ')} is not a field of phonebook ${book.id}`,
				`Phonebook ${book.id} carries the custom fields ${[...fields].join(', ') || '(none)'}: choose one of those, or add the field to the phonebook with Phonebook → Update.`,
			);
		}
	}
	const valid = wanted.filter((want) => !want.error);
	// Without "On Error: Continue" a bad item stops the node before anything is written.
	const bad = wanted.find((want) => want.error);
	if (bad && !this.continueOnFail()) throw bad.error;
	const existing = await existingContacts.call(this, book, valid.map((want) => want.mobile), Number(row.count) || 0, firstItem);

	const toAdd: Wanted[] = [];
	const toUpdate: Array<{ want: Wanted; current: IDataObject }> = [];
	for (const want of valid) {
		const current = existing.get(want.mobile);
		if (!current) {
			toAdd.push(want);
			continue;
		}
		want.contactId = Number(current.id);
		want.changed = differences(want, current);
		if (want.changed.length || (book.writeAlways && want.options)) toUpdate.push({ want, current });
		else want.action = 'unchanged';
	}

	for (const part of chunk(toAdd, ADD_CHUNK)) {
		const { data } = await apiRequest.call(this, 'POST', '/api/phonebooks/numbers/add-list-new', {
			body: { list: part.map((want) => entryOf(book, want)) },
			itemIndex: part[0].items[0],
		});
		const refusedSome = Number(((data ?? {}) as IDataObject).errors) > 0;
		for (const want of part) {
			want.action = 'created';
			// null: added, id not known yet; undefined: IPPanel refused some entries, so it may be one of them.
			want.contactId = refusedSome ? undefined : null;
		}
		written.created.push(...part);
	}
	if (toAdd.length) await findCreated.call(this, book, toAdd, startedAt, Number(row.count) || 0);

	for (const { want, current } of toUpdate) {
		await apiRequest.call(this, 'PUT', `/api/phonebooks/numbers/update-new/${String(current.id)}`, {
			body: entryOf(book, want, current),
			itemIndex: want.items[want.items.length - 1],
		});
		want.action = 'updated';
		written.updated.push(want);
	}
}

/** The ids of the contacts just added (IPPanel's answer has only counts); a contact not found was refused. */
async function findCreated(this: IExecuteFunctions, book: Book, created: Wanted[], startedAt: number, size: number): Promise<void> {
	const mobiles = created.map((want) => want.mobile);
	const since = Math.floor(startedAt / 1000) - CREATED_SLACK_SECONDS;
	const found = new Map<string, IDataObject>();
	const wholeBookPages = Math.ceil((size + created.length) / MAX_PHONEBOOK_PAGE);
	if (mobiles.length < wholeBookPages || wholeBookPages <= 1) {
		// A look-up per number, or (one page holds the whole phonebook) one read of it all.
		for (const [mobile, row] of await existingContacts.call(this, book, mobiles, size + created.length, created[0].items[0])) found.set(mobile, row);
	} else {
		// Only the contacts created since this execution started (with slack for clock differences).
		const wanted = new Set(mobiles);
		await apiRequestAllItems.call(this, contactList({ phonebook_id: book.id, from_created_at: since }), {
			itemIndex: created[0].items[0],
			map: (row) => {
				if (wanted.has(numberOf(row))) found.set(numberOf(row), row);
				return undefined;
			},
		});
	}
	for (const want of created) {
		const row = found.get(want.mobile);
		if (row) {
			want.contactId = Number(row.id);
		} else if (want.contactId === undefined) {
			// The add answer counted errors, and this number is not in the phonebook.
			want.action = undefined;
			want.error = new NodeOperationError(this.getNode(), `IPPanel did not add ${want.mobile} to phonebook ${book.id}`, {
				itemIndex: want.items[want.items.length - 1],
				description: 'IPPanel counted the entry as an error (a value that does not fit its custom field\'s type, or a full phonebook). The other contacts were written.',
			});
		} else {
			want.contactId = null;
		}
	}
}

function describeWritten(written: Written): string {
	const items = (list: Wanted[]) => list.flatMap((want) => want.items).sort((a, b) => a - b);
	const parts: string[] = [];
	if (written.created.length) parts.push(`created ${written.created.length} contact(s) (items ${items(written.created).join(', ')})`);
	if (written.updated.length) parts.push(`updated ${written.updated.length} contact(s) (items ${items(written.updated).join(', ')})`);
	const done = parts.length ? `Before this failure the execution had ${parts.join(' and ')}.` : 'Nothing was written before this failure.';
	return `${done} Running it again is safe: existing contacts are matched by mobile number, so only what is missing is written.`;
}

function outputOf(book: Book, want: Wanted, itemIndex: number): IDataObject {
	const json: IDataObject = {
		action: want.action ?? null,
		contact_id: want.contactId ?? null,
		phonebook_id: Number(book.id),
		mobile: want.mobile,
	};
	if (want.action === 'updated' && want.changed?.length) json.changed_fields = want.changed.map((field) => (field === 'pre' ? 'prefix' : field));
	if (want.items.length > 1) {
		json.merged_items = want.items;
		json.note = `Items ${want.items.join(', ')} have the same mobile number: they were merged into one contact (the last item's values win)${itemIndex === want.items[want.items.length - 1] ? '' : `, written as item ${want.items[want.items.length - 1]}`}.`;
	}
	return json;
}

export async function executeBatch(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const startedAt = Date.now();
	const failed = new Map<number, Error>();
	const books = collect.call(this, items, failed);
	const written: Written = { created: [], updated: [] };
	for (const book of books.values()) {
		try {
			await syncBook.call(this, book, written, startedAt);
		} catch (error) {
			const withNote = error as Error & { description?: string | null };
			withNote.description = [withNote.description, describeWritten(written)].filter(Boolean).join('\n');
			if (!this.continueOnFail()) throw withItemIndex(this.getNode(), withNote, Math.min(...[...book.wanted.values()].flatMap((want) => want.items)));
			for (const want of book.wanted.values()) if (!want.action) want.error ??= withNote;
		}
	}

	const output: INodeExecutionData[] = [];
	const byItem = new Map<number, { book: Book; want: Wanted }>();
	for (const book of books.values()) for (const want of book.wanted.values()) for (const item of want.items) byItem.set(item, { book, want });
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const early = failed.get(itemIndex);
		if (early) {
			output.push(errorItem(early, itemIndex));
			continue;
		}
		const { book, want } = byItem.get(itemIndex)!;
		if (want.error && !want.action) {
			if (!this.continueOnFail()) {
				const error = want.error as Error & { description?: string | null };
				if (written.created.length || written.updated.length) error.description = [error.description, describeWritten(written)].filter(Boolean).join('\n');
				throw withItemIndex(this.getNode(), error, itemIndex);
			}
			output.push(errorItem(want.error, itemIndex));
			continue;
		}
		output.push({ json: outputOf(book, want, itemIndex), pairedItem: { item: itemIndex } });
	}
	return output;
}
