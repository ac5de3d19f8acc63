import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../helpers/errors';
import { asText, toLatinDigits } from '../../helpers/parameters';
import { normalizeRecipients } from '../../helpers/recipients';
import { toSendTime } from '../../helpers/sendTime';
import { checkMessage, type PartsEstimate } from '../../helpers/smsParts';
import type { ItemSend } from './plan';

/** Parameters and their readers shared by the send operations. */

export const fromNumberField: INodeProperties = {
	displayName: 'From Number Name or ID',
	name: 'fromNumber',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getSenderNumbers' },
	required: true,
	default: '',
	description:
		'The sender line the SMS comes from, one of the account\'s numbers (for example +983000505). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export function recipientsField(description: string): INodeProperties {
	return {
		displayName: 'Recipients',
		name: 'recipients',
		type: 'string',
		required: true,
		default: '',
		placeholder: '09121234567, +989351234567',
		description,
	};
}

export const RECIPIENTS_FORMATS =
	'Separate numbers with commas, semicolons, spaces or new lines, or give an array from an expression. Iranian mobiles may be written 0912…, 912…, 98912…, 0098912… or +98912… (Persian digits too) and are sent as +98912…; other countries need + and the country code. Duplicates are dropped.';

/** "Other Recipients" (`otherRecipients`) of the file and region sends: extra numbers beside the audience. */
export const otherRecipientsField: INodeProperties = {
	displayName: 'Other Recipients',
	name: 'otherRecipients',
	type: 'string',
	default: '',
	description: `Phone numbers that get the text besides the audience, for example your own to see it arrive. ${RECIPIENTS_FORMATS} Leave empty for none.`,
};

const MESSAGE_LIMITS =
	'At most 1,400 characters or 20 parts (Persian: 70 characters in one part, 67 per part when longer; Latin: 160 / 153).';

/** The SMS text parameter (`message`); `description` says what the text is for on this operation. */
export function messageField(description = `The SMS text. ${MESSAGE_LIMITS}`): INodeProperties {
	return {
		displayName: 'Message',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		description,
	};
}

/** "Batch Input Items" (`additionalFields.batchItems`), on the sends that can batch; `description` says how. */
export function batchItemsOption(description: string): INodeProperties {
	return { displayName: 'Batch Input Items', name: 'batchItems', type: 'boolean', default: false, description };
}

/**
 * The options every send operation has in its `additionalFields`: Concurrency (how many requests
 * at once, read by runSends) and the safety options (dry run, spending and recipient caps).
 */
export const safetyOptions: INodeProperties[] = [
	{
		displayName: 'Concurrency',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 100 },
		default: 50,
		description:
			'How many send requests go out at once when the input needs more than one (one per recipient for pattern and voice OTP sends, one per item otherwise). Each is still sent exactly once and never retried, and the output keeps the input order. After a 429 answer the rest go one at a time. 1 sends one after another, in input order. With different values per item, the smallest counts.',
	},
	{
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: false,
		description:
			'Whether to only show what would be sent, without sending: recipients are checked and normalized, the requests are built and priced with IPPanel calculate-price, and each item outputs its request bodies, recipient count, parts and price. If any item asks for a dry run, the whole execution is one.',
	},
	{
		displayName: 'Max Cost',
		name: 'maxCost',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 100000,
		description:
			'Spending cap in Rials for this execution: when the estimated cost of all items together is higher, nothing is sent and the node fails naming the biggest costs. The estimate makes extra (free) requests: IPPanel calculate-price once per distinct sender and text, times the recipients, at the higher of the MCI and other-network prices.',
	},
	{
		displayName: 'Max Recipients',
		name: 'maxRecipients',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 100,
		description:
			'Recipient cap for this execution: when all items together would reach more distinct phone numbers than this (counted after normalization, so 0912… and +98912… are one), nothing is sent and the node fails',
	},
];

/** "Send Time" (`additionalFields.sendTime`), on the sends IPPanel can schedule. */
export const sendTimeOption: INodeProperties = {
	displayName: 'Send Time',
	name: 'sendTime',
	type: 'dateTime',
	default: '',
	description:
		'When to send, read in the workflow time zone; leave empty to send now. Must be at least 5 minutes and at most 3 months ahead. IPPanel receives it in UTC.',
};

