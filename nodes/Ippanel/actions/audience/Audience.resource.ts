import type { INodeProperties } from 'n8n-workflow';

import * as countJob from './countJob.operation';
import * as countRegion from './countRegion.operation';

export { countJob, countRegion };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['audience'] } },
		options: [
			{
				name: 'Count Job Audience',
				value: 'countJob',
				action: 'Count a job category audience',
				description: 'Count the numbers of a job category in IPPanel\'s bank, per operator, before a Send → By Job. Sends nothing.',
			},
			{
				name: 'Count Region Audience',
				value: 'countRegion',
				action: 'Count a region audience',
				description: 'Count the numbers of a city in IPPanel\'s region bank, per operator, filtered by gender, birth years and prefix, before a Send → By Region. Sends nothing.',
			},
		],
		default: 'countRegion',
	},
	...countJob.description,
	...countRegion.description,
];
