import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { FINAL_STATE_IDS, toNumber } from '../../Ippanel/helpers/reportShapes';
import { apiPages, apiRequestAllItems, type Pagination } from '../../Ippanel/transport';
import { nowSeconds } from '../settings';

/**
 * The two outbox events watch a sliding window of the outbox list (`new_list`, newest first,
 * filtered by creation time). The outbox has no "changed since" filter, so a message is
 * re-read until it is done (its event emitted), and the cursor remembers, per message id:
 *   t    its creation time (Unix s), to drop it once the listing no longer reaches it;
 *   done its events were all emitted (or, on the first poll, were already there);
 *   r    Delivery Status Changed only: recipient → bit mask of the final statuses emitted.
 */
export interface TrackedBulk extends IDataObject {
	t: number;
	done?: boolean;
	r?: Record<string, number>;
}

export interface OutboxCursor extends IDataObject {
	/** The newest creation time seen, null until the window held a message. */
	newest: number | null;
	bulks: Record<string, TrackedBulk>;
}

const PAGE_SIZE = 100;
/**
 * The listing re-reads this much before the newest creation time seen: a send can show up in
 * the list a little after the second it was created in, and two sends can share a second.
 */
const SETTLE_SECONDS = 60;
/** "Fetch Test Event" reads at most this many outbox pages looking for a sample. */
const SAMPLE_PAGES = 5;
export const SAMPLE_ROWS = SAMPLE_PAGES * PAGE_SIZE;

function outboxPages(filters: IDataObject = {}): Pagination {
	return { method: 'POST', endpoint: '/api/report/new_list', body: { filters }, pageIn: 'body', sizeParam: 'limit', pageSize: PAGE_SIZE };
}

export const bulkIdOf = (row: IDataObject) => String(toNumber(row.messages_outbox_id));
export const stateOf = (row: IDataObject) => Number(toNumber(row.state_id));
export const isFinal = (row: IDataObject) => FINAL_STATE_IDS.includes(stateOf(row));
const createdAt = (row: IDataObject) => Number(toNumber(row.time));

/**
 * Where this poll's listing starts: early enough to cover every message not yet done and the
 * settle margin, never before the look-back window. It never moves backwards (messages not
 * done were all listed from a start at least this late), so a message created before it is
 * never listed again and can be forgotten: the kept ids stay inside the window.
 */
function listingStart(cursor: OutboxCursor | undefined, windowStart: number): number {
	if (cursor?.newest === null || cursor?.newest === undefined) return windowStart;
	const oldestOpen = Object.values(cursor.bulks).reduce(
		(oldest, bulk) => (bulk.done ? oldest : Math.min(oldest, bulk.t)),
		cursor.newest - SETTLE_SECONDS,
	);
	return Math.max(windowStart, oldestOpen);
}

/**
 * Every outbox message created at or after `start`, once each, oldest first. Sends made during
 * the poll push rows onto later pages (seen twice: dropped); `start - 1` is asked for in case
 * IPPanel's `create_from_date` is exclusive, and rows before `start` are dropped here.
 */
async function messagesSince(this: IPollFunctions, start: number): Promise<IDataObject[]> {
	const seen = new Set<string>();
	const rows = await apiRequestAllItems.call(this, outboxPages({ create_from_date: String(start - 1) }), {
		map: (row) => {
			const id = bulkIdOf(row);
			if (seen.has(id) || !(createdAt(row) >= start)) return undefined;
			seen.add(id);
			return row;
		},
	});
	return rows.sort((a, b) => createdAt(a) - createdAt(b) || Number(bulkIdOf(a)) - Number(bulkIdOf(b)));
}

/**
 * One poll of the window: lists the messages, hands each one not done yet to `visit` (which
 * emits its events and marks it done), and returns the next cursor.
 */
export async function pollOutboxWindow(
	this: IPollFunctions,
	previous: OutboxCursor | undefined,
	lookBackSeconds: number,
	visit: (row: IDataObject, bulk: TrackedBulk) => Promise<void>,
): Promise<OutboxCursor> {
	const windowStart = nowSeconds() - lookBackSeconds;
	const bulks = { ...previous?.bulks };
	let newest = previous?.newest ?? null;
	for (const row of await messagesSince.call(this, listingStart(previous, windowStart))) {
		const id = bulkIdOf(row);
		newest = Math.max(newest ?? 0, createdAt(row));
		bulks[id] ??= { t: createdAt(row) };
		if (!bulks[id].done) await visit(row, bulks[id]);
	}
	// Keep only what the next listing reaches (open messages before the window are given up).
	const next: OutboxCursor = { newest, bulks };
	const keepFrom = listingStart(next, windowStart);
	for (const [id, bulk] of Object.entries(bulks)) {
		if (bulk.t < keepFrom) delete bulks[id];
	}
	return next;
}

/** Newest-first outbox rows for "Fetch Test Event": the first `SAMPLE_PAGES` pages. */
export async function* recentOutbox(this: IPollFunctions): AsyncGenerator<IDataObject> {
	let page = 0;
	for await (const rows of apiPages.call(this, outboxPages())) {
		yield* rows;
		if (++page >= SAMPLE_PAGES) return;
	}
}
