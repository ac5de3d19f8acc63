import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { shapeRecipientRow } from '../../helpers/reportShapes';
import { bulkIdField, readBulkId } from '../common/bulkId';
import { filtersField, limitField, listRows, listOptions, returnAllField } from '../common/list';

/** The largest page asked for; the pager follows the API's `last_page`, so a lower server cap still works. */
const MAX_PAGE_SIZE = 1000;

const properties: INodeProperties[] = [
	bulkIdField('The outbox message ID (bulk_id) whose recipients to list'),
	returnAllField,
	limitField,
	filtersField([
		{
			displayName: 'Status',
			name: 'status',
			type: 'multiOptions',
			default: [],
			// The words shapeRecipientRow gives `message_status`.
			options: [
				{ name: 'Blacklisted', value: 'blacklisted' },
				{ name: 'Delivered', value: 'delivered' },
				{ name: 'Not Delivered', value: 'not_delivered' },
				{ name: 'Operator Received', value: 'operator_received' },
				{ name: 'Sent to Operator', value: 'sent_to_operator' },
			],
			description: 'Only recipients in one of these delivery states (filtered while paging: every page is still read)',
		},
	]),
	listOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['report'], operation: ['recipients'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const bulkId = readBulkId.call(this, itemIndex);
	const statuses = this.getNodeParameter('filters.status', itemIndex, []) as string[];
	const wanted = new Set(statuses);
	// Each row names its bulk, so rows of several bulks can share one sheet or CSV.
	const bulk = Number(bulkId);
	return await listRows.call(this, itemIndex, {
		request: { method: 'GET', endpoint: '/api/report/recipients', qs: { bulk_id: bulkId }, pageIn: 'qs', sizeParam: 'per_page' },
		maxPageSize: MAX_PAGE_SIZE,
		shape: (row) => ({ bulk_id: bulk, ...shapeRecipientRow(row) }),
		keep: wanted.size ? (item) => wanted.has(item.status as string) : undefined,
	});
}
