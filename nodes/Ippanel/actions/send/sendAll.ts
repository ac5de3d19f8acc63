import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { errorItem, withItemIndex } from '../../helpers/errors';
import type { IppanelEnvelope } from '../../helpers/interfaces';
import { runInPool } from '../../helpers/pool';
import { countParts } from '../../helpers/smsParts';
import { apiRequest, slowDownHint } from '../../transport';
import type { SendLedger } from './acceptedRequests';
import { recipientsCount, type ItemSend, type SendRequest } from './plan';

/**
 * Posting a send's requests, several at a time.
 *
 * Every request goes out exactly once and is never retried. Requests start in their order (input
 * order, then the order within an item) with at most `concurrency` in flight; the first goes
 * alone, so a refused credential or a login is met once rather than by every request at once.
 * Answers come back in any order; each item's outbox ids are put together in request order.
 *
 * IPPanel answering 429: that request is not posted again. IPPanel's documents give 429 for the
 * same send (sender, recipients, text) repeated within 40 s, and say a 429 after a retry means the
 * first one most likely went through: posting it again could only repeat a refused duplicate or
 * send twice. The requests not yet started go on one at a time from then on, after the wait the
 * answer's Retry-After asks for (at most 30 s) or, without one, 1 s, doubled for each 429 in a
 * row up to 8 s. So an undocumented rate limit slows the rest down instead of failing them all.
 *
 * A failed request: with "On Error: Continue" its items become error items and the others go on.
 * Otherwise no new request starts, the ones in flight finish, and the error (the first failed
 * request in order) tells exactly which requests were sent, which failed and which never started.
 */

type RequestOutcome = { sent: true; ids: number[]; apiMessage?: string } | { sent: false; error: Error };

const FIRST_BACK_OFF_MS = 1000;
const MAX_BACK_OFF_MS = 8000;

async function post(this: IExecuteFunctions, request: SendRequest): Promise<IppanelEnvelope> {
	const itemIndex = Math.min(...request.items);
	if (!request.file) return await apiRequest.call(this, 'POST', '/api/send', { body: request.body, itemIndex });
	const form = new FormData();
	for (const [name, value] of Object.entries(request.body)) {
		// Lists go as repeated `name[]` fields, as IPPanel's multipart examples send other_recipients.
		if (Array.isArray(value)) for (const entry of value) form.append(`${name}[]`, String(entry));
		else form.append(name, String(value));
	}
	const { data, mimeType, fileName } = request.file;
	form.append('files[]', new Blob([data], { type: mimeType }), fileName);
	return await apiRequest.call(this, 'POST', '/api/send', { formData: form, itemIndex });
}

/** The largest parts estimate of the item's texts, when they are known before sending. */
export function partsOf(send: ItemSend): number | undefined {
	if (!send.texts.length) return undefined;
	return Math.max(...send.texts.map(({ text }) => countParts(text).parts));
}

function outboxIds(data: unknown): number[] {
	const ids = (data as IDataObject | null)?.message_outbox_ids;
	return Array.isArray(ids) ? ids.map(Number) : [];
}

/** `item 2`, `items 0–80, 82–100` or, past ten runs, the first ten and the count: short enough for an error. */
function itemsText(requests: SendRequest[]): string {
	const items = [...new Set(requests.flatMap((request) => request.items))].sort((a, b) => a - b);
	const runs: string[] = [];
	for (let start = 0; start < items.length; ) {
		let end = start;
		while (end + 1 < items.length && items[end + 1] === items[end] + 1) end++;
		runs.push(end === start ? String(items[start]) : `${items[start]}–${items[end]}`);
		start = end + 1;
	}
	const shown = runs.length > 10 ? `${runs.slice(0, 10).join(', ')}, … (${items.length} items)` : runs.join(', ');
	return `item${items.length === 1 ? '' : 's'} ${shown}`;
}

