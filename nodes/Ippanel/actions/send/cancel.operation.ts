import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { bulkIdProperty, readBulkId } from '../../helpers/bulkId';
import { apiRequest } from '../../transport';

export const option = {
	name: 'Cancel Scheduled',
	value: 'cancel',
	action: 'Cancel a scheduled SMS',
	description: 'Cancel a send scheduled with Send Time, by its outbox message ID, at least 5 minutes before it goes out',
};

export const description: INodeProperties[] = [
	bulkIdProperty(
		'The outbox message ID of the scheduled send: message_outbox_id in the output of a send operation, or bulk_id in reports',
	),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const bulkId = Number(readBulkId(this, itemIndex));
	// IPPanel documents message_outbox_id as an integer here.
	const { meta } = await apiRequest.call(this, 'POST', '/api/send/cancel', { body: { message_outbox_id: bulkId }, itemIndex });
	return { message_outbox_id: bulkId, cancelled: true, api_message: meta.message ?? null };
}
