import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../helpers/errors';
import { asText } from '../../helpers/parameters';

/** The value types IPPanel's custom fields ("options") take. */
export const FIELD_TYPES = ['string', 'int', 'date'];

export const fieldTypeOptions: INodeProperties['options'] = [
	{ name: 'Date', value: 'date', description: 'A date such as 2025-05-20' },
	{ name: 'Number', value: 'int', description: 'A whole number' },
	{ name: 'Text', value: 'string', description: 'Any text' },
];

/** `customFieldId`: one custom field, from the account's list or an expression. */
export const customFieldIdField: INodeProperties = {
	displayName: 'Custom Field Name or ID',
	name: 'customFieldId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getCustomFields' },
	required: true,
	default: '',
	description:
		'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
};

export function readFieldTitle(this: IExecuteFunctions, parameter: string, itemIndex: number, value: unknown): string {
	const title = asText(this.getNode(), value, { parameter, itemIndex }).trim();
	if (!title) throw parameterError(this.getNode(), { parameter, itemIndex }, 'No title given', 'Give the custom field a title, for example "Amount owed".');
	return title;
}

export function readFieldType(this: IExecuteFunctions, parameter: string, itemIndex: number, value: unknown): string {
	const type = String(value ?? '').trim();
	if (!FIELD_TYPES.includes(type)) {
		throw parameterError(
			this.getNode(),
			{ parameter, itemIndex },
			`Unknown custom field type "${type}"`,
			'Use "string" (text), "int" (whole number) or "date".',
		);
	}
	return type;
}
