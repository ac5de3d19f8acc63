import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { parameterError } from '../../helpers/errors';
import { asWholeNumber, readIdList } from '../../helpers/parameters';
import {
	additionalFields,
	fromNumberField,
	messageField,
	readFromNumber,
	readMessage,
	readSendTime,
	safetyOptions,
	sendTimeOption,
	withSendTime,
} from './fields';
import type { ItemSend, SendPlanner } from './plan';
import { runSends } from './runSends';

const showAll = { show: { phonebookType: ['all'] } };
const showDetail = { show: { phonebookType: ['detail'] } };

const properties: INodeProperties[] = [
	fromNumberField,
	messageField(),
	{
		displayName: 'Phonebook Type',
		name: 'phonebookType',
		type: 'options',
		options: [
			{ name: 'Whole Phonebooks', value: 'all', description: 'Every number of one or more phonebooks (optionally a range)' },
			{ name: 'Chosen Numbers of One Phonebook', value: 'detail', description: 'Only the listed entries of one phonebook' },
		],
		default: 'all',
		description: 'Whether to send to whole phonebooks or to chosen entries of one phonebook',
	},
	{
		displayName: 'Phonebook Names or IDs',
		name: 'phonebookIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getPhonebooks' },
		required: true,
		default: [],
		displayOptions: showAll,
		description:
			'The phonebooks to send to. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Start',
		name: 'start',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		displayOptions: showAll,
		description: 'The row of the phonebook to start from (the first row is 1); used only together with Size. Leave 0 to start at the beginning.',
	},
	{
		displayName: 'Size',
		name: 'size',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		displayOptions: showAll,
		description:
			'How many numbers to send to from Start; 0 sends to the whole phonebook. Set it to use Max Recipients or Max Cost, which need to know the count before sending.',
	},
	{
		displayName: 'Phonebook Name or ID',
		name: 'phonebookId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getPhonebooks' },
		required: true,
		default: '',
		displayOptions: showDetail,
		description:
			'The phonebook holding the chosen numbers. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Contact Names or IDs',
		name: 'contactIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getPhonebookContacts', loadOptionsDependsOn: ['phonebookId'] },
		default: [],
		displayOptions: showDetail,
		description:
			'The contacts of the phonebook to send to, picked from its list (added to Number IDs). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Number IDs',
		name: 'numberIds',
		type: 'string',
		default: '',
		displayOptions: showDetail,
		placeholder: '123, 456, 789',
		description:
			'The IDs of the phonebook entries to send to (contact IDs from Contact → Get Many, not phone numbers), separated by commas, or an array from an expression. Contacts picked above are added.',
	},
	additionalFields([...safetyOptions, sendTimeOption]),
];

export const description = updateDisplayOptions({ show: { resource: ['send'], operation: ['phonebook'] } }, properties);

/** The ids of a list parameter (phonebooks, entries). */
function readIds(this: IExecuteFunctions, parameter: string, itemIndex: number): string[] {
	return readIdList(this.getNode(), this.getNodeParameter(parameter, itemIndex, []), { parameter, itemIndex }, {
		notOne: 'Not an ID',
		none: 'No IDs given',
		hint: 'IDs are numbers such as 123654, separated by commas.',
	});
}

export const planner: SendPlanner = {
	async plan(this: IExecuteFunctions, itemIndex: number): Promise<ItemSend> {
		const from = readFromNumber.call(this, itemIndex);
		const { text } = readMessage.call(this, itemIndex);
		const type = this.getNodeParameter('phonebookType', itemIndex) as string;
		let entry: IDataObject;
		let count: number | undefined;
		if (type === 'all') {
			const ids = readIds.call(this, 'phonebookIds', itemIndex);
			const start = asWholeNumber(this.getNode(), this.getNodeParameter('start', itemIndex, 0), { parameter: 'start', itemIndex, min: 0 });
			const size = asWholeNumber(this.getNode(), this.getNodeParameter('size', itemIndex, 0), { parameter: 'size', itemIndex, min: 0 });
			entry = { phonebook_ids: ids, type: 'all' };
			// IPPanel's example sends start and size as strings; without a size the whole phonebook is sent to.
			// An empty Start (0) is left out: the documents only ever show "1" and never a 0.
			if (size > 0) {
				entry = { ...entry, ...(start > 0 ? { start: String(start) } : {}), size: String(size) };
				count = size * ids.length; // an upper bound: the range applies to each phonebook at most
			}
		} else if (type === 'detail') {
			const picked = this.getNodeParameter('contactIds', itemIndex, []) as unknown;
			const typed = this.getNodeParameter('numberIds', itemIndex, '') as unknown;
			const given = [picked, typed].flat().filter((entry) => String(entry ?? '').trim() !== '');
			const numberIds = readIdList(this.getNode(), given, { parameter: 'numberIds', itemIndex }, {
				notOne: 'Not an ID',
				none: 'No IDs given',
				hint: 'Pick contacts under Contact Names or IDs, or give contact IDs such as 5000001 in Number IDs, separated by commas.',
			});
			entry = { phonebook_id: readIds.call(this, 'phonebookId', itemIndex)[0], type: 'detail', number_ids: numberIds };
			count = numberIds.length;
		} else {
			throw parameterError(
				this.getNode(),
				{ parameter: 'phonebookType', itemIndex },
				`Unknown phonebook type "${type}"`,
				'Use "all" (whole phonebooks) or "detail" (chosen numbers of one phonebook).',
			);
		}
		return {
			itemIndex,
			sendingType: 'phonebook',
			recipients: [],
			unlistedRecipients: count,
			audienceUnknown:
				count === undefined
					? 'A send to whole phonebooks reaches every saved number, and that count is not known before sending: set Size'
					: undefined,
			texts: [{ from, text, recipients: count ?? 0 }],
			requests: [
				{
					body: withSendTime(
						{ sending_type: 'phonebook', from_number: from, message: text, params: [entry] },
						readSendTime.call(this, itemIndex),
					),
					items: [itemIndex],
				},
			],
		};
	},
};

export async function executeBatch(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runSends.call(this, items, planner);
}
