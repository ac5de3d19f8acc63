import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { bulkIdProperty, readBulkId } from '../../helpers/bulkId';
import { returnAllOrLimit } from '../../helpers/description';
import { outputOptions, pageSizeFor, rowLimit, rowMapper } from '../../helpers/listing';
import { RECIPIENT_STATUS, shapeRecipientRow } from '../../helpers/reportShapes';
import { apiRequestAllItems } from '../../transport';

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
	...returnAllOrLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Status',
				name: 'status',
				type: 'multiOptions',
				default: [],
				options: Object.values(RECIPIENT_STATUS).map((word) => ({ name: STATUS_NAMES[word], value: word })),
				description: 'Only recipients in one of these delivery states (filtered while paging: every page is still read)',
			},
		],
	},
	outputOptions(),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const bulkId = readBulkId(this, itemIndex);
	const limit = rowLimit(this, itemIndex);
	const statuses = this.getNodeParameter('filters.status', itemIndex, []) as string[];
	const wanted = statuses.length ? new Set(statuses) : undefined;
	// Each row names its bulk, so rows of several bulks can share one sheet or CSV.
	const bulk = Number(bulkId);
	const toItem = rowMapper(this, itemIndex, (row) => ({ bulk_id: bulk, ...shapeRecipientRow(row) }));
	const pagination = {
		method: 'GET' as const,
		endpoint: '/api/report/recipients',
		qs: { bulk_id: bulkId },
		pageIn: 'qs' as const,
		sizeParam: 'per_page' as const,
		pageSize: pageSizeFor(MAX_PAGE_SIZE, limit, wanted !== undefined),
	};
	return await apiRequestAllItems.call(this, pagination, {
		limit,
		itemIndex,
		map: (row) => {
			const item = toItem(row);
			return !wanted || wanted.has(item.status as string) ? item : undefined;
		},
	});
}
