import type { INodeProperties } from 'n8n-workflow';

import * as getById from './getById.operation';
import * as inbox from './inbox.operation';
import * as list from './list.operation';
import * as recipients from './recipients.operation';
import * as stats from './stats.operation';

export { getById, inbox, list, recipients, stats };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['report'] } },
		options: [
			{
				name: 'Get',
				value: 'getById',
				action: 'Get an outbox message',
				description: 'Get one sent message (outbox entry) by its ID',
			},
			{
				name: 'Get Inbox',
				value: 'inbox',
				action: 'Get received messages',
				description: 'List SMS received on the account lines, newest first (one item per message)',
			},
			{
				name: 'Get Many',
				value: 'list',
				action: 'Get many outbox messages',
				description: 'List sent messages (one item per outbox entry), with filters by date, sender, state and text',
			},
			{
				name: 'Get Recipients',
				value: 'recipients',
				action: 'Get the recipients of an outbox message',
				description: 'List every recipient of a message with its delivery status (one item per recipient)',
			},
			{
				name: 'Get Stats',
				value: 'stats',
				action: 'Get delivery stats of an outbox message',
				description: 'Count sent, delivered, failed, pending and blacklisted recipients of a message, per operator and in total',
			},
		],
		default: 'list',
	},
	...getById.description,
	...inbox.description,
	...list.description,
	...recipients.description,
	...stats.description,
];
