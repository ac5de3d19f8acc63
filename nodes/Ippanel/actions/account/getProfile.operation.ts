import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { apiRequest } from '../../transport';

export const option = {
	name: 'Get Profile',
	value: 'getProfile',
	action: 'Get account profile',
	description: 'Get the user name, user ID and send/document blocks of the account the credential belongs to',
};

export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	// check_token answers with the profile of whoever the Authorization header belongs to.
	const { data } = await apiRequest.call(this, 'POST', '/api/acl/auth/check_token', { itemIndex });
	return (data ?? {}) as IDataObject;
}
