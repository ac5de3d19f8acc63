import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { outputOptions, rowMapper } from '../../helpers/listing';
import { asText } from '../../helpers/parameters';
import { apiRequest } from '../../transport';
import { shapePatternRow } from './shapePattern';

export const option = {
	name: 'Get',
	value: 'get',
	action: 'Get a pattern',
	description: 'Get one message pattern (template) with its text and variables',
};

export const description: INodeProperties[] = [
	{
		displayName: 'Pattern Code Name or ID',
		name: 'patternCode',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getPatterns' },
		required: true,
		default: '',
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	},
	outputOptions(),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const value = this.getNodeParameter('patternCode', itemIndex, '');
	const patternCode = asText(this.getNode(), value, { parameter: 'patternCode', itemIndex }).trim();
	if (!patternCode) {
		throw new NodeOperationError(this.getNode(), 'Pattern Code is empty', {
			itemIndex,
			description: 'Choose a pattern from the list, or give its code (as shown in the IPPanel panel).',
		});
	}
	const { data } = await apiRequest.call(this, 'GET', `/api/patterns/${encodeURIComponent(patternCode)}`, { itemIndex });
	return rowMapper(this, itemIndex, shapePatternRow)((data ?? {}) as IDataObject);
}