/** The `additionalFields` collection of a send, holding these options (listed by display name). */
export function additionalFields(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options,
	};
}

export function readAdditionalFields(this: IExecuteFunctions, itemIndex: number): IDataObject {
	return this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
}

/**
 * The sender line in E.164: digits only are read as an Iranian line (3000505 → +983000505);
 * `+98` and letters is a named line (+98BANK for bank sends).
 */
export function readFromNumber(this: IExecuteFunctions, itemIndex: number): string {
	const at = { parameter: 'fromNumber', itemIndex };
	const raw = toLatinDigits(asText(this.getNode(), this.getNodeParameter('fromNumber', itemIndex, ''), at)).replace(/\s/g, '');
	if (!raw) {
		throw parameterError(this.getNode(), at, 'No sender number given', "Choose one of the account's sender lines in From Number.");
	}
	if (/^98\d+$/.test(raw)) return `+${raw}`;
	if (/^0\d+$/.test(raw)) return `+98${raw.slice(1)}`;
	if (/^\d+$/.test(raw)) return `+98${raw}`;
	if (/^\+\d{3,15}$/.test(raw) || /^\+98[A-Za-z]+$/.test(raw)) return raw;
	throw parameterError(
		this.getNode(),
		at,
		`Sender number "${raw}" is not a sender line`,
		"Choose one of the account's sender lines in From Number, for example +983000505.",
	);
}

export function readRecipients(this: IExecuteFunctions, itemIndex: number): string[] {
	return normalizeRecipients(this.getNode(), this.getNodeParameter('recipients', itemIndex, ''), {
		parameter: 'recipients',
		itemIndex,
	});
}

/** "Other Recipients" of the file and region sends: may be empty. */
export function readOtherRecipients(this: IExecuteFunctions, itemIndex: number): string[] {
	return normalizeRecipients(this.getNode(), this.getNodeParameter('otherRecipients', itemIndex, ''), {
		parameter: 'otherRecipients',
		itemIndex,
		required: false,
	});
}

export function readMessage(
	this: IExecuteFunctions,
	itemIndex: number,
	parameter = 'message',
): { text: string; estimate: PartsEstimate } {
	const text = this.getNodeParameter(parameter, itemIndex, '') as string;
	const estimate = checkMessage(this.getNode(), text, { parameter, itemIndex });
	return { text: String(text), estimate };
}

/** The `send_time` of the item, or undefined to send now. */
export function readSendTime(this: IExecuteFunctions, itemIndex: number): string | undefined {
	const { sendTime } = readAdditionalFields.call(this, itemIndex);
	return toSendTime(this.getNode(), sendTime, { timeZone: this.getTimezone(), itemIndex });
}

/** `send_time` only when set: IPPanel sends immediately without it. */
export function withSendTime(body: IDataObject, sendTime: string | undefined): IDataObject {
	return sendTime ? { ...body, send_time: sendTime } : body;
}

/** An item of a one-text send (webservice, peer to peer): sender, numbers, text and send time. */
export interface TextSend extends ItemSend {
	from: string;
	message: string;
	sendTime?: string;
}

/**
 * Reads and validates a one-text send's item. With "batch input items" on, items whose
 * `batchOn` values are equal share requests.
 */
export function planTextSend(
	this: IExecuteFunctions,
	itemIndex: number,
	sendingType: string,
	batchOn: (send: Pick<TextSend, 'from' | 'message' | 'sendTime'>) => unknown[],
): TextSend {
	const from = readFromNumber.call(this, itemIndex);
	const recipients = readRecipients.call(this, itemIndex);
	const { text: message } = readMessage.call(this, itemIndex);
	const sendTime = readSendTime.call(this, itemIndex);
	const batched = readAdditionalFields.call(this, itemIndex).batchItems === true;
	return {
		itemIndex,
		sendingType,
		from,
		message,
		sendTime,
		recipients,
		texts: [{ from, text: message, recipients: recipients.length }],
		requests: [],
		batchKey: batched ? JSON.stringify(batchOn({ from, message, sendTime })) : undefined,
	};
}
