import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { apiRequest } from '../../transport';
import { fromNumberField, messageField, readFromNumber, readMessage } from './fields';

export const option = {
	name: 'Estimate Price',
	value: 'estimatePrice',
	action: 'Estimate the price of an SMS',
	description:
		'Ask IPPanel what one SMS of this text from this sender costs per recipient (MCI and other networks, in Rials) and how many parts it takes. Sends nothing.',
};

export const description: INodeProperties[] = [fromNumberField, messageField()];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const from = readFromNumber.call(this, itemIndex);
	const { text, estimate } = readMessage.call(this, itemIndex);
	const { data } = await apiRequest.call(this, 'POST', '/api/send/calculate-price', {
		body: { number: from, message: text },
		itemIndex,
	});
	const price = (data ?? {}) as IDataObject;
	return {
		from_number: from,
		mci_price: Number(price.mci_price),
		other_price: Number(price.other_price),
		parts: Number(price.parts),
		characters: estimate.characters,
		encoding: estimate.encoding,
	};
}
