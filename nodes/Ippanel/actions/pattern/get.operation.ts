import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { outputOptions, rowMapper } from '../../helpers/listing';
import { readPatternCode, requestPattern } from './patternCode';
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
	const data = await requestPattern(this, readPatternCode(this, itemIndex), itemIndex);
	return rowMapper(this, itemIndex, shapePatternRow)((data ?? {}) as IDataObject);
}
