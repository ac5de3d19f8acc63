import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { withItemIndex } from '../../helpers/errors';
import type { IppanelEnvelope } from '../../helpers/interfaces';
import type { SendRequest } from './plan';

/**
 * What this node run has already posted, kept across n8n's "Retry On Fail" tries.
 *
 * n8n retries a failed node by running it again, in the same process (in queue mode: the same
 * worker), for the same execution and run index, with the same input items. Without memory, a
 * retry would post again every request the failed try had already sent (IPPanel then refuses
 * it as a duplicate within 40 s, or the same people get the SMS twice). The ledger remembers,
 * per (workflow, execution, node, run index), each request IPPanel accepted (its outbox ids) and
 * each request whose outcome is unknown (no answer came back). A retry replays the accepted
 * ones without posting, refuses to post the unknown ones again, and posts only the rest.
 *
 * A request is known by the items it carries and its place among the requests carrying the
 * same items, not by its body: a text with `{{ $now }}` or a code made in an expression differs
 * from try to try, and must still not go out twice.
 */

/** What became of one request in an earlier try. */
type Entry =
	| { state: 'accepted'; ids: number[]; apiMessage?: string; recipients?: number; outboxIds: unknown }
	| { state: 'unknown'; reason: string; recipients?: number };

interface RunRecord {
	entries: Map<string, Entry>;
	touched: number;
}

/**
 * n8n starts a retry at most 5 s after the try before it failed, so a run's record is needed only
 * while it is in use or just was. It expires an hour after its last use (covering long tries and
 * slow planning); over the caps, records idle for 10 minutes go first. The run in use is never
 * dropped, and neither is one used in the last 10 minutes: many large sends at once may hold
 * more than the caps for that long, rather than a retry sending twice.
 */
const EXPIRE_MS = 60 * 60 * 1000;
const RETRY_WINDOW_MS = 10 * 60 * 1000;
const MAX_RUNS = 1000;
const MAX_ENTRIES = 200_000;

const runs = new Map<string, RunRecord>();
let entryCount = 0;

function drop(key: string): void {
	const record = runs.get(key);
	if (!record) return;
	entryCount -= record.entries.size;
	runs.delete(key);
}

/** Drops expired runs, and idle ones (least recently used first) while over the caps. */
function sweep(now: number, keep: string): void {
	for (const [key, record] of runs) {
		if (key === keep) continue;
		const idle = now - record.touched;
		const over = runs.size > MAX_RUNS || entryCount > MAX_ENTRIES;
		if (idle >= EXPIRE_MS || (over && idle >= RETRY_WINDOW_MS)) drop(key);
	}
}

function recordFor(key: string): RunRecord {
	const now = Date.now();
	let record = runs.get(key);
	if (record) runs.delete(key);
	record ??= { entries: new Map(), touched: now };
	record.touched = now;
	runs.set(key, record); // re-inserted: the map stays in least-recently-used order
	sweep(now, key);
	return record;
}

const formatNumber = (value: number) => value.toLocaleString('en-US');

/** How many recipients a request body names, when it lists them (not phonebook, postal code, file). */
function recipientsIn(body: IDataObject): number | undefined {
	if (Array.isArray(body.recipients)) return body.recipients.length;
	const params = body.params as IDataObject | IDataObject[] | undefined;
	if (params && !Array.isArray(params) && Array.isArray(params.recipients)) return params.recipients.length;
	if (Array.isArray(params) && params.every((entry) => Array.isArray(entry?.recipients))) {
		return params.reduce((sum, entry) => sum + (entry.recipients as unknown[]).length, 0);
	}
	return undefined;
}

function itemsText(items: number[]): string {
	const sorted = [...items].sort((a, b) => a - b);
	const contiguous = sorted.every((item, index) => index === 0 || item === sorted[index - 1] + 1);
	if (sorted.length > 3 && contiguous) return `items ${sorted[0]}–${sorted[sorted.length - 1]}`;
	if (sorted.length > 10) return `${formatNumber(sorted.length)} items`;
	return `item${sorted.length === 1 ? '' : 's'} ${sorted.join(', ')}`;
}

function recipientsText(count: number | undefined): string {
	if (count === undefined) return 'a request';
	return `${formatNumber(count)} recipient${count === 1 ? '' : 's'}`;
}

/** True when the error says a send's outcome is unknown (no IPPanel answer after the request left). */
function mayHaveBeenSent(error: Error): boolean {
	return /^The send may have happened/.test(error.message);
}

