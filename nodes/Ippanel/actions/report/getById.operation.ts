import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { bulkIdProperty, readBulkId } from '../../helpers/bulkId';
import { outputOptions, rowMapper } from '../../helpers/listing';
import { shapeOutboxRow } from '../../helpers/reportShapes';
import { apiRequest } from '../../transport';

export const option = {
	name: 'Get',
	value: 'getById',
	action: 'Get an outbox message',
	description: 'Get one sent message (outbox entry) by its ID',
};

export const description: INodeProperties[] = [
	bulkIdProperty('The outbox message ID (messages_outbox_id), as returned by a send or Report → Get Many'),
	outputOptions(),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const bulkId = readBulkId(this, itemIndex);
	const { data } = await apiRequest.call(this, 'GET', '/api/report/by_bulk', {
		qs: { messages_outbox_id: bulkId },
		itemIndex,
	});
	return rowMapper(this, itemIndex, shapeOutboxRow)((data ?? {}) as IDataObject);
}
