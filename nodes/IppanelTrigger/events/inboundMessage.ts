import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { toLatinDigits } from '../../Ippanel/helpers/parameters';
import { shapeInboxRow, toNumber } from '../../Ippanel/helpers/reportShapes';
import { apiPages, apiRequest, firstSeen, type Pagination } from '../../Ippanel/transport';
import { nowSeconds, type TriggerSettings } from '../settings';
import type { TriggerEvent } from './interfaces';

/**
 * Cursor: the highest `messages_inbox_id` handled. Inbox ids only grow, and `from_id` returns
 * the messages after it, so a poll asks for exactly the unseen ones and nothing else is kept.
 */
export interface InboxCursor extends IDataObject {
	lastId: number;
}

const ENDPOINT = '/api/report/messages-inbox';
/** IPPanel documents no maximum for `per_page`; the pager follows `last_page` either way. */
const PAGE_SIZE = 100;
/** "Fetch Test Event" with filters reads at most this many pages looking for a match. */
const SAMPLE_PAGES = 10;

function inboxPages(filters: IDataObject): Pagination {
	return { method: 'POST', endpoint: ENDPOINT, body: { filters }, pageIn: 'body', sizeParam: 'per_page', pageSize: PAGE_SIZE };
}

const idOf = (row: IDataObject) => Number(toNumber(row.messages_inbox_id));
const oldestFirst = (rows: IDataObject[]) => rows.sort((a, b) => idOf(a) - idOf(b));

/** A line number reduced to its national digits: `+98 3000 505`, `983000505` and `03000505` all give `3000505`. */
function lineDigits(number: unknown): string {
	const digits = toLatinDigits(String(number ?? '')).replace(/\D/g, '');
	return digits.replace(/^00/, '').replace(/^98(?=\d{6})/, '').replace(/^0+/, '');
}

function matcher(settings: TriggerSettings): (row: IDataObject) => boolean {
	const line = settings.receivingNumber === undefined ? undefined : lineDigits(settings.receivingNumber);
	const text = settings.textContains?.toLocaleLowerCase();
	return (row) =>
		(line === undefined || lineDigits(row.number) === line) &&
		(text === undefined || String(row.message ?? '').toLocaleLowerCase().includes(text));
}

/**
 * Every message with an id above `lastId`, oldest first, each once. The API answers newest
 * first, so messages arriving mid-poll land on page 1 and push older rows onto later pages:
 * the rows seen twice are dropped here, and none is skipped because the pager reads on to
 * the `last_page` of the latest answer. The `> lastId` check guards against an inclusive `from_id`.
 */
async function messagesAfter(this: IPollFunctions, lastId: number): Promise<IDataObject[]> {
	const isNew = firstSeen(idOf);
	const found: IDataObject[] = [];
	for await (const rows of apiPages.call(this, inboxPages({ from_id: lastId }))) {
		for (const row of rows) if (idOf(row) > lastId && isNew(row)) found.push(row);
	}
	return oldestFirst(found);
}

/** First poll: the newest id now (one row asked for), and with "Include Existing" the window's messages. */
async function firstPoll(this: IPollFunctions, settings: TriggerSettings): Promise<{ lastId: number; rows: IDataObject[] }> {
	if (!settings.includeExisting) {
		const { data } = await apiRequest.call(this, 'POST', ENDPOINT, { body: { page: 1, per_page: 1, filters: {} } });
		const newest = Array.isArray(data) ? (data[0] as IDataObject | undefined) : undefined;
		return { lastId: newest ? idOf(newest) : 0, rows: [] };
	}
	const since = nowSeconds() - settings.lookBackSeconds;
	const isNew = firstSeen(idOf);
	const found: IDataObject[] = [];
	let lastId = 0;
	// Pages one at a time: the walk ends at the window's edge, usually on an early page.
	walk: for await (const rows of apiPages.call(this, inboxPages({}), 0, { pagesWanted: 1 })) {
		for (const row of rows) {
			lastId = Math.max(lastId, idOf(row));
			// Newest first: the first message older than the window ends the walk.
			if (Number(toNumber(row.time)) < since) break walk;
			if (isNew(row)) found.push(row);
		}
	}
	return { lastId, rows: oldestFirst(found) };
}

export const inboundMessage: TriggerEvent<InboxCursor> = {
	async poll(previous, settings) {
		const { lastId, rows } =
			previous === undefined
				? await firstPoll.call(this, settings)
				: { lastId: previous.lastId, rows: await messagesAfter.call(this, previous.lastId) };
		// The cursor passes filtered-out messages too: they are never looked at again.
		const newest = rows.reduce((max, row) => Math.max(max, idOf(row)), lastId);
		return { events: rows.filter(matcher(settings)).map(shapeInboxRow), state: { lastId: newest } };
	},

	async latest(settings) {
		const matches = matcher(settings);
		let page = 0;
		for await (const rows of apiPages.call(this, inboxPages({}), 0, { pagesWanted: 1 })) {
			const found = rows.find(matches);
			if (found) return shapeInboxRow(found);
			if (++page >= SAMPLE_PAGES) break;
		}
		return undefined;
	},

	nothingYet: {
		message: 'No inbound message to show yet',
		description: `No message in the account's inbox (among its latest ${SAMPLE_PAGES * PAGE_SIZE}) matches the trigger's options. Send an SMS to one of your IPPanel lines, or loosen "Receiving Number" / "Text Contains", then fetch again.`,
	},
};
