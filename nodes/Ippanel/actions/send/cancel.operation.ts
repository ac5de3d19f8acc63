import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { apiRequest } from '../../transport';
import { bulkIdField, readBulkId } from '../common/bulkId';

const properties: INodeProperties[] = [
	bulkIdField(
		'The outbox message ID of the scheduled send: message_outbox_id in the output of a send operation, or bulk_id in reports',
	),
];

export const description = updateDisplayOptions({ show: { resource: ['send'], operation: ['cancel'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const bulkId = Number(readBulkId.call(this, itemIndex));
	// IPPanel documents message_outbox_id as an integer here.
	const { meta } = await apiRequest.call(this, 'POST', '/api/send/cancel', { body: { message_outbox_id: bulkId }, itemIndex });
	return [{ message_outbox_id: bulkId, cancelled: true, api_message: meta.message ?? null }];
}
