import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { shapeOutboxRow } from '../../helpers/reportShapes';
import { apiRequest } from '../../transport';
import { bulkIdField, readBulkId } from '../common/bulkId';
import { outputOptions, rowMapper } from '../common/list';

const properties: INodeProperties[] = [
	bulkIdField('The outbox message ID (messages_outbox_id), as returned by a send or Report → Get Many'),
	outputOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['report'], operation: ['getById'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const bulkId = readBulkId.call(this, itemIndex);
	const { data } = await apiRequest.call(this, 'GET', '/api/report/by_bulk', {
		qs: { messages_outbox_id: bulkId },
		itemIndex,
	});
	return [rowMapper.call(this, itemIndex, shapeOutboxRow)((data ?? {}) as IDataObject)];
}
