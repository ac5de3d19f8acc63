import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { countParts } from '../../helpers/smsParts';
import { apiRequest } from '../../transport';
import { errorItem, withItemIndex } from '../../helpers/errors';
import { recipientsCount, type ItemSend, type PlanCache, type SendPlanner, type SendRequest } from './plan';
import { checkCaps, estimatePrices, readSafetyOptions, type ItemPrice } from './safety';
import { sendLedger } from './acceptedRequests';

/** What became of one item's requests. */
interface Outcome {
	ids: number[];
	error?: Error;
	apiMessage?: string;
}

/** Items sharing a batch key go through the operation's merge; the rest keep their own requests. */
function buildRequests(sends: ItemSend[], merge: SendPlanner['merge']): SendRequest[] {
	const requests: SendRequest[] = [];
	const groups = new Map<string, ItemSend[]>();
	for (const send of sends) {
		if (send.batchKey !== undefined && merge) {
			const group = groups.get(send.batchKey) ?? [];
			if (!group.length) groups.set(send.batchKey, group);
			group.push(send);
		} else {
			requests.push(...send.requests);
		}
	}
	for (const group of groups.values()) requests.push(...merge!(group));
	return requests;
}

/** The largest parts estimate of the item's texts, when they are known before sending. */
function partsOf(send: ItemSend): number | undefined {
	if (!send.texts.length) return undefined;
	return Math.max(...send.texts.map(({ text }) => countParts(text).parts));
}

/** A request as a dry run shows it: the multipart file is described, never dumped. */
function shownBody(request: SendRequest): IDataObject {
	if (!request.file) return request.body;
	const { fileName, mimeType, data } = request.file;
	return { ...request.body, 'files[]': { file_name: fileName, mime_type: mimeType, bytes: data.length } };
}

function dryRunItems(sends: ItemSend[], requests: SendRequest[], prices: Map<number, ItemPrice>): Map<number, IDataObject> {
	const firstCarrier = new Map<SendRequest, number>();
	for (const request of requests) firstCarrier.set(request, Math.min(...request.items));
	const outputs = new Map<number, IDataObject>();
	for (const send of sends) {
		const carried = requests
			.map((request, index) => ({ request, number: index + 1 }))
			.filter(({ request }) => request.items.includes(send.itemIndex))
			.map(({ request, number }) => {
				const first = firstCarrier.get(request)!;
				return first === send.itemIndex
					? { request: number, items: request.items.length, body: shownBody(request) }
					: { request: number, items: request.items.length, body_shown_on_item: first };
			});
		const price = prices.get(send.itemIndex);
		const priceNote = send.unpriced ?? send.audienceUnknown;
		outputs.set(send.itemIndex, {
			dry_run: true,
			sending_type: send.sendingType,
			recipients_count: recipientsCount(send) ?? null,
			parts: partsOf(send) ?? null,
			estimated_cost: price?.estimated_cost ?? null,
			price: !price ? null : price.prices.length === 1 ? price.prices[0] : price.prices,
			...(priceNote ? { price_note: priceNote } : {}),
			requests: carried,
		});
	}
	return outputs;
}

async function post(this: IExecuteFunctions, request: SendRequest) {
	const itemIndex = Math.min(...request.items);
	if (!request.file) return await apiRequest.call(this, 'POST', '/api/send', { body: request.body, itemIndex });
	const form = new FormData();
	for (const [name, value] of Object.entries(request.body)) form.append(name, String(value));
	const { data, mimeType, fileName } = request.file;
	form.append('files[]', new Blob([data], { type: mimeType }), fileName);
	return await apiRequest.call(this, 'POST', '/api/send', { formData: form, itemIndex });
}

function outboxIds(data: unknown): number[] {
	const ids = (data as IDataObject | null)?.message_outbox_ids;
	return Array.isArray(ids) ? ids.map(Number) : [];
}

