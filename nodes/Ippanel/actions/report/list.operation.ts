import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { shapeOutboxRow } from '../../helpers/reportShapes';
import { parseDateTime } from '../../helpers/sendTime';
import { filtersField, limitField, listRows, listOptions, returnAllField } from '../common/list';

/** The largest page asked for; the pager follows the API's `last_page`, so a lower server cap still works. */
const MAX_PAGE_SIZE = 100;

/** The date filters (picked in the workflow's time zone, sent as Unix-seconds strings), by display name. */
const DATE_FILTERS: Record<string, string> = {
	create_from_date: 'Created After',
	create_to_date: 'Created Before',
	send_from_date: 'Sent After',
	send_to_date: 'Sent Before',
};
const DATE_RANGES: Array<[from: string, to: string]> = [
	['create_from_date', 'create_to_date'],
	['send_from_date', 'send_to_date'],
];

const properties: INodeProperties[] = [
	returnAllField,
	limitField,
	// Named as IPPanel's `filters` fields.
	filtersField([
		{
			displayName: 'Bulk ID',
			name: 'messages_outbox_id',
			type: 'string',
			default: '',
			description: 'Only the outbox message with this ID',
		},
		{
			displayName: 'Created After',
			name: 'create_from_date',
			type: 'dateTime',
			default: '',
			description: "Only messages created at or after this time, in the workflow's time zone",
		},
		{
			displayName: 'Created Before',
			name: 'create_to_date',
			type: 'dateTime',
			default: '',
			description: "Only messages created at or before this time, in the workflow's time zone",
		},
		{
			displayName: 'Max Recipients Sent',
			name: 'to_exit_count',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 100,
			description: 'Only messages that went out to at most this many recipients (exit count)',
		},
		{
			displayName: 'Message Contains',
			name: 'message',
			type: 'string',
			default: '',
			description: 'Only messages whose text contains this',
		},
		{
			displayName: 'Min Recipients Sent',
			name: 'from_exit_count',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: 'Only messages that went out to at least this many recipients (exit count)',
		},
		{
			displayName: 'Sender Number',
			name: 'number',
			type: 'string',
			default: '',
			placeholder: '+983000505',
			description: 'Only messages sent from this line, in E.164 form',
		},
		{
			displayName: 'Sent After',
			name: 'send_from_date',
			type: 'dateTime',
			default: '',
			description: "Only messages sent (or scheduled) at or after this time, in the workflow's time zone",
		},
		{
			displayName: 'Sent Before',
			name: 'send_to_date',
			type: 'dateTime',
			default: '',
			description: "Only messages sent (or scheduled) at or before this time, in the workflow's time zone",
		},
		{
			displayName: 'State',
			name: 'state_id',
			type: 'options',
			default: '6',
			// The `state_id` values IPPanel documents for the outbox list, in their order.
			options: [
				{ name: 'Creating', value: '0', description: 'Being created' },
				{ name: 'In Review', value: '1', description: 'Created, waiting in the review (monitoring) queue' },
				{ name: 'Sending', value: '2', description: 'Being sent' },
				{ name: 'Rejected', value: '3', description: 'Rejected by the review (monitoring) system' },
				{ name: 'Invalid Recipients', value: '4', description: 'Recipients wrong or not valid' },
				{ name: 'Queued', value: '5', description: 'In the send queue' },
				{ name: 'Sent', value: '6' },
				{ name: 'Canceled', value: '7' },
				{ name: 'Insufficient Credit', value: '8', description: 'Not sent: insufficient credit' },
				{ name: 'System Error', value: '9', description: 'Not sent: system error' },
			],
			description: 'Only messages in this state',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			description: 'Only messages of this (sub-)user; * matches any',
		},
	]),
	listOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['report'], operation: ['list'] } }, properties);

/** Unix seconds for a date filter: a picked date-time, or Unix seconds / milliseconds from an expression. */
function unixSeconds(value: unknown, timeZone: string): number | undefined {
	if (typeof value === 'number' || (typeof value === 'string' && /^\d{9,13}$/.test(value.trim()))) {
		const number = Number(value);
		if (!Number.isFinite(number)) return undefined;
		return Math.floor(number < 1e11 ? number : number / 1000);
	}
	const date = parseDateTime(value, timeZone);
	return date && Math.floor(date.getTime() / 1000);
}

/** The `filters` object as IPPanel wants it: dates as Unix-seconds strings, state as an id string. */
function wireFilters(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const timeZone = this.getTimezone();
	const wire: IDataObject = {};
	const seconds: Record<string, number> = {};
	for (const [name, value] of Object.entries(filters)) {
		if (value === '' || value === null || value === undefined) continue;
		if (name in DATE_FILTERS) {
			const unix = unixSeconds(value, timeZone);
			if (unix === undefined) {
				throw new NodeOperationError(this.getNode(), `Filter "${DATE_FILTERS[name]}" is not a date: ${String(value)}`, {
					itemIndex,
					description: 'Pick a date in the date picker, or give an ISO date such as 2025-04-08T00:00:00 (or a DateTime) in the expression.',
				});
			}
			seconds[name] = unix;
			wire[name] = String(unix);
		} else if (name === 'state_id' || name === 'messages_outbox_id') {
			wire[name] = String(value).trim();
		} else {
			wire[name] = value;
		}
	}
	if (wire.messages_outbox_id !== undefined && !/^\d+$/.test(wire.messages_outbox_id as string)) {
		throw new NodeOperationError(this.getNode(), `Filter "Bulk ID" is not a message ID: ${String(wire.messages_outbox_id)}`, {
			itemIndex,
			description: 'Give the numeric outbox message ID, or remove the filter.',
		});
	}
	for (const [from, to] of DATE_RANGES) {
		if (seconds[from] !== undefined && seconds[to] !== undefined && seconds[from] > seconds[to]) {
			throw new NodeOperationError(this.getNode(), `Filter "${DATE_FILTERS[from]}" is later than "${DATE_FILTERS[to]}"`, {
				itemIndex,
				description: 'Swap the two dates: the range would match nothing.',
			});
		}
	}
	return wire;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = wireFilters.call(this, itemIndex);
	const body = Object.keys(filters).length ? { filters } : {};
	return await listRows.call(this, itemIndex, {
		request: { method: 'POST', endpoint: '/api/report/new_list', body, pageIn: 'body', sizeParam: 'limit' },
		maxPageSize: MAX_PAGE_SIZE,
		shape: shapeOutboxRow,
		// Sends made while paging shift the newest-first pages.
		newestFirstId: 'messages_outbox_id',
	});
}
