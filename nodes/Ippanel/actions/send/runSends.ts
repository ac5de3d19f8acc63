import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { errorItem, withItemIndex } from '../../helpers/errors';
import { sendLedger } from './acceptedRequests';
import { recipientsCount, type ItemSend, type PlanCache, type SendPlanner, type SendRequest } from './plan';
import { checkCaps, estimatePrices, readSafetyOptions, type ItemPrice } from './safety';
import { partsOf, sendAll } from './sendAll';

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
			...send.dryRunDetails,
			requests: carried,
		});
	}
	return outputs;
}

/**
 * Runs a paid-send operation over all input items: plans every item (no request), batches,
 * checks the safety options once for the whole execution, then posts each request exactly once
 * (never retried), `additionalFields.concurrency` at a time (sendAll.ts), and gives every item
 * the outbox ids of the requests that carried it.
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
		// Retry On Fail: what an earlier try of this run had sent is replayed, never posted again.
		const ledger = sendLedger.call(this, requests);
		results = await sendAll.call(this, sends, requests, { concurrency: options.concurrency, ledger });
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
