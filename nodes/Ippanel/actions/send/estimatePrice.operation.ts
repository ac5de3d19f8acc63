import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { apiRequest } from '../../transport';
import { fromNumberField, messageField, readFromNumber, readMessage } from './fields';

const properties: INodeProperties[] = [fromNumberField, messageField()];

export const description = updateDisplayOptions({ show: { resource: ['send'], operation: ['estimatePrice'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const from = readFromNumber.call(this, itemIndex);
	const { text, estimate } = readMessage.call(this, itemIndex);
	const { data } = await apiRequest.call(this, 'POST', '/api/send/calculate-price', {
		body: { number: from, message: text },
		itemIndex,
	});
	const price = (data ?? {}) as IDataObject;
	return [
		{
			from_number: from,
			mci_price: Number(price.mci_price),
			other_price: Number(price.other_price),
			parts: Number(price.parts),
			characters: estimate.characters,
			encoding: estimate.encoding,
		},
	];
}
