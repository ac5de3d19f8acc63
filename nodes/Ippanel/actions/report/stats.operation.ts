import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { bulkIdProperty, readBulkId } from '../../helpers/bulkId';
import { flattenStats } from '../../helpers/reportShapes';
import { apiRequest } from '../../transport';

export const option = {
	name: 'Get Stats',
	value: 'stats',
	action: 'Get delivery stats of an outbox message',
	description: 'Count sent, delivered, failed, pending and blacklisted recipients of a message, per operator and in total',
};

export const description: INodeProperties[] = [
	bulkIdProperty('The outbox message ID (messages_outbox_id) whose delivery counts to get'),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const bulkId = readBulkId(this, itemIndex);
	const { data } = await apiRequest.call(this, 'GET', '/api/report/bulk_stats', { qs: { bulk_id: bulkId }, itemIndex });
	return flattenStats(bulkId, data as IDataObject | null);
}
