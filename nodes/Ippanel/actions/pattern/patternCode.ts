import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { asText } from '../../helpers/parameters';
import { apiRequest } from '../../transport';

/**
 * The `patternCode` parameter (Pattern → Get, Send → Send Pattern), trimmed; an empty one is
 * refused before any request. `hint` ends the error's description.
 */
export function readPatternCode(context: IExecuteFunctions, itemIndex: number, hint = ''): string {
	const value = context.getNodeParameter('patternCode', itemIndex, '');
	const code = asText(context.getNode(), value, { parameter: 'patternCode', itemIndex }).trim();
	if (!code) {
		throw new NodeOperationError(context.getNode(), `No pattern chosen (parameter "patternCode", item ${itemIndex})`, {
			itemIndex,
			description: `Choose a pattern of the account from the list, or give its code (as shown in the IPPanel panel).${hint}`,
		});
	}
	return code;
}

/** `GET /api/patterns/{code}`: the pattern's `data` as IPPanel answers it. */
export async function requestPattern(context: IExecuteFunctions, code: string, itemIndex: number): Promise<IDataObject | IDataObject[] | null> {
	const { data } = await apiRequest.call(context, 'GET', `/api/patterns/${encodeURIComponent(code)}`, { itemIndex });
	return (data ?? null) as IDataObject | IDataObject[] | null;
}
