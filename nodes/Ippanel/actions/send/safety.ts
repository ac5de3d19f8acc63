import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parameterError } from '../../helpers/errors';
import { DEFAULT_CONCURRENCY, readConcurrency } from '../../helpers/pool';
import { apiRequest } from '../../transport';
import { readAdditionalFields } from './fields';
import { recipientsCount, type ItemSend } from './plan';

/** The safety options (dry run, spending and recipient caps) and Concurrency, read over all items: the strictest setting wins. */
export interface SafetyOptions {
	dryRun: boolean;
	/** Requests in flight at once (`additionalFields.concurrency`, the smallest over the items). */
	concurrency: number;
	maxCost?: number;
	maxRecipients?: number;
}

/** IPPanel's calculate-price answer for one (sender, text), prices in Rials per recipient. */
export interface TextPrice {
	mci_price: number;
	other_price: number;
	parts: number;
}

/** One item's share of the estimate. */
export interface ItemPrice {
	/**
	 * Upper estimate: each recipient at the higher of the MCI and other-network prices; null when
	 * the number of recipients is unknown before sending.
	 */
	estimated_cost: number | null;
	/** The answers for the item's texts (one for most sends, one per distinct text for files). */
	prices: TextPrice[];
}

function readCap(this: IExecuteFunctions, value: unknown, option: string, itemIndex: number): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const cap = Number(value);
	if (!Number.isFinite(cap) || cap < 0) {
		throw parameterError(
			this.getNode(),
			{ parameter: `additionalFields.${option}`, itemIndex },
			`${option} must be a number, got "${String(value)}"`,
			`Set Additional Fields → ${option} to a plain number.`,
		);
	}
	return cap;
}

export function readSafetyOptions(this: IExecuteFunctions, sends: ItemSend[]): SafetyOptions {
	const options: SafetyOptions = { dryRun: false, concurrency: sends.length ? Infinity : DEFAULT_CONCURRENCY };
	for (const { itemIndex } of sends) {
		const fields = readAdditionalFields.call(this, itemIndex);
		if (fields.dryRun === true) options.dryRun = true;
		const at = { parameter: 'additionalFields.concurrency', itemIndex };
		options.concurrency = Math.min(options.concurrency, readConcurrency(this.getNode(), fields.concurrency, at));
		const maxCost = readCap.call(this, fields.maxCost, 'maxCost', itemIndex);
		const maxRecipients = readCap.call(this, fields.maxRecipients, 'maxRecipients', itemIndex);
		if (maxCost !== undefined) options.maxCost = Math.min(options.maxCost ?? Infinity, maxCost);
		if (maxRecipients !== undefined) options.maxRecipients = Math.min(options.maxRecipients ?? Infinity, maxRecipients);
	}
	return options;
}

/**
 * Asks calculate-price once per distinct (sender, text) and prices every item that can be priced.
 * These are requests of their own (reads, free), made only for a dry run or a spending cap.
 */
export async function estimatePrices(this: IExecuteFunctions, sends: ItemSend[]): Promise<Map<number, ItemPrice>> {
	const asked = new Map<string, Promise<TextPrice>>();
	const priceOf = (from: string, text: string, itemIndex: number) => {
		const key = JSON.stringify([from, text]);
		let price = asked.get(key);
		if (!price) {
			price = apiRequest
				.call(this, 'POST', '/api/send/calculate-price', { body: { number: from, message: text }, itemIndex })
				.then(({ data }) => {
					const answer = (data ?? {}) as IDataObject;
					return { mci_price: Number(answer.mci_price), other_price: Number(answer.other_price), parts: Number(answer.parts) };
				});
			asked.set(key, price);
		}
		return price;
	};
	const prices = new Map<number, ItemPrice>();
	for (const send of sends) {
		if (send.unpriced || !send.texts.length) continue;
		const textPrices: TextPrice[] = [];
		let cost = 0;
		for (const { from, text, recipients } of send.texts) {
			const price = await priceOf(from, text, send.itemIndex);
			textPrices.push(price);
			cost += Math.max(price.mci_price, price.other_price) * recipients;
		}
		prices.set(send.itemIndex, { estimated_cost: send.audienceUnknown ? null : cost, prices: textPrices });
	}
	return prices;
}

function refuse(this: IExecuteFunctions, option: 'maxCost' | 'maxRecipients', message: string, why: string): never {
	const label = option === 'maxCost' ? 'Max Cost' : 'Max Recipients';
	throw new NodeOperationError(this.getNode(), `Refused by ${label} (${option}): ${message}. Nothing was sent.`, {
		description: `${why} The check covers all items of this execution together, before any send. Change Additional Fields → ${label} (${option}) if this is intended, or use Dry Run to see what would be sent.`,
	});
}

const formatNumber = (value: number) => value.toLocaleString('en-US');

/** Refuses the whole execution, before any send, when a cap is exceeded or cannot be checked. */
export function checkCaps(
	this: IExecuteFunctions,
	sends: ItemSend[],
	options: SafetyOptions,
	prices: Map<number, ItemPrice>,
): void {
	if (options.maxRecipients !== undefined) {
		const unknown = sends.find((send) => send.audienceUnknown);
		if (unknown) {
			refuse.call(
				this,
				'maxRecipients',
				`the number of recipients of item ${unknown.itemIndex} cannot be known before sending`,
				`${unknown.audienceUnknown}.`,
			);
		}
		const distinct = new Set(sends.flatMap((send) => send.recipients)).size;
		const total = distinct + sends.reduce((sum, send) => sum + (send.unlistedRecipients ?? 0), 0);
		if (total > options.maxRecipients) {
			refuse.call(
				this,
				'maxRecipients',
				`this execution would reach ${formatNumber(total)} recipients, more than the cap of ${formatNumber(options.maxRecipients)}`,
				`${formatNumber(distinct)} distinct phone numbers over ${sends.length} item(s)${total > distinct ? ` plus ${formatNumber(total - distinct)} from phonebooks, postal codes or files` : ''}.`,
			);
		}
	}
	if (options.maxCost !== undefined) {
		const unpriced = sends.find((send) => send.unpriced || send.audienceUnknown);
		if (unpriced) {
			refuse.call(
				this,
				'maxCost',
				`the cost of item ${unpriced.itemIndex} cannot be estimated before sending`,
				`${unpriced.unpriced ?? unpriced.audienceUnknown}.`,
			);
		}
		const total = sends.reduce((sum, send) => sum + (prices.get(send.itemIndex)?.estimated_cost ?? 0), 0);
		if (total > options.maxCost) {
			const biggest = sends
				.map((send) => ({ send, cost: prices.get(send.itemIndex)?.estimated_cost ?? 0 }))
				.sort((a, b) => b.cost - a.cost)
				.slice(0, 3)
				.map(
					({ send, cost }) =>
						`item ${send.itemIndex}: ${formatNumber(cost)} Rials for ${formatNumber(recipientsCount(send) ?? 0)} recipient(s)`,
				);
			refuse.call(
				this,
				'maxCost',
				`the estimated cost ${formatNumber(total)} Rials is over the cap of ${formatNumber(options.maxCost)} Rials`,
				`Biggest contributors: ${biggest.join('; ')}. The estimate is IPPanel calculate-price for each distinct sender and text, times its recipients, at the higher of the MCI and other-network prices.`,
			);
		}
	}
}