/** Tells, on the error that stops the node, what this execution had already sent, so nobody re-runs it blindly. */
function explainPartialSend(error: Error, sent: SendRequest[], outcomes: Map<number, Outcome>, total: number): void {
	if (!sent.length) return;
	const items = [...new Set(sent.flatMap((request) => request.items))].sort((a, b) => a - b);
	const ids = [...new Set(items.flatMap((item) => outcomes.get(item)?.ids ?? []))];
	const note =
		`Before this failure the execution had already sent ${sent.length} of ${total} requests, for item(s) ${items.join(', ')} ` +
		`(outbox ids ${ids.join(', ')}). Running it again would send those again.`;
	const withDescription = error as Error & { description?: string | null };
	withDescription.description = [withDescription.description, note].filter(Boolean).join('\n');
}

/**
 * Runs a paid-send operation over all input items: plans every item (no request), batches,
 * checks the safety options once for the whole execution, then posts each request exactly once
 * (never retried) and gives every item the outbox ids of the requests that carried it.
 */
export async function runSends(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	planner: SendPlanner,
): Promise<INodeExecutionData[]> {
	const failedPlans = new Map<number, INodeExecutionData>();
	const sends: ItemSend[] = [];
	const cache: PlanCache = new Map();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			sends.push(await planner.plan.call(this, itemIndex, cache));
		} catch (error) {
			if (!this.continueOnFail()) throw withItemIndex(this.getNode(), error as Error, itemIndex);
			failedPlans.set(itemIndex, errorItem(error as Error, itemIndex));
		}
	}

	const requests = buildRequests(sends, planner.merge);
	const options = readSafetyOptions.call(this, sends);
	let prices = new Map<number, ItemPrice>();
	let results: Map<number, INodeExecutionData>;
	try {
		if (options.dryRun || options.maxCost !== undefined) prices = await estimatePrices.call(this, sends);
		checkCaps.call(this, sends, options, prices);
	} catch (error) {
		// A refused (or uncheckable) cap refuses the whole execution: with continueOnFail every item
		// reports the refusal, rather than n8n passing the input on as if it had been sent.
		if (!this.continueOnFail()) throw withItemIndex(this.getNode(), error as Error);
		results = new Map(sends.map(({ itemIndex }) => [itemIndex, errorItem(error as Error, itemIndex)]));
		return inItemOrder(items.length, failedPlans, results);
	}

	if (options.dryRun) {
		const dryRun = dryRunItems(sends, requests, prices);
		results = new Map([...dryRun].map(([item, json]) => [item, { json, pairedItem: { item } }]));
	} else {
		results = await sendAll.call(this, sends, requests);
	}
	return inItemOrder(items.length, failedPlans, results);
}

function inItemOrder(
	count: number,
	failedPlans: Map<number, INodeExecutionData>,
	results: Map<number, INodeExecutionData>,
): INodeExecutionData[] {
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		const result = failedPlans.get(itemIndex) ?? results.get(itemIndex);
		if (result) output.push(result);
	}
	return output;
}

async function sendAll(
	this: IExecuteFunctions,
	sends: ItemSend[],
	requests: SendRequest[],
): Promise<Map<number, INodeExecutionData>> {
	const outcomes = new Map<number, Outcome>(sends.map((send) => [send.itemIndex, { ids: [] }]));
	const sent: SendRequest[] = [];
	// Retry On Fail: what an earlier try of this run had sent is replayed, never posted again.
	const ledger = sendLedger.call(this, requests);
	for (const [index, request] of requests.entries()) {
		try {
			const { data, meta } = ledger.replay(index) ?? (await ledger.post(index, async () => await post.call(this, request)));
			const ids = outboxIds(data);
			// peer_to_peer answers one id per params entry: give each item its own entries' ids.
			const perEntry = request.entryItems && request.entryItems.length === ids.length;
			for (const item of request.items) {
				const outcome = outcomes.get(item)!;
				outcome.ids.push(...(perEntry ? ids.filter((_, entry) => request.entryItems![entry] === item) : ids));
				outcome.apiMessage = meta.message;
			}
			sent.push(request);
		} catch (error) {
			if (!this.continueOnFail()) {
				explainPartialSend(error as Error, sent, outcomes, requests.length);
				ledger.explain(error as Error);
				throw withItemIndex(this.getNode(), error as Error, Math.min(...request.items));
			}
			for (const item of request.items) outcomes.get(item)!.error ??= error as Error;
		}
	}
	const results = new Map<number, INodeExecutionData>();
	for (const send of sends) {
		const { ids, error, apiMessage } = outcomes.get(send.itemIndex)!;
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
