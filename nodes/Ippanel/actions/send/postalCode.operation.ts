import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { asWholeNumber } from '../../helpers/parameters';
import { normalizeRecipients, toLatinDigits } from '../../helpers/recipients';
import { additionalFields, fromNumberField, messageField, readFromNumber, readMessage, readSendTime, RECIPIENTS_FORMATS, withSendTime } from './fields';
import type { ItemSend, SendPlanner } from './plan';
import { runSends } from './runSends';

export const option = {
	name: 'Send by Postal Code',
	value: 'postalCode',
	action: 'Send an SMS by postal code',
	description:
		'Send one text to people living in postal code areas, from IPPanel\'s number bank, filtered by gender, birth year and operator (IPPanel "postal_code" send)',
};

const operators = [
	{ key: 'mci', label: 'MCI (Hamrah-e Aval)' },
	{ key: 'irancell', label: 'Irancell' },
	{ key: 'other', label: 'Other Operators' },
] as const;

export const description: INodeProperties[] = [
	fromNumberField,
	messageField(),
	{
		displayName: 'Postal Codes',
		name: 'postalCodes',
		type: 'string',
		required: true,
		default: '',
		placeholder: '131, 141',
		description: 'The postal code areas to send to (leading digits of Iranian postal codes), separated by commas. Each gets the filters below.',
	},
	{
		displayName: 'Filters',
		name: 'postalFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{ displayName: 'Bank', name: 'bank', type: 'string', default: 'all', description: 'IPPanel\'s number bank to draw from; "all" for every bank' },
			{ displayName: 'Birth Year From', name: 'birthYearFrom', type: 'number', default: 1330, description: 'Earliest birth year, Solar Hijri (for example 1330)' },
			{ displayName: 'Birth Year To', name: 'birthYearTo', type: 'number', default: 1402, description: 'Latest birth year, Solar Hijri (for example 1402)' },
			{
				displayName: 'Gender',
				name: 'gender',
				type: 'options',
				options: [
					{ name: 'All', value: 0 },
					{ name: 'Male', value: 1 },
					{ name: 'Female', value: 2 },
				],
				default: 0,
				description: 'Whom to send to',
			},
			...operators.flatMap(({ key, label }): INodeProperties[] => [
				{
					displayName: `${label} Size`,
					name: `${key}Size`,
					type: 'number',
					typeOptions: { minValue: 0 },
					default: 0,
					description: `How many ${label} numbers to send to in each postal code. When no operator size is set, IPPanel sends to every number of the area (and Max Recipients / Max Cost cannot be checked).`,
				},
				{
					displayName: `${label} Start`,
					name: `${key}Start`,
					type: 'number',
					typeOptions: { minValue: 0 },
					default: 0,
					description: `The row of the ${label} numbers to start from`,
				},
			]),
		],
	},
	{
		displayName: 'Other Recipients',
		name: 'otherRecipients',
		type: 'string',
		default: '',
		description: `Extra phone numbers that get the text too, for example your own to see it arrive. ${RECIPIENTS_FORMATS} Leave empty for none.`,
	},
	additionalFields(),
];

function readPostalCodes(this: IExecuteFunctions, itemIndex: number): number[] {
	const entries = toLatinDigits(String(this.getNodeParameter('postalCodes', itemIndex, '') ?? ''))
		.split(/[\s,;]+/)
		.filter(Boolean);
	const bad = entries.filter((code) => !/^\d{1,10}$/.test(code));
	if (bad.length || !entries.length) {
		throw new NodeOperationError(
			this.getNode(),
			bad.length
				? `Not a postal code: ${bad.map((code) => `"${code}"`).join(', ')} (parameter "postalCodes", item ${itemIndex})`
				: `No postal code given (parameter "postalCodes", item ${itemIndex})`,
			{ itemIndex, description: 'Give postal code areas as digits, for example 131, 141. Nothing was sent.' },
		);
	}
	return [...new Set(entries)].map(Number);
}

export const planner: SendPlanner = {
	async plan(this: IExecuteFunctions, itemIndex: number): Promise<ItemSend> {
		const from = readFromNumber.call(this, itemIndex);
		const { text } = readMessage.call(this, itemIndex);
		const codes = readPostalCodes.call(this, itemIndex);
		const filters = this.getNodeParameter('postalFilters', itemIndex, {}) as IDataObject;
		const otherRecipients = normalizeRecipients(this.getNode(), this.getNodeParameter('otherRecipients', itemIndex, ''), {
			parameter: 'otherRecipients',
			itemIndex,
			required: false,
		});

		const filter: IDataObject = { bank: String(filters.bank ?? 'all') || 'all', gender: Number(filters.gender ?? 0) };
		if (filters.birthYearFrom) filter.age_from = Number(filters.birthYearFrom);
		if (filters.birthYearTo) filter.age_to = Number(filters.birthYearTo);
		let perCode = 0;
		const count = (name: string) =>
			asWholeNumber(this.getNode(), filters[name] ?? 0, { parameter: `postalFilters.${name}`, itemIndex, min: 0 });
		for (const { key } of operators) {
			const size = count(`${key}Size`);
			const start = count(`${key}Start`);
			if (size > 0) {
				filter[key] = { start, size };
				perCode += size;
			}
		}
		// Without operator sizes IPPanel sends to every number of the area: unknown before sending.
		const areaCount = perCode > 0 ? perCode * codes.length : undefined;
		const body: IDataObject = {
			sending_type: 'postal_code',
			from_number: from,
			message: text,
			params: codes.map((postal_code) => ({ ...filter, postal_code })),
		};
		if (otherRecipients.length) body.other_recipients = otherRecipients;
		return {
			itemIndex,
			sendingType: 'postal_code',
			recipients: otherRecipients,
			unlistedRecipients: areaCount,
			audienceUnknown:
				areaCount === undefined
					? 'A postal code send without an operator size reaches every number of the area, a count not known before sending: set the MCI, Irancell or Other Operators Size filters'
					: undefined,
			texts: [{ from, text, recipients: (areaCount ?? 0) + otherRecipients.length }],
			requests: [{ body: withSendTime(body, readSendTime.call(this, itemIndex)), items: [itemIndex] }],
		};
	},
};

export async function executeBatch(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runSends.call(this, items, planner);
}
