import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { parameterError } from '../../helpers/errors';
import { toLatinDigits } from '../../helpers/parameters';
import { readPatternCode, requestPattern } from '../pattern/patternCode';
import {
	additionalFields,
	fromNumberField,
	readAdditionalFields,
	readFromNumber,
	readRecipients,
	readSendTime,
	recipientsField,
	RECIPIENTS_FORMATS,
	safetyOptions,
	sendTimeOption,
	withSendTime,
} from './fields';
import type { ItemSend, PlanCache, PricedText, SendPlanner } from './plan';
import { runSends } from './runSends';

const properties: INodeProperties[] = [
	fromNumberField,
	{
		displayName: 'Pattern Name or ID',
		name: 'patternCode',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getPatterns' },
		required: true,
		default: '',
		description:
			'The approved pattern to send, by its code. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	recipientsField(`The phone numbers to send the pattern to; each gets its own request. ${RECIPIENTS_FORMATS}`),
	{
		displayName: 'Pattern Variables',
		name: 'patternVariables',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Variable',
		default: {},
		description:
			'The values of the pattern\'s variables, by name without the % signs (a pattern "Your code is %code%" has the variable code). Values are sent as text. Leave empty for a pattern without variables.',
		options: [
			{
				displayName: 'Variable',
				name: 'variable',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'The variable name, for example code' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '', description: 'The text to put in its place' },
				],
			},
		],
	},
	additionalFields([
		{
			displayName: 'Contact Email',
			name: 'contactEmail',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			description: 'With Save to Phonebook: the email saved with the recipient',
		},
		{
			displayName: 'Contact Name',
			name: 'contactName',
			type: 'string',
			default: '',
			description: 'With Save to Phonebook: the name saved with the recipient',
		},
		{
			displayName: 'Contact Prefix',
			name: 'contactPrefix',
			type: 'string',
			default: '',
			placeholder: 'mr',
			description: 'With Save to Phonebook: the title saved with the recipient, for example mr or ms',
		},
		...safetyOptions,
		{
			displayName: 'Save to Phonebook Name or ID',
			name: 'saveToPhonebookId',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getPhonebooks' },
			default: '',
			description:
				'Also save the recipient into this phonebook (IPPanel\'s pattern send does it in the same request; a full phonebook only skips the saving). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		sendTimeOption,
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['send'], operation: ['pattern'] } }, properties);

/** The pattern's `params`: every value as a string, `{}` when there are none (IPPanel requires the field). */
function readVariables(this: IExecuteFunctions, itemIndex: number): Record<string, string> {
	const { variable = [] } = this.getNodeParameter('patternVariables', itemIndex, {}) as {
		variable?: Array<{ name?: string; value?: unknown }>;
	};
	const params: Record<string, string> = {};
	for (const { name, value } of variable) {
		const key = String(name ?? '').trim().replace(/^%|%$/g, '');
		if (!key) {
			throw parameterError(
				this.getNode(),
				{ parameter: 'patternVariables', itemIndex },
				'A pattern variable has no name',
				'Give every variable the name it has in the pattern, without % signs.',
			);
		}
		params[key] = value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
		// An expression that found nothing gives an empty value, and IPPanel sends the paid SMS with a gap.
		if (!params[key].trim()) {
			throw parameterError(
				this.getNode(),
				{ parameter: `patternVariables.${key}`, itemIndex },
				`The pattern variable "${key}" is empty`,
				`Give "${key}" a value: if it comes from an expression, the expression found nothing on this item (check the field it reads).`,
			);
		}
	}
	return params;
}

/** The `phonebook` object that also saves the recipient (IPPanel's pattern send), or undefined. */
function readPhonebookSave(this: IExecuteFunctions, itemIndex: number, fields: IDataObject): IDataObject | undefined {
	const id = toLatinDigits(String(fields.saveToPhonebookId ?? '')).trim();
	if (!id) return undefined;
	if (!/^\d{1,12}$/.test(id)) {
		throw parameterError(
			this.getNode(),
			{ parameter: 'additionalFields.saveToPhonebookId', itemIndex },
			`The phonebook ID "${id}" is not a number`,
			'Choose the phonebook from the list.',
		);
	}
	const phonebook: IDataObject = { id: Number(id) };
	for (const [field, key] of [['contactName', 'name'], ['contactPrefix', 'pre'], ['contactEmail', 'email']] as const) {
		const value = String(fields[field] ?? '').trim();
		if (value) phonebook[key] = value;
	}
	return phonebook;
}

/**
 * The text a pattern produces with these values, fetched once per execution and code. Only for a
 * dry run or a spending cap, which need the text to price it; it also checks every variable is given.
 */
async function patternText(
	this: IExecuteFunctions,
	code: string,
	params: Record<string, string>,
	{ itemIndex, cache }: { itemIndex: number; cache: PlanCache },
): Promise<string> {
	const key = `pattern:${code}`;
	if (!cache.has(key)) {
		cache.set(key, requestPattern.call(this, code, itemIndex));
	}
	const data = (await cache.get(key)) as IDataObject | IDataObject[] | null;
	const pattern = (Array.isArray(data) ? data[0] : data) ?? {};
	const delimiter = String(pattern.delimiter ?? '%') || '%';
	const names = ((pattern.variable as IDataObject[] | undefined) ?? []).map((variable) => String(variable.name));
	const missing = names.filter((name) => !(name in params));
	if (missing.length) {
		throw parameterError(
			this.getNode(),
			{ parameter: 'patternVariables', itemIndex },
			`Pattern ${code} needs the variable(s) ${missing.join(', ')}`,
			`Add ${missing.join(', ')} under Pattern Variables.`,
		);
	}
	let text = String(pattern.pattern_message ?? '');
	for (const [name, value] of Object.entries(params)) text = text.split(`${delimiter}${name}${delimiter}`).join(value);
	return text;
}

export const planner: SendPlanner = {
	async plan(this: IExecuteFunctions, itemIndex: number, cache: PlanCache): Promise<ItemSend> {
		const from = readFromNumber.call(this, itemIndex);
		const code = readPatternCode.call(this, itemIndex, { nothingSent: true });
		const recipients = readRecipients.call(this, itemIndex);
		const params = readVariables.call(this, itemIndex);
		const sendTime = readSendTime.call(this, itemIndex);
		const { dryRun, maxCost, saveToPhonebookId, contactName, contactPrefix, contactEmail } = readAdditionalFields.call(this, itemIndex);
		const phonebook = readPhonebookSave.call(this, itemIndex, { saveToPhonebookId, contactName, contactPrefix, contactEmail });
		const texts: PricedText[] = [];
		if (dryRun === true || (maxCost !== undefined && maxCost !== '')) {
			const text = await patternText.call(this, code, params, { itemIndex, cache });
			texts.push({ from, text, recipients: recipients.length });
		}
		return {
			itemIndex,
			sendingType: 'pattern',
			recipients,
			texts,
			unpriced: texts.length ? undefined : 'The pattern text is only fetched for a dry run or a spending cap',
			// IPPanel takes one recipient per pattern request.
			requests: recipients.map((recipient) => ({
				body: withSendTime(
					{ sending_type: 'pattern', from_number: from, code, recipients: [recipient], params, ...(phonebook ? { phonebook } : {}) },
					sendTime,
				),
				items: [itemIndex],
			})),
		};
	},
};

export async function executeBatch(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runSends.call(this, items, planner);
}
