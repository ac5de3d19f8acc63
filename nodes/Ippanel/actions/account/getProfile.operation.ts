import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { apiRequest } from '../../transport';

const properties: INodeProperties[] = [];

export const description = updateDisplayOptions({ show: { resource: ['account'], operation: ['getProfile'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	// check_token answers with the profile of whoever the Authorization header belongs to.
	const { data } = await apiRequest.call(this, 'POST', '/api/acl/auth/check_token', { itemIndex });
	return [(data ?? {}) as IDataObject];
}
