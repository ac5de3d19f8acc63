import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { audienceRow, checkSizes, countJob, jobCategoryField, jobFiltersField, jobSubCategoryField, readJob, requestedRow } from './criteria';

const properties: INodeProperties[] = [jobCategoryField, jobSubCategoryField, jobFiltersField];

export const description = updateDisplayOptions({ show: { resource: ['audience'], operation: ['countJob'] } }, properties);

/** One item: the job category's numbers per operator, as IPPanel counts them. Sends nothing. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const cache = new Map<string, Promise<unknown>>();
	const job = await readJob.call(this, itemIndex, cache);
	const audience = await countJob.call(this, job, itemIndex, cache);
	const requested = requestedRow(job.operators);
	if (requested) checkSizes.call(this, job.operators, audience, 'jobFilters', itemIndex);
	return [
		{
			main_category_id: job.categoryId,
			sub_category_id: job.subCategoryId ?? null,
			job: job.names.join(' › '),
			...audienceRow(audience),
			...(requested ? { requested } : {}),
		},
	];
}
