import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { parameterError } from '../../helpers/errors';
import { readIdList } from '../../helpers/parameters';
import { normalizeRecipients } from '../../helpers/recipients';
import {
	additionalFields,
	fromNumberField,
	messageField,
	readFromNumber,
	readMessage,
	readSendTime,
	RECIPIENTS_FORMATS,
	safetyOptions,
	sendTimeOption,
	withSendTime,
} from './fields';
import { BIRTH_YEARS, readBirthYears, readGender, readOperatorBlocks, v1Blocks } from './bankFilters';
import type { ItemSend, SendPlanner } from './plan';
import { runSends } from './runSends';

const properties: INodeProperties[] = [
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
					{ name: 'Female', value: 2 },
					{ name: 'Male', value: 1 },
				],
				default: 0,
				description: 'Whom to send to',
			},
			{
				displayName: 'Irancell Size',
				name: 'irancellSize',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description:
					'How many Irancell numbers to send to in each postal code. When no operator size is set, IPPanel sends to every number of the area (and Max Recipients / Max Cost cannot be checked).',
			},
			{
				displayName: 'Irancell Start',
				name: 'irancellStart',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'The row of the Irancell numbers to start from',
			},
			{
				displayName: 'MCI (Hamrah Aval) Size',
				name: 'mciSize',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description:
					'How many MCI (Hamrah-e Aval) numbers to send to in each postal code. When no operator size is set, IPPanel sends to every number of the area (and Max Recipients / Max Cost cannot be checked).',
			},
			{
				displayName: 'MCI (Hamrah Aval) Start',
				name: 'mciStart',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'The row of the MCI (Hamrah-e Aval) numbers to start from',
			},
			{
				displayName: 'Other Operators Size',
				name: 'otherSize',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description:
					'How many Other Operators numbers to send to in each postal code. When no operator size is set, IPPanel sends to every number of the area (and Max Recipients / Max Cost cannot be checked).',
			},
			{
				displayName: 'Other Operators Start',
				name: 'otherStart',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'The row of the Other Operators numbers to start from',
			},
		],
	},
	{
		displayName: 'Other Recipients',
		name: 'otherRecipients',
		type: 'string',
		default: '',
		description: `Extra phone numbers that get the text too, for example your own to see it arrive. ${RECIPIENTS_FORMATS} Leave empty for none.`,
	},
	additionalFields([...safetyOptions, sendTimeOption]),
];

export const description = updateDisplayOptions({ show: { resource: ['send'], operation: ['postalCode'] } }, properties);

/** The postal code areas: leading digits of Iranian postal codes, 2 to 5 digits (the English page). */
function readPostalCodes(this: IExecuteFunctions, itemIndex: number): number[] {
	const at = { parameter: 'postalCodes', itemIndex };
	const words = {
		notOne: 'Not a postal code area of 2 to 5 digits',
		none: 'No postal code given',
		hint: 'Give postal code areas as 2 to 5 leading digits, for example 131, 141.',
		maxDigits: 5,
	};
	const codes = readIdList(this.getNode(), this.getNodeParameter('postalCodes', itemIndex, ''), at, words);
	const short = codes.filter((code) => code.length < 2);
	if (short.length) throw parameterError(this.getNode(), at, `${words.notOne}: ${short.map((code) => `"${code}"`).join(', ')}`, words.hint);
	return codes.map(Number);
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

		// The English page marks gender, the birth years and the three operator blocks required, the
		// Persian page optional: send gender and years always (all / the whole documented range).
		const years = readBirthYears.call(this, filters, 'postalFilters', itemIndex);
		const operators = readOperatorBlocks.call(this, filters, 'postalFilters', itemIndex);
		const filter: IDataObject = {
			bank: String(filters.bank ?? 'all') || 'all',
			gender: readGender.call(this, filters, 'postalFilters', itemIndex),
			age_from: years.from ?? BIRTH_YEARS.min,
			age_to: years.to ?? BIRTH_YEARS.max,
			...v1Blocks(operators),
		};
		const perCode = operators.total ?? 0;
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
