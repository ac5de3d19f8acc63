import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	audienceRow,
	checkSizes,
	countJob,
	jobCategoryField,
	jobFiltersField,
	jobSubCategoryField,
	readJob,
	requestedRow,
	type LookupCache,
} from '../audience/criteria';
import { operatorList } from './bankFilters';
import {
	additionalFields,
	fromNumberField,
	messageField,
	readFromNumber,
	readMessage,
	readSendTime,
	safetyOptions,
	sendTimeOption,
	withSendTime,
} from './fields';
import type { ItemSend, PlanCache, SendPlanner } from './plan';
import { runSends } from './runSends';

const properties: INodeProperties[] = [
	fromNumberField,
	messageField(),
	jobCategoryField,
	jobSubCategoryField,
	jobFiltersField,
	additionalFields([...safetyOptions, sendTimeOption]),
];

export const description = updateDisplayOptions({ show: { resource: ['send'], operation: ['job'] } }, properties);

/** IPPanel's job send (`sending_type: job`): one `params` entry, an `operator` block per size set. */
export const planner: SendPlanner = {
	async plan(this: IExecuteFunctions, itemIndex: number, cache: PlanCache): Promise<ItemSend> {
		const from = readFromNumber.call(this, itemIndex);
		const { text } = readMessage.call(this, itemIndex);
		const job = await readJob.call(this, itemIndex, cache as LookupCache);
		const audience = await countJob.call(this, job, itemIndex, cache as LookupCache);
		checkSizes.call(this, job.operators, audience, 'jobFilters', itemIndex);

		const entry: IDataObject = { main_category_id: job.categoryId };
		if (job.subCategoryId !== undefined) entry.sub_category_id = job.subCategoryId;
		if (job.operators.total !== undefined) entry.operator = operatorList(job.operators);
		const body: IDataObject = { sending_type: 'job', from_number: from, message: text, params: [entry] };

		const sized = job.operators.total;
		return {
			itemIndex,
			sendingType: 'job',
			recipients: [],
			unlistedRecipients: sized,
			audienceUnknown:
				sized === undefined
					? 'A job send without an operator size reaches every number of the category, a count not known for certain before sending: set Filters → MCI, Irancell or Other Operators Size'
					: undefined,
			texts: [{ from, text, recipients: sized ?? 0 }],
			dryRunDetails: {
				job: job.names.join(' › '),
				audience: audienceRow(audience),
				requested: requestedRow(job.operators),
			},
			requests: [{ body: withSendTime(body, readSendTime.call(this, itemIndex)), items: [itemIndex] }],
		};
	},
};

export async function executeBatch(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runSends.call(this, items, planner);
}
