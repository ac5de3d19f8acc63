import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { listProperties, listRows } from '../../helpers/listing';
import { OUTBOX_STATES, shapeOutboxRow } from '../../helpers/reportShapes';
import { parseDateTime } from '../../helpers/sendTime';

export const option = {
	name: 'Get Many',
	value: 'list',
	action: 'Get many outbox messages',
	description: 'List sent messages (one item per outbox entry), with filters by date, sender, state and text',
};

/** The largest page asked for; the pager follows the API's `last_page`, so a lower server cap still works. */
const MAX_PAGE_SIZE = 100;

/** The date filters: picked in the workflow's time zone, sent as Unix-seconds strings. */
const DATE_FILTERS: Array<[name: string, displayName: string, description: string]> = [
	['create_from_date', 'Created After', 'Only messages created at or after this time'],
	['create_to_date', 'Created Before', 'Only messages created at or before this time'],
	['send_from_date', 'Sent After', 'Only messages sent (or scheduled) at or after this time'],
	['send_to_date', 'Sent Before', 'Only messages sent (or scheduled) at or before this time'],
];
const DATE_RANGES: Array<[from: string, to: string]> = [
	['create_from_date', 'create_to_date'],
	['send_from_date', 'send_to_date'],
];

const STATE_DESCRIPTIONS: Record<number, string> = {
	0: 'Being created',
	1: 'Created, waiting in the review (monitoring) queue',
	2: 'Being sent',
	3: 'Rejected by the review (monitoring) system',
	4: 'Recipients wrong or not valid',
	5: 'In the send queue',
	6: 'Sent',
	7: 'Canceled',
	8: 'Not sent: insufficient credit',
	9: 'Not sent: system error',
};

/** Named as IPPanel's `filters` fields, listed by display name. */
const filterOptions: INodeProperties[] = [
	...DATE_FILTERS.map(
		([name, displayName, text]): INodeProperties => ({
			displayName,
			name,
			type: 'dateTime',
			default: '',
			description: `${text}, in the workflow's time zone`,
		}),
	),
	{
		displayName: 'Message Contains',
		name: 'message',
		type: 'string',
		default: '',
		description: 'Only messages whose text contains this',
	},
	{
		displayName: 'Bulk ID',
		name: 'messages_outbox_id',
		type: 'string',
		default: '',
		description: 'Only the outbox message with this ID',
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
		displayName: 'Max Recipients Sent',
		name: 'to_exit_count',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 100,
		description: 'Only messages that went out to at most this many recipients (exit count)',
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
		displayName: 'State',
		name: 'state_id',
		type: 'options',
		default: '6',
		options: Object.entries(OUTBOX_STATES).map(([id, word]) => ({
			name: word
				.split('_')
				.map((part) => part[0].toUpperCase() + part.slice(1))
				.join(' '),
			value: id,
			description: STATE_DESCRIPTIONS[Number(id)],
		})),
		description: 'Only messages in this state',
	},
	{
		displayName: 'Username',
		name: 'username',
		type: 'string',
		default: '',
		description: 'Only messages of this (sub-)user; * matches any',
	},
];

export const description: INodeProperties[] = listProperties(
	[...filterOptions].sort((a, b) => a.displayName.localeCompare(b.displayName)),
);

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
function wireFilters(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const timeZone = context.getTimezone();
	const wire: IDataObject = {};
	const seconds: Record<string, number> = {};
	for (const [name, value] of Object.entries(filters)) {
		if (value === '' || value === null || value === undefined) continue;
		const dateFilter = DATE_FILTERS.find(([dateName]) => dateName === name);
		if (dateFilter) {
			const unix = unixSeconds(value, timeZone);
			if (unix === undefined) {
				throw new NodeOperationError(context.getNode(), `Filter "${dateFilter[1]}" is not a date: ${String(value)}`, {
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
		throw new NodeOperationError(context.getNode(), `Filter "Bulk ID" is not a message ID: ${String(wire.messages_outbox_id)}`, {
			itemIndex,
			description: 'Give the numeric outbox message ID, or remove the filter.',
		});
	}
	for (const [from, to] of DATE_RANGES) {
		if (seconds[from] !== undefined && seconds[to] !== undefined && seconds[from] > seconds[to]) {
			const names = DATE_FILTERS.filter(([name]) => name === from || name === to).map(([, displayName]) => displayName);
			throw new NodeOperationError(context.getNode(), `Filter "${names[0]}" is later than "${names[1]}"`, {
				itemIndex,
				description: 'Swap the two dates: the range would match nothing.',
			});
		}
	}
	return wire;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = wireFilters(this, itemIndex);
	const body = Object.keys(filters).length ? { filters } : {};
	return await listRows(this, itemIndex, {
		request: { method: 'POST', endpoint: '/api/report/new_list', body, pageIn: 'body', sizeParam: 'limit' },
		maxPageSize: MAX_PAGE_SIZE,
		shape: shapeOutboxRow,
		// Sends made while paging shift the newest-first pages.
		newestFirstId: 'messages_outbox_id',
	});
}
