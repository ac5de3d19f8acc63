import type { IDataObject } from 'n8n-workflow';

/**
 * Turns IPPanel report rows into flat, typed items: the API mixes numbers and numeric strings
 * (`"rcpts_count": "1"`, `"fa": "1"` beside `0`), and gives times as Unix seconds.
 * The report operations and the polling trigger share these shapes.
 */

/** `state_id` of an outbox entry (IPPanel outbox list docs), as a word. */
const OUTBOX_STATES: Record<number, string> = {
	0: 'creating',
	1: 'in_review',
	2: 'sending',
	3: 'rejected',
	4: 'invalid_recipients',
	5: 'queued',
	6: 'sent',
	7: 'canceled',
	8: 'insufficient_credit',
	9: 'system_error',
};

/** Outbox states that no longer change: sent, or stopped for good. */
export const FINAL_STATE_IDS: readonly number[] = [3, 4, 6, 7, 8, 9];

/** `message_status` of one recipient (IPPanel bulk recipients docs), as a word. */
const RECIPIENT_STATUS: Record<number, string> = {
	0: 'sent_to_operator',
	1: 'operator_received',
	2: 'delivered',
	3: 'not_delivered',
	4: 'blacklisted',
};

const DELIVERED_STATUS = 2;
const FAILED_STATUSES = new Set([3, 4]);

/** Outbox fields that carry a number, sometimes as a string. */
const OUTBOX_NUMBER_FIELDS = [
	'messages_outbox_id',
	'number_id',
	'rcpts_count',
	'exit_count',
	'part',
	'cost',
	'state_id',
	'in_delivery_line',
	'parent_id',
	'user_id',
	'partner_id',
	'return',
];
/** Outbox fields holding Unix seconds; each gets an `<field>_iso` twin. */
const OUTBOX_TIME_FIELDS = ['time', 'time_send'];

/** A number from a number or a numeric string; null for null/empty; anything else unchanged. */
export function toNumber(value: unknown): unknown {
	if (value === null || value === undefined || value === '') return null;
	if (typeof value === 'number') return value;
	if (typeof value === 'string' && value.trim() !== '') {
		const number = Number(value);
		if (Number.isFinite(number)) return number;
	}
	return value;
}

/** ISO 8601 (UTC) for Unix seconds given as a number or string; null when there is no time. */
export function unixToIso(value: unknown): string | null {
	const seconds = toNumber(value);
	if (typeof seconds !== 'number' || seconds <= 0) return null;
	return new Date(seconds * 1000).toISOString();
}

/** A copy of the row with these fields (where present) as numbers. */
export function withNumbers(row: IDataObject, fields: string[]): IDataObject {
	// Not `{ ...row }`: on Node 20 (n8n 1.x) a spread copy that then gets new properties is ~3× slower
	// and ~70% bigger, which a 100,000-row export pays per row (`npm run bench`, README "Performance").
	const shaped: IDataObject = Object.assign({}, row);
	for (const field of fields) {
		if (field in row) shaped[field] = toNumber(row[field]) as IDataObject[string];
	}
	return shaped;
}

/** Turns these `0` / `1` fields (where present) of a shaped row into booleans. */
export function withFlags(shaped: IDataObject, fields: string[]): IDataObject {
	for (const field of fields) {
		if (field in shaped) shaped[field] = toNumber(shaped[field]) === 1 || shaped[field] === true;
	}
	return shaped;
}

function withIsoTimes(shaped: IDataObject, fields: string[]): IDataObject {
	for (const field of fields) {
		if (field in shaped) shaped[`${field}_iso`] = unixToIso(shaped[field]);
	}
	return shaped;
}

/**
 * One outbox entry (`new_list`, `by_bulk`): ids and counts as numbers, `time_iso` /
 * `time_send_iso` beside the Unix values, `state_name` for `state_id`. The API's own
 * `state` ("finish", …) and `status` (Persian) stay as they are.
 */
export function shapeOutboxRow(row: IDataObject): IDataObject {
	const shaped = withIsoTimes(withNumbers(row, [...OUTBOX_NUMBER_FIELDS, ...OUTBOX_TIME_FIELDS]), OUTBOX_TIME_FIELDS);
	const stateId = shaped.state_id;
	shaped.state_name = typeof stateId === 'number' ? (OUTBOX_STATES[stateId] ?? 'unknown') : null;
	return shaped;
}

/**
 * One recipient of a bulk: `msg_parts` / `message_status` as numbers, `status` as a word
 * (null while the bulk has no delivery status yet), `is_delivered` / `is_failed` booleans
 * (blacklisted counts as failed).
 */
export function shapeRecipientRow(row: IDataObject): IDataObject {
	const shaped = withNumbers(row, ['msg_parts', 'message_status']);
	const code = shaped.message_status;
	const known = typeof code === 'number';
	shaped.status = known ? (RECIPIENT_STATUS[code] ?? 'unknown') : null;
	shaped.is_delivered = known && code === DELIVERED_STATUS;
	shaped.is_failed = known && FAILED_STATUSES.has(code);
	return shaped;
}

/** One inbound message: `messages_inbox_id` / `time` as numbers, `time_iso`, `seen` as a boolean. */
export function shapeInboxRow(row: IDataObject): IDataObject {
	return withFlags(withIsoTimes(withNumbers(row, ['messages_inbox_id', 'time']), ['time']), ['seen']);
}

/** The `bulk_stats` categories, by the name they get in the flat summary. */
export const STATS_CATEGORIES: Record<string, string> = {
	sent: 'operators_sent',
	delivered: 'operators_delivered',
	failed: 'operators_failed',
	pending: 'operators_pending',
	blacklisted: 'operators_blacklist',
};

/** Adds up a `{ en, fa }` language split (or a bare count). */
function countOf(value: unknown): number {
	if (value !== null && typeof value === 'object') {
		return Object.values(value as IDataObject).reduce<number>((sum, part) => sum + countOf(part), 0);
	}
	const number = toNumber(value);
	return typeof number === 'number' ? number : 0;
}

/**
 * `bulk_stats` as one flat item: totals per category, `total`, `delivery_rate` (percent of
 * `total` delivered, two decimals; null when total is 0), and `<operator>_<category>` /
 * `<operator>_total` per operator the API lists. `raw` is the API's object as it came.
 */
export function flattenStats(bulkId: number | string, data: IDataObject | null | undefined): IDataObject {
	const stats = data ?? {};
	const categories = Object.keys(STATS_CATEGORIES);
	const totals: Record<string, number> = Object.fromEntries(categories.map((category) => [category, 0]));
	const operators: Record<string, Record<string, number>> = {};
	for (const category of categories) {
		for (const [operator, split] of Object.entries((stats[STATS_CATEGORIES[category]] as IDataObject) ?? {})) {
			const count = countOf(split);
			operators[operator] ??= Object.fromEntries([...categories, 'total'].map((key) => [key, 0]));
			operators[operator][category] += count;
			operators[operator].total += count;
			totals[category] += count;
		}
	}
	const total = categories.reduce((sum, category) => sum + totals[category], 0);
	const perOperator: IDataObject = {};
	for (const [operator, counts] of Object.entries(operators)) {
		for (const [key, count] of Object.entries(counts)) perOperator[`${operator}_${key}`] = count;
	}
	return {
		bulk_id: toNumber(bulkId) as IDataObject[string],
		total,
		...totals,
		delivery_rate: total > 0 ? Math.round((totals.delivered / total) * 10000) / 100 : null,
		...perOperator,
		raw: stats,
	};
}
