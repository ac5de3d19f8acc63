import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { apiRequest } from '../../transport';
import { patternDetailsField, patternMessageField, readPatternBody, variableTypesField } from './patternBody';
import { shapePatternRow } from './shapePattern';

const properties: INodeProperties[] = [patternMessageField, variableTypesField, patternDetailsField];

export const description = updateDisplayOptions({ show: { resource: ['pattern'], operation: ['create'] } }, properties);

/** `POST /api/user/pattern`: the new pattern (pending until IPPanel approves it). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const body = readPatternBody.call(this, itemIndex);
	const { data } = await apiRequest.call(this, 'POST', '/api/user/pattern', { body, itemIndex });
	return [shapePatternRow((data ?? {}) as IDataObject)];
}
