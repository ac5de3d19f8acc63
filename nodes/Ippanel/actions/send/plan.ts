import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

/**
 * The send pipeline, in two steps so that nothing is sent before every check has passed:
 * an operation's planner turns ONE input item into an `ItemSend` (validated input and the
 * request bodies it wants, no API call), then `runSends` (runSends.ts) batches, checks the
 * safety options over all items and posts each request exactly once.
 */

/** The CSV of a file send, uploaded as multipart `files[]`. */
export interface SendFile {
	data: Buffer;
	fileName: string;
	mimeType: string;
}

/** One `POST /api/send`: its body and the input items it carries. */
export interface SendRequest {
	/** JSON body, or the text fields of the multipart body when `file` is set. */
	body: IDataObject;
	file?: SendFile;
	/** Input items this request carries (each gets the request's outbox id). */
	items: number[];
	/**
	 * peer_to_peer only: the input item of each `params` entry. IPPanel answers one outbox id
	 * per entry, so each item gets the ids of its own entries.
	 */
	entryItems?: number[];
}

/** A text and how many recipients get it: what calculate-price is asked about. */
export interface PricedText {
	/** The sender line (calculate-price's `number`). */
	from: string;
	text: string;
	recipients: number;
}

/** What one input item asks to send, validated; built without calling the API. */
export interface ItemSend {
	itemIndex: number;
	sendingType: string;
	/** The requests this item makes on its own (without batching). */
	requests: SendRequest[];
	/** Distinct normalized numbers the item sends to, where the send lists them. */
	recipients: string[];
	/** Recipients reached beyond `recipients` (phonebook size, postal code sizes, unparsed file rows). */
	unlistedRecipients?: number;
	/** Set when the number of recipients cannot be known before sending, saying why. */
	audienceUnknown?: string;
	/** The texts sent and to how many, for parts and price; empty when not known before sending. */
	texts: PricedText[];
	/** Set when no price can be asked before sending, saying why. */
	unpriced?: string;
	/** Extra fields a dry run shows for this item (a bank send's audience per operator). */
	dryRunDetails?: IDataObject;
	/** Items with the same key (batchItems on) share requests built by the operation's `merge`. */
	batchKey?: string;
}

/** Per execution: fetched patterns and the like, so each is asked once. */
export type PlanCache = Map<string, Promise<unknown>>;

/** A paid-send operation: a planner per item, and how to merge items when batching. */
export interface SendPlanner {
	plan(this: IExecuteFunctions, itemIndex: number, cache: PlanCache): Promise<ItemSend>;
	merge?(group: ItemSend[]): SendRequest[];
}

/** IPPanel's documented ceiling for one webservice send; applied to peer-to-peer as well. */
export const MAX_RECIPIENTS_PER_REQUEST = 1000;

export function chunk<T>(list: T[], size: number): T[][] {
	const chunks: T[][] = [];
	for (let start = 0; start < list.length; start += size) chunks.push(list.slice(start, start + size));
	return chunks;
}

/** Count of recipients an item reaches, or undefined when unknown before sending. */
export function recipientsCount(send: ItemSend): number | undefined {
	if (send.audienceUnknown) return undefined;
	return send.recipients.length + (send.unlistedRecipients ?? 0);
}