/** The ledger of one node run, as runSends uses it. */
export interface SendLedger {
	/**
	 * The answer an earlier try got for this request, without posting it again; throws when an
	 * earlier try's outcome is unknown. Undefined when the request has not gone out before.
	 */
	replay(index: number): IppanelEnvelope | undefined;
	/** Posts through `post` and remembers the outcome. */
	post(index: number, post: () => Promise<IppanelEnvelope>): Promise<IppanelEnvelope>;
	/** Adds to the error what earlier tries of this execution had already sent. */
	explain(error: Error): void;
}

const NO_LEDGER: SendLedger = {
	replay: () => undefined,
	post: async (_index, post) => await post(),
	explain: () => {},
};

/** The ledger of this node run: empty on the first try, what earlier tries did on a retry. */
export function sendLedger(this: IExecuteFunctions, requests: SendRequest[]): SendLedger {
	const executionId = this.getExecutionId();
	if (!executionId) return NO_LEDGER;
	const node = this.getNode();
	const runIndex = this.getWorkflowDataProxy(0).$runIndex;
	const record = recordFor(JSON.stringify([this.getWorkflow().id, executionId, node.id || node.name, runIndex]));

	const keys: string[] = [];
	const seen = new Map<string, number>();
	for (const request of requests) {
		const carried = [...request.items].sort((a, b) => a - b).join(',');
		const ordinal = seen.get(carried) ?? 0;
		seen.set(carried, ordinal + 1);
		keys.push(`${carried}#${ordinal}`);
	}
	const replayed = new Set<number>();

	const remember = (index: number, entry: Entry) => {
		if (!record.entries.has(keys[index])) entryCount++;
		record.entries.set(keys[index], entry);
		record.touched = Date.now();
	};

	return {
		replay(index) {
			const entry = record.entries.get(keys[index]);
			if (!entry) return undefined;
			record.touched = Date.now();
			if (entry.state === 'unknown') {
				const request = requests[index];
				throw new NodeOperationError(
					node,
					`The send may have happened in an earlier try of this execution: ${entry.reason} (request ${index + 1} of ${requests.length}, ${itemsText(request.items)}, ${recipientsText(entry.recipients)})`,
					{
						itemIndex: Math.min(...request.items),
						description:
							'An earlier try posted this request and no IPPanel answer came back, so it is unknown whether the SMS went out. ' +
							'Retry On Fail did NOT post it again, to avoid sending twice. Check Report → List (or the IPPanel panel outbox) before sending again.',
					},
				);
			}
			replayed.add(index);
			return { data: { message_outbox_ids: entry.outboxIds }, meta: { status: true, message: entry.apiMessage ?? '' } } as IppanelEnvelope;
		},

		async post(index, post) {
			const request = requests[index];
			try {
				const answer = await post();
				const outboxIds = (answer.data as IDataObject | null)?.message_outbox_ids;
				remember(index, {
					state: 'accepted',
					outboxIds,
					ids: Array.isArray(outboxIds) ? outboxIds.map(Number) : [],
					apiMessage: answer.meta?.message,
					recipients: recipientsIn(request.body),
				});
				return answer;
			} catch (error) {
				if (mayHaveBeenSent(error as Error)) {
					const reason = (error as Error).message.replace(/^The send may have happened:\s*/, '');
					remember(index, { state: 'unknown', reason, recipients: recipientsIn(request.body) });
				}
				throw withItemIndex(node, error as Error, Math.min(...request.items));
			}
		},

		explain(error) {
			if (!replayed.size) return;
			const accepted = [...replayed].map((index) => record.entries.get(keys[index])).filter((entry) => entry?.state === 'accepted');
			const ids = [...new Set(accepted.flatMap((entry) => (entry?.state === 'accepted' ? entry.ids : [])))];
			const counts = accepted.map((entry) => entry?.recipients);
			const total = counts.every((count) => count !== undefined) ? counts.reduce((sum, count) => sum! + count!, 0) : undefined;
			const what = total === undefined ? `${accepted.length} request(s)` : `${formatNumber(total)} recipient${total === 1 ? '' : 's'}`;
			const note =
				`${what} ${total === 1 || (total === undefined && accepted.length === 1) ? 'was' : 'were'} sent in an earlier try of this execution ` +
				`(outbox id${ids.length === 1 ? '' : 's'} ${ids.join(', ')}); Retry On Fail did not send ${total === 1 ? 'it' : 'them'} again.`;
			const withDescription = error as Error & { description?: string | null };
			withDescription.description = [withDescription.description, note].filter(Boolean).join('\n');
		},
	};
}
