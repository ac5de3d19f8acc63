import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** Where a value came from, for the error that names it. */
export interface ParameterAt {
	parameter: string;
	itemIndex: number;
}

/**
 * A text parameter's value. Numbers are taken as text; an object or array (an expression such as
 * `{{ $json }}` that gives the whole item) is refused rather than sent as "[object Object]".
 */
export function asText(node: INode, value: unknown, { parameter, itemIndex }: ParameterAt): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'object' && !(value instanceof Date)) {
		throw new NodeOperationError(
			node,
			`Expected text but got ${Array.isArray(value) ? 'a list' : 'an object'} (parameter "${parameter}", item ${itemIndex})`,
			{
				itemIndex,
				description:
					'The expression gives a whole object: pick the field that holds the text, for example {{ $json.mobile }} rather than {{ $json }}. Nothing was sent to IPPanel.',
			},
		);
	}
	return String(value);
}

/** A count, position or limit: a whole number not below `min`. n8n does not enforce `minValue` on expressions. */
export function asWholeNumber(node: INode, value: unknown, { parameter, itemIndex, min }: ParameterAt & { min: number }): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < min) {
		throw new NodeOperationError(
			node,
			`Expected a whole number of at least ${min}, got ${JSON.stringify(value) ?? String(value)} (parameter "${parameter}", item ${itemIndex})`,
			{ itemIndex, description: `Set ${parameter} to a whole number such as ${min + 10}. Nothing was sent to IPPanel.` },
		);
	}
	return number;
}
