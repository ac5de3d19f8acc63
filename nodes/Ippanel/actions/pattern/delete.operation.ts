import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { apiRequest } from '../../transport';
import { readPatternCode } from './patternCode';

const properties: INodeProperties[] = [
	{
		displayName: 'Pattern Code Name or ID',
		name: 'patternCode',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getPatterns' },
		required: true,
		default: '',
		description:
			'The pattern to delete. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['pattern'], operation: ['delete'] } }, properties);

/** `DELETE /api/patterns/normal/{code}`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const code = readPatternCode.call(this, itemIndex);
	await apiRequest.call(this, 'DELETE', `/api/patterns/normal/${encodeURIComponent(code)}`, { itemIndex });
	return [{ pattern_code: code, deleted: true }];
}
