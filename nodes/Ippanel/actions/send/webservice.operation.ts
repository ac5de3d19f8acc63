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
	recipientsField(`The phone numbers to send the text to. ${RECIPIENTS_FORMATS} More than 1,000 numbers are split into several requests.`),
	messageField(),
	additionalFields([
		batchItemsOption(
			'Whether to send all input items that share sender, text and send time in one request carrying all their recipients (up to 1,000 per request) instead of one request per item. Every item still gets its outbox ID. Numbers repeated across those items get the SMS once.',
		),
		...safetyOptions,
		sendTimeOption,
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['send'], operation: ['webservice'] } }, properties);

/** One text from one sender to many numbers: requests of at most 1,000 recipients, each carrying the items whose numbers it holds. */
function requestsFor(group: TextSend[]): SendRequest[] {
	const [{ from, message, sendTime }] = group;
	const recipients = [...new Set(group.flatMap((send) => send.recipients))];
	return chunk(recipients, MAX_RECIPIENTS_PER_REQUEST).map((numbers) => {
		const inChunk = new Set(numbers);
		return {
			body: withSendTime({ sending_type: 'webservice', from_number: from, message, params: { recipients: numbers } }, sendTime),
			items: group.filter((send) => send.recipients.some((number) => inChunk.has(number))).map((send) => send.itemIndex),
		};
	});
}

export const planner: SendPlanner = {
	async plan(this: IExecuteFunctions, itemIndex: number): Promise<ItemSend> {
		const send = planTextSend.call(this, itemIndex, 'webservice', ({ from, message, sendTime }) => [from, message, sendTime]);
		send.requests = requestsFor([send]);
		return send;
	},
	merge: (group) => requestsFor(group as TextSend[]),
};

export async function executeBatch(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runSends.call(this, items, planner);
}
