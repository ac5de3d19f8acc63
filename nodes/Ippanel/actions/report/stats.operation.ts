import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { flattenStats } from '../../helpers/reportShapes';
import { apiRequest } from '../../transport';
import { bulkIdField, readBulkId } from '../common/bulkId';

const properties: INodeProperties[] = [
	bulkIdField('The outbox message ID (messages_outbox_id) whose delivery counts to get'),
];

export const description = updateDisplayOptions({ show: { resource: ['report'], operation: ['stats'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const bulkId = readBulkId.call(this, itemIndex);
	const { data } = await apiRequest.call(this, 'GET', '/api/report/bulk_stats', { qs: { bulk_id: bulkId }, itemIndex });
	return [flattenStats(bulkId, data as IDataObject | null)];
}
