import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** `bulkId`: the outbox message id (`messages_outbox_id` / `bulk_id`) a report or a cancel is about. */
export function bulkIdProperty(description: string): INodeProperties {
	return {
		displayName: 'Bulk ID',
		name: 'bulkId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 1100972179',
		description,
	};
}

/** The `bulkId` of an item as digits, or an error naming the parameter and item. */
export function readBulkId(context: IExecuteFunctions, itemIndex: number): string {
	const value = context.getNodeParameter('bulkId', itemIndex, '') as string | number;
	const bulkId = String(value ?? '').trim();
	if (!/^\d+$/.test(bulkId)) {
		throw new NodeOperationError(
			context.getNode(),
			bulkId ? `Bulk ID "${bulkId}" is not a message ID` : 'Bulk ID is empty',
			{
				itemIndex,
				description:
					'Set Bulk ID to the numeric outbox message ID (messages_outbox_id / bulk_id), e.g. from the output of a send or of Report → List.',
			},
		);
	}
	return bulkId;
}
