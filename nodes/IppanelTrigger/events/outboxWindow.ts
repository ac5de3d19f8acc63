import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { FINAL_STATE_IDS, toNumber } from '../../Ippanel/helpers/reportShapes';
import { apiPages, apiRequestAllItems, firstSeen, type Pagination } from '../../Ippanel/transport';
import { nowSeconds } from '../settings';

/**
 * The two outbox events watch a sliding window of the outbox list (`new_list`, newest first,
 * filtered by creation time). The outbox has no "changed since" filter, so a message is
 * re-read until it is done (its event emitted), and the cursor remembers, per message id:
 *   createdAt        its creation time (Unix s), to drop it once the listing no longer reaches it;
 *   done             its events were all emitted (or, on the first poll, were already there);
 *   emittedStatuses  Delivery Status Changed only: recipient → bit mask of the final statuses emitted.
 */
export interface TrackedBulk extends IDataObject {
	createdAt: number;
	done?: boolean;
	emittedStatuses?: Record<string, number>;
}

/** How cursors stored before the keys had names kept a message: `t` and `r` for createdAt and emittedStatuses. */
interface StoredBulk extends IDataObject {
	createdAt?: number;
	t?: number;
	done?: boolean;
	emittedStatuses?: Record<string, number>;
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
const createdAtOf = (row: IDataObject) => Number(toNumber(row.time));

/**
 * The stored cursor in today's shape. Workflows activated before the keys had names store
 * `{ t, done, r }` per message; they are read as `{ createdAt, done, emittedStatuses }` and
 * written back in the new shape after the poll.
 */
function readCursor(stored: OutboxCursor | undefined): OutboxCursor | undefined {
	if (!stored) return undefined;
	const bulks: Record<string, TrackedBulk> = {};
	for (const [id, bulk] of Object.entries(stored.bulks ?? {}) as Array<[string, StoredBulk]>) {
		const tracked: TrackedBulk = { createdAt: Number(bulk.createdAt ?? bulk.t) };
		if (bulk.done) tracked.done = true;
		const emitted = bulk.emittedStatuses ?? bulk.r;
		if (emitted) tracked.emittedStatuses = emitted;
		bulks[id] = tracked;
	}
	return { newest: stored.newest ?? null, bulks };
}

/**
 * Where this poll's listing starts: early enough to cover every message not yet done and the
 * settle margin, never before the look-back window. It never moves backwards (messages not
 * done were all listed from a start at least this late), so a message created before it is
 * never listed again and can be forgotten: the kept ids stay inside the window.
 */
function listingStart(cursor: OutboxCursor | undefined, windowStart: number): number {
	if (cursor?.newest === null || cursor?.newest === undefined) return windowStart;
	const oldestOpen = Object.values(cursor.bulks).reduce(
		(oldest, bulk) => (bulk.done ? oldest : Math.min(oldest, bulk.createdAt)),
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
	const isNew = firstSeen(bulkIdOf);
	const rows = await apiRequestAllItems.call(this, outboxPages({ create_from_date: String(start - 1) }), {
		map: (row) => (createdAtOf(row) >= start && isNew(row) ? row : undefined),
	});
	return rows.sort((a, b) => createdAtOf(a) - createdAtOf(b) || Number(bulkIdOf(a)) - Number(bulkIdOf(b)));
}

/**
 * One poll of the window: lists the messages, hands each one not done yet to `visit` (which
 * emits its events and marks it done), and returns the next cursor.
 */
export async function pollOutboxWindow(
	this: IPollFunctions,
	stored: OutboxCursor | undefined,
	lookBackSeconds: number,
	visit: (row: IDataObject, bulk: TrackedBulk) => Promise<void>,
): Promise<OutboxCursor> {
	const previous = readCursor(stored);
	const windowStart = nowSeconds() - lookBackSeconds;
	const bulks = { ...previous?.bulks };
	let newest = previous?.newest ?? null;
	for (const row of await messagesSince.call(this, listingStart(previous, windowStart))) {
		const id = bulkIdOf(row);
		newest = Math.max(newest ?? 0, createdAtOf(row));
		bulks[id] ??= { createdAt: createdAtOf(row) };
		if (!bulks[id].done) await visit(row, bulks[id]);
	}
	// Keep only what the next listing reaches (open messages before the window are given up).
	const next: OutboxCursor = { newest, bulks };
	const keepFrom = listingStart(next, windowStart);
	for (const [id, bulk] of Object.entries(bulks)) {
		if (bulk.createdAt < keepFrom) delete bulks[id];
	}
	return next;
}

/**
 * Newest-first outbox rows for "Fetch Test Event": the first `SAMPLE_PAGES` pages, each read
 * only when the caller looks on (it stops at its first match).
 */
export async function* recentOutbox(this: IPollFunctions): AsyncGenerator<IDataObject> {
	let page = 0;
	for await (const rows of apiPages.call(this, outboxPages(), 0, { pagesWanted: 1 })) {
		yield* rows;
		if (++page >= SAMPLE_PAGES) return;
	}
}
