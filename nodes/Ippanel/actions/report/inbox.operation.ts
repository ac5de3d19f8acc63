import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { shapeInboxRow } from '../../helpers/reportShapes';
import { filtersField, limitField, listRows, listOptions, returnAllField } from '../common/list';

/** IPPanel documents no maximum for `per_page` here; the pager follows `last_page` either way. */
const MAX_PAGE_SIZE = 100;

const properties: INodeProperties[] = [
	returnAllField,
	limitField,
	filtersField([
		{
			displayName: 'After Message ID',
			name: 'from_id',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: 'Only messages received after the one with this ID (messages_inbox_id), e.g. the last one already handled',
		},
	]),
	listOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['report'], operation: ['inbox'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const { from_id: fromId } = this.getNodeParameter('filters', itemIndex, {}) as { from_id?: number | string };
	const filters: IDataObject = {};
	if (fromId !== undefined && fromId !== '') {
		const id = Number(fromId);
		if (!Number.isInteger(id) || id < 0) {
			throw new NodeOperationError(this.getNode(), `Filter "After Message ID" is not a message ID: ${String(fromId)}`, {
				itemIndex,
				description: 'Give a messages_inbox_id (a whole number), or remove the filter.',
			});
		}
		filters.from_id = id;
	}
	const body = Object.keys(filters).length ? { filters } : {};
	return await listRows.call(this, itemIndex, {
		request: { method: 'POST', endpoint: '/api/report/messages-inbox', body, pageIn: 'body', sizeParam: 'per_page' },
		maxPageSize: MAX_PAGE_SIZE,
		shape: shapeInboxRow,
		// New messages arriving while paging shift the newest-first pages.
		newestFirstId: 'messages_inbox_id',
	});
}