/** The account of a stopped send, added to the error that stops the node. */
function explainStop(error: Error, requests: SendRequest[], outcomes: Array<RequestOutcome | undefined>): void {
	const sent = requests.filter((_, index) => outcomes[index]?.sent === true);
	const failed = requests.filter((_, index) => outcomes[index]?.sent === false);
	const notStarted = requests.filter((_, index) => outcomes[index] === undefined);
	const ids = outcomes.flatMap((outcome) => (outcome?.sent ? outcome.ids : []));
	const lines = [`Of ${requests.length} send requests:`];
	lines.push(
		sent.length
			? `- ${sent.length} sent, for ${itemsText(sent)} (outbox ids ${ids.join(', ')}). Running the workflow again would send them again.`
			: '- none was sent.',
	);
	lines.push(`- ${failed.length} failed, for ${itemsText(failed)} (this error is the first; a request that got no answer may still have gone out).`);
	if (notStarted.length) lines.push(`- ${notStarted.length} not sent, for ${itemsText(notStarted)}: the node stopped at the failure.`);
	const withDescription = error as Error & { description?: string | null };
	withDescription.description = [withDescription.description, lines.join('\n')].filter(Boolean).join('\n');
}

/**
 * Posts each request once, `concurrency` at a time, and gives every item the outbox ids of the
 * requests that carried it (or its error item).
 */
export async function sendAll(
	this: IExecuteFunctions,
	sends: ItemSend[],
	requests: SendRequest[],
	{ concurrency, ledger }: { concurrency: number; ledger: SendLedger },
): Promise<Map<number, INodeExecutionData>> {
	const continueOnFail = this.continueOnFail();
	const outcomes: Array<RequestOutcome | undefined> = new Array(requests.length);
	let refusedInARow = 0;
	await runInPool(requests.length, { concurrency, firstAlone: true }, async (index, pool) => {
		const request = requests[index];
		try {
			const answer = ledger.replay(index) ?? (await ledger.post(index, async () => await post.call(this, request)));
			outcomes[index] = { sent: true, ids: outboxIds(answer.data), apiMessage: answer.meta.message };
			refusedInARow = 0;
		} catch (error) {
			outcomes[index] = { sent: false, error: withItemIndex(this.getNode(), error as Error, Math.min(...request.items)) };
			const hint = slowDownHint(error);
			if (hint) {
				const backOff = Math.min(FIRST_BACK_OFF_MS * 2 ** refusedInARow++, MAX_BACK_OFF_MS);
				pool.slowDown(hint.retryAfterMs ?? backOff);
			}
			if (!continueOnFail) pool.stop();
		}
	});

	if (!continueOnFail) {
		const first = outcomes.find((outcome) => outcome?.sent === false);
		if (first && !first.sent) {
			explainStop(first.error, requests, outcomes);
			ledger.explain(first.error);
			throw first.error;
		}
	}

	const perItem = new Map<number, { ids: number[]; error?: Error; apiMessage?: string }>(
		sends.map((send) => [send.itemIndex, { ids: [] }]),
	);
	requests.forEach((request, index) => {
		const outcome = outcomes[index]!;
		// peer_to_peer answers one id per params entry: give each item its own entries' ids.
		const perEntry = outcome.sent && request.entryItems && request.entryItems.length === outcome.ids.length;
		for (const item of request.items) {
			const result = perItem.get(item)!;
			if (!outcome.sent) {
				result.error ??= outcome.error;
				continue;
			}
			result.ids.push(...(perEntry ? outcome.ids.filter((_, entry) => request.entryItems![entry] === item) : outcome.ids));
			result.apiMessage = outcome.apiMessage;
		}
	});

	const results = new Map<number, INodeExecutionData>();
	for (const send of sends) {
		const { ids, error, apiMessage } = perItem.get(send.itemIndex)!;
		if (error) {
			const item = errorItem(error, send.itemIndex);
			// Part of an item can have gone out before another of its requests failed.
			if (ids.length) item.json.message_outbox_ids_sent = ids;
			results.set(send.itemIndex, item);
			continue;
		}
		const json: IDataObject = {
			sending_type: send.sendingType,
			message_outbox_id: ids[0] ?? null,
			message_outbox_ids: ids,
			recipients_count: recipientsCount(send) ?? null,
		};
		const parts = partsOf(send);
		if (parts !== undefined) json.parts = parts;
		json.api_message = apiMessage ?? null;
		results.set(send.itemIndex, { json, pairedItem: { item: send.itemIndex } });
	}
	return results;
}
