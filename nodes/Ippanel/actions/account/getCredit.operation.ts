import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { apiRequest } from '../../transport';

const properties: INodeProperties[] = [];

export const description = updateDisplayOptions({ show: { resource: ['account'], operation: ['getCredit'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const { data } = await apiRequest.call(this, 'GET', '/api/payment/credit/mine', { itemIndex });
	const credit = (data ?? {}) as IDataObject;
	return [{ ...credit, credit: Number(credit.credit) }];
}
