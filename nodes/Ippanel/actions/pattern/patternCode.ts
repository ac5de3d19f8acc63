import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../helpers/errors';
import { asText } from '../../helpers/parameters';
import { apiRequest } from '../../transport';

/**
 * The `patternCode` parameter (Pattern → Get, Send → Send Pattern), trimmed; an empty one is
 * refused before any request. `nothingSent`: whether the error says nothing was sent.
 */
export function readPatternCode(this: IExecuteFunctions, itemIndex: number, { nothingSent = false } = {}): string {
	const at = { parameter: 'patternCode', itemIndex };
	const code = asText(this.getNode(), this.getNodeParameter('patternCode', itemIndex, ''), at).trim();
	if (!code) {
		throw parameterError(
			this.getNode(),
			at,
			'No pattern chosen',
			'Choose a pattern of the account from the list, or give its code (as shown in the IPPanel panel).',
			{ nothingSent },
		);
	}
	return code;
}

/** `GET /api/patterns/{code}`: the pattern's `data` as IPPanel answers it. */
export async function requestPattern(this: IExecuteFunctions, code: string, itemIndex: number): Promise<IDataObject | IDataObject[] | null> {
	const { data } = await apiRequest.call(this, 'GET', `/api/patterns/${encodeURIComponent(code)}`, { itemIndex });
	return (data ?? null) as IDataObject | IDataObject[] | null;
}

/** The pattern dropdown (`patternCode`) of Pattern → Update and Delete. */
export const patternCodeField: INodeProperties = {
	displayName: 'Pattern Code Name or ID',
	name: 'patternCode',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getPatterns' },
	required: true,
	default: '',
	description:
		'The pattern to change or delete, by its code. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};
