import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { bulkIdProperty, readBulkId } from '../../helpers/bulkId';
import { listProperties, listRows } from '../../helpers/listing';
import { RECIPIENT_STATUS, shapeRecipientRow } from '../../helpers/reportShapes';

export const option = {
	name: 'Get Recipients',
	value: 'recipients',
	action: 'Get the recipients of an outbox message',
	description: 'List every recipient of a message with its delivery status (one item per recipient)',
};

/** The largest page asked for; the pager follows the API's `last_page`, so a lower server cap still works. */
const MAX_PAGE_SIZE = 1000;

const STATUS_NAMES: Record<string, string> = {
	sent_to_operator: 'Sent to Operator',
	operator_received: 'Operator Received',
	delivered: 'Delivered',
	not_delivered: 'Not Delivered',
	blacklisted: 'Blacklisted',
};

export const description: INodeProperties[] = [
	bulkIdProperty('The outbox message ID (bulk_id) whose recipients to list'),
	...listProperties([
		{
			displayName: 'Status',
			name: 'status',
			type: 'multiOptions',
			default: [],
			options: Object.values(RECIPIENT_STATUS).map((word) => ({ name: STATUS_NAMES[word], value: word })),
			description: 'Only recipients in one of these delivery states (filtered while paging: every page is still read)',
		},
	]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const bulkId = readBulkId(this, itemIndex);
	const statuses = this.getNodeParameter('filters.status', itemIndex, []) as string[];
	const wanted = new Set(statuses);
	// Each row names its bulk, so rows of several bulks can share one sheet or CSV.
	const bulk = Number(bulkId);
	return await listRows(this, itemIndex, {
		request: { method: 'GET', endpoint: '/api/report/recipients', qs: { bulk_id: bulkId }, pageIn: 'qs', sizeParam: 'per_page' },
		maxPageSize: MAX_PAGE_SIZE,
		shape: (row) => ({ bulk_id: bulk, ...shapeRecipientRow(row) }),
		keep: wanted.size ? (item) => wanted.has(item.status as string) : undefined,
	});
}
