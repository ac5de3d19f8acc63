import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { apiRequest } from '../../transport';
import { patternCodeField, readPatternCode } from './patternCode';

const properties: INodeProperties[] = [patternCodeField];

export const description = updateDisplayOptions({ show: { resource: ['pattern'], operation: ['delete'] } }, properties);

/** `DELETE /api/patterns/normal/{code}`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const code = readPatternCode.call(this, itemIndex);
	await apiRequest.call(this, 'DELETE', `/api/patterns/normal/${encodeURIComponent(code)}`, { itemIndex });
	return [{ pattern_code: code, deleted: true }];
}
