import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { apiRequest } from '../../transport';
import { patternDetailsField, patternMessageField, readPatternBody, variableTypesField } from './patternBody';
import { patternCodeField, readPatternCode } from './patternCode';
import { shapePatternRow } from './shapePattern';

const properties: INodeProperties[] = [
	patternCodeField,
	patternMessageField,
	variableTypesField,
	patternDetailsField,
];

export const description = updateDisplayOptions({ show: { resource: ['pattern'], operation: ['update'] } }, properties);

/** `PUT /api/patterns/normal/{code}` with the whole pattern (IPPanel requires every field again). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const code = readPatternCode.call(this, itemIndex);
	const body = readPatternBody.call(this, itemIndex);
	const { data } = await apiRequest.call(this, 'PUT', `/api/patterns/normal/${encodeURIComponent(code)}`, { body, itemIndex });
	return [shapePatternRow((data ?? { pattern_code: code }) as IDataObject)];
}
