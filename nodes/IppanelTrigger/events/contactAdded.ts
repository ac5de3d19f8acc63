import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { MAX_PHONEBOOK_PAGE, shapeContactRow } from '../../Ippanel/actions/common/phonebook';
import { apiPages, apiRequest, type Pagination } from '../../Ippanel/transport';
import { nowSeconds, type TriggerSettings } from '../settings';
import type { TriggerEvent } from './interfaces';

/**
 * Cursor: `since`, the newest `created_at` (Unix seconds, IPPanel's own clock) among the
 * contacts seen, and `recent`, the ids of the contacts created in the OVERLAP seconds up to it.
 * Each poll reads the contacts created from `since - OVERLAP` on (the list's filter is
 * inclusive) and emits those not in `recent`: a contact stamped a little before `since` but
 * listed only later is still caught, and none is emitted twice. Nothing depends on ids growing.
 */
export interface ContactCursor extends IDataObject {
	since: number;
	recent: number[];
}

const ENDPOINT = '/api/phonebooks/numbers/contact-list';
/** Seconds before the newest contact seen that every poll reads again. */
const OVERLAP = 120;

const idOf = (row: IDataObject) => Number(row.id);
const createdOf = (row: IDataObject) => {
	const time = Date.parse(String(row.created_at ?? ''));
	return Number.isFinite(time) ? Math.floor(time / 1000) : 0;
};

function listing(settings: TriggerSettings, qs: IDataObject, pageSize = MAX_PHONEBOOK_PAGE): Pagination {
	const filters = settings.phonebookId ? { ...qs, phonebook_id: settings.phonebookId } : qs;
	return { method: 'GET', endpoint: ENDPOINT, qs: filters, pageIn: 'qs', sizeParam: 'per_page', pageSize };
}

/** Every contact created from `from` (Unix seconds) on, each once, oldest first. */
async function createdFrom(this: IPollFunctions, settings: TriggerSettings, from: number): Promise<IDataObject[]> {
	const rows = new Map<number, IDataObject>();
	for await (const page of apiPages.call(this, listing(settings, { from_created_at: Math.max(0, from) }))) {
		for (const row of page) if (!rows.has(idOf(row))) rows.set(idOf(row), row);
	}
	return [...rows.values()].sort((a, b) => createdOf(a) - createdOf(b) || idOf(a) - idOf(b));
}

/** The cursor after a poll that read every contact created from `previous.since - OVERLAP` on. */
function cursorAfter(rows: IDataObject[], previous: ContactCursor): ContactCursor {
	const since = rows.reduce((max, row) => Math.max(max, createdOf(row)), previous.since);
	// Every contact a later poll lists again (created from since - OVERLAP on) was read by this one.
	return { since, recent: rows.filter((row) => createdOf(row) >= since - OVERLAP).map(idOf) };
}

/** The newest contact (the list is oldest first: its last row), or undefined when there is none. */
async function newest(this: IPollFunctions, settings: TriggerSettings): Promise<IDataObject | undefined> {
	const first = await apiRequest.call(this, 'GET', ENDPOINT, { qs: { ...listing(settings, {}).qs, page: 1, per_page: 1 } });
	const total = Number(first.meta.total ?? first.meta.last_page);
	const rows = Array.isArray(first.data) ? (first.data as IDataObject[]) : [];
	if (!Number.isFinite(total) || total <= 1) return rows[0];
	const last = await apiRequest.call(this, 'GET', ENDPOINT, { qs: { ...listing(settings, {}).qs, page: total, per_page: 1 } });
	return Array.isArray(last.data) ? ((last.data as IDataObject[])[0] ?? rows[0]) : rows[0];
}

export const contactAdded: TriggerEvent<ContactCursor> = {
	async poll(previous, settings) {
		if (previous === undefined) {
			if (settings.includeExisting) {
				const rows = await createdFrom.call(this, settings, nowSeconds() - settings.lookBackSeconds);
				const floor = nowSeconds() - settings.lookBackSeconds;
				return { events: rows.map(shapeContactRow), state: cursorAfter(rows, { since: rows.length ? 0 : floor, recent: [] }) };
			}
			// Only the position: the newest contact's time and the contacts just before it.
			const latest = await newest.call(this, settings);
			if (!latest) return { events: [], state: { since: 0, recent: [] } };
			const rows = await createdFrom.call(this, settings, createdOf(latest) - OVERLAP);
			return { events: [], state: cursorAfter(rows, { since: createdOf(latest), recent: [] }) };
		}
		const rows = await createdFrom.call(this, settings, previous.since - OVERLAP);
		const seen = new Set(previous.recent);
		const fresh = rows.filter((row) => !seen.has(idOf(row)));
		return { events: fresh.map(shapeContactRow), state: cursorAfter(rows, previous) };
	},

	async latest(settings) {
		const row = await newest.call(this, settings);
		return row ? shapeContactRow(row) : undefined;
	},

	nothingYet: {
		message: 'No contact to show yet',
		description: 'The phonebook (or the account, without a phonebook chosen) has no contacts. Add one, for example with the IPPanel node\'s Contact → Create, then fetch again.',
	},
};
