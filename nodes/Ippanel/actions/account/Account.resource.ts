import type { INodeProperties } from 'n8n-workflow';

import * as getCredit from './getCredit.operation';
import * as getProfile from './getProfile.operation';

export { getCredit, getProfile };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] } },
		options: [
			{
				name: 'Get Credit',
				value: 'getCredit',
				action: 'Get account credit',
				description: 'Get the remaining credit of the IPPanel account',
			},
			{
				name: 'Get Profile',
				value: 'getProfile',
				action: 'Get account profile',
				description: 'Get the user name, user ID and send/document blocks of the account the credential belongs to',
			},
		],
		default: 'getCredit',
	},
	...getCredit.description,
	...getProfile.description,
];
