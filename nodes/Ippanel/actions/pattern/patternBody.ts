import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../helpers/errors';
import { asText } from '../../helpers/parameters';
import { checkMessage } from '../../helpers/smsParts';

/** The fields of Pattern → Create and Update: the text, its variables' types, and the optional details. */

export const patternMessageField: INodeProperties = {
	displayName: 'Message',
	name: 'message',
	type: 'string',
	typeOptions: { rows: 4 },
	required: true,
	default: '',
	placeholder: 'Your login code is %code%',
	description:
		'The pattern text. Each %name% is a variable, filled in by Send Pattern: the variables are read from the text (type text unless set under Variable Types). IPPanel reviews the pattern before it can be sent.',
};

export const variableTypesField: INodeProperties = {
	displayName: 'Variable Types',
	name: 'variableTypes',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Variable Type',
	default: {},
	description: 'Types of the %name% variables of the text; a variable not listed here is text (string)',
	options: [
		{
			displayName: 'Variable',
			name: 'variable',
			values: [
				{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'The variable name as in the text, without % signs' },
				{
					displayName: 'Type',
					name: 'type',
					type: 'options',
					options: [
						{ name: 'Integer', value: 'integer' },
						{ name: 'String', value: 'string' },
					],
					default: 'integer',
				},
			],
		},
	],
};

export const patternDetailsField: INodeProperties = {
	displayName: 'Additional Fields',
	name: 'additionalFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	options: [
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			default: '',
			description: 'What the pattern is for, shown to IPPanel\'s reviewers (IPPanel requires one: the title, or else the start of the text, is sent when empty)',
		},
		{
			displayName: 'Shared With Sub-Users',
			name: 'isShared',
			type: 'boolean',
			default: false,
			description: 'Whether sub-users of the account may use the pattern too',
		},
		{ displayName: 'Title', name: 'title', type: 'string', default: '', description: 'A name for the pattern' },
		{ displayName: 'Website', name: 'website', type: 'string', default: '', placeholder: 'https://example.com', description: 'The website the pattern belongs to' },
	],
};

/** The `%name%` variables of a text, in order of first use. */
export function variablesOf(text: string): string[] {
	return [...new Set([...text.matchAll(/%([^%\s]+)%/g)].map((match) => match[1]))];
}

/** The create / update body: `variable` read from the text, types from Variable Types. */
export function readPatternBody(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const at = { parameter: 'message', itemIndex };
	const message = asText(this.getNode(), this.getNodeParameter('message', itemIndex, ''), at);
	if (!message.trim()) throw parameterError(this.getNode(), at, 'No pattern text given', 'Write the pattern text, with %name% for each variable.', { nothingSent: false });
	checkMessage(this.getNode(), message, at);
	const names = variablesOf(message);
	const { variable: typed = [] } = this.getNodeParameter('variableTypes', itemIndex, {}) as { variable?: Array<{ name?: string; type?: string }> };
	const types = new Map<string, string>();
	for (const { name, type } of typed) {
		const key = String(name ?? '').trim().replace(/^%|%$/g, '');
		if (!names.includes(key)) {
			throw parameterError(
				this.getNode(),
				{ parameter: 'variableTypes', itemIndex },
				`Variable Types names "${key}", which the text does not use`,
				`The text's variables are: ${names.length ? names.join(', ') : 'none'}. Write %${key || 'name'}% in the text or remove the entry.`,
				{ nothingSent: false },
			);
		}
		types.set(key, type === 'integer' ? 'integer' : 'string');
	}
	const details = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const title = String(details.title ?? '').trim();
	const body: IDataObject = {
		description: String(details.description ?? '').trim() || title || message.slice(0, 100),
		is_share: details.isShared === true,
		message,
		variable: names.map((name) => ({ name, type: types.get(name) ?? 'string' })),
	};
	if (title) body.title = title;
	const website = String(details.website ?? '').trim();
	if (website) body.website = website;
	return body;
}
