import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../helpers/errors';

/** `bulkId`: the outbox message id (`messages_outbox_id` / `bulk_id`) a report or a cancel is about. */
export function bulkIdField(description: string): INodeProperties {
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
export function readBulkId(this: IExecuteFunctions, itemIndex: number): string {
	const value = this.getNodeParameter('bulkId', itemIndex, '') as string | number;
	const bulkId = String(value ?? '').trim();
	if (!/^\d+$/.test(bulkId)) {
		throw parameterError(
			this.getNode(),
			{ parameter: 'bulkId', itemIndex },
			bulkId ? `Bulk ID "${bulkId}" is not a message ID` : 'Bulk ID is empty',
			'Set Bulk ID to the numeric outbox message ID (messages_outbox_id / bulk_id), e.g. from the output of a send or of Report → List.',
			{ nothingSent: false },
		);
	}
	return bulkId;
}
