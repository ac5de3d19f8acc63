import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { outputOptions, rowMapper } from '../common/list';
import { readPatternCode, requestPattern } from './patternCode';
import { shapePatternRow } from './shapePattern';

const properties: INodeProperties[] = [
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
	outputOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['pattern'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const data = await requestPattern.call(this, readPatternCode.call(this, itemIndex), itemIndex);
	return [rowMapper.call(this, itemIndex, shapePatternRow)((data ?? {}) as IDataObject)];
}
