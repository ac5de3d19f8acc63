import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { apiRequest } from '../../transport';

export const option = {
	name: 'Get Credit',
	value: 'getCredit',
	action: 'Get account credit',
	description: 'Get the remaining credit of the IPPanel account',
};

export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { data } = await apiRequest.call(this, 'GET', '/api/payment/credit/mine', { itemIndex });
	const credit = (data ?? {}) as IDataObject;
	return { ...credit, credit: Number(credit.credit) };
}
