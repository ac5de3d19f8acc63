import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	additionalFields,
	batchItemsOption,
	fromNumberField,
	messageField,
	recipientsField,
	RECIPIENTS_FORMATS,
	safetyOptions,
	sendTimeOption,
	withSendTime,
	planTextSend,
	type TextSend,
} from './fields';
import { chunk, MAX_RECIPIENTS_PER_REQUEST, type ItemSend, type SendPlanner, type SendRequest } from './plan';
import { runSends } from './runSends';

const properties: INodeProperties[] = [
	fromNumberField,
	recipientsField(`The phone number(s) this item's text goes to, usually an expression reading the item's mobile field. ${RECIPIENTS_FORMATS}`),
	messageField(
		"This item's own text, usually an expression mixing text and the item's fields (for example a greeting with the name). At most 1,400 characters or 20 parts.",
	),
	additionalFields([
		batchItemsOption(
			'Whether to send all input items in one peer-to-peer request (one params entry per item, up to 1,000 recipients per request) instead of one request per item. Items with a different sender or send time go in separate requests. Every item still gets its own outbox ID.',
		),
		...safetyOptions,
		sendTimeOption,
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['send'], operation: ['peerToPeer'] } }, properties);

/**
 * One `params` entry per item (an item with more than 1,000 numbers takes several), packed into
 * requests of at most 1,000 recipients.
 */
function requestsFor(group: TextSend[]): SendRequest[] {
	const [{ from, sendTime }] = group;
	const entries = group.flatMap((send) =>
		chunk(send.recipients, MAX_RECIPIENTS_PER_REQUEST).map((recipients) => ({ send, recipients })),
	);
	const requests: SendRequest[] = [];
	let packed: typeof entries = [];
	let count = 0;
	const flush = () => {
		if (!packed.length) return;
		const params = packed.map(({ send, recipients }) => ({ recipients, message: send.message }));
		const entryItems = packed.map(({ send }) => send.itemIndex);
		requests.push({
			body: withSendTime({ sending_type: 'peer_to_peer', from_number: from, params }, sendTime),
			items: [...new Set(entryItems)],
			entryItems,
		});
		packed = [];
		count = 0;
	};
	for (const entry of entries) {
		if (count + entry.recipients.length > MAX_RECIPIENTS_PER_REQUEST) flush();
		packed.push(entry);
		count += entry.recipients.length;
	}
	flush();
	return requests;
}

export const planner: SendPlanner = {
	async plan(this: IExecuteFunctions, itemIndex: number): Promise<ItemSend> {
		const send = planTextSend.call(this, itemIndex, 'peer_to_peer', ({ from, sendTime }) => [from, sendTime]);
		send.requests = requestsFor([send]);
		return send;
	},
	merge: (group) => requestsFor(group as TextSend[]),
};

export async function executeBatch(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runSends.call(this, items, planner);
}
