import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../helpers/errors';
import { readIdList } from '../../helpers/parameters';

/** IPPanel's documented maximum length of a phonebook title. */
const MAX_TITLE = 200;

/** A phonebook title, trimmed and at most 200 characters. */
export function readTitle(this: IExecuteFunctions, parameter: string, itemIndex: number, value: string): string {
	const title = value.trim();
	if (title.length > MAX_TITLE) {
		throw parameterError(
			this.getNode(),
			{ parameter, itemIndex },
			`The title has ${title.length} characters; IPPanel takes at most ${MAX_TITLE}`,
			'Shorten the title.',
		);
	}
	return title;
}

/** Custom-field ids (a list or comma-separated text), or undefined when the parameter is not set. */
export function readFieldIds(this: IExecuteFunctions, parameter: string, itemIndex: number): string[] | undefined {
	const value = this.getNodeParameter(parameter, itemIndex, []) as unknown;
	if (value === undefined || value === null || (Array.isArray(value) && !value.length) || String(value).trim() === '') return undefined;
	return readIdList(this.getNode(), value, { parameter, itemIndex }, {
		notOne: 'Not a custom field ID',
		none: 'No custom field IDs given',
		hint: 'Custom field IDs are numbers such as 1234, separated by commas.',
	});
}

/** `customFieldIds`: the custom fields a phonebook carries. */
export function customFieldIdsField(description: string): INodeProperties {
	return {
		displayName: 'Custom Field Names or IDs',
		name: 'customFieldIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getCustomFields' },
		default: [],
		description: `${description} Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>`,
	};
}
