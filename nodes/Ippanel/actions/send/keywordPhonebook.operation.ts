import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { parameterError } from '../../helpers/errors';
import { phonebookFieldIds, readOneId, readPhonebook } from '../common/phonebook';
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
import type { ItemSend, PlanCache, SendPlanner } from './plan';
import { runSends } from './runSends';

const properties: INodeProperties[] = [
	fromNumberField,
	{
		displayName: 'Phonebook Name or ID',
		name: 'phonebookId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getPhonebooks' },
		required: true,
		default: '',
		description:
			'Every contact of this phonebook gets the text, personalised from their own custom-field values. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	messageField(
		'The SMS text, with {ex_<custom field ID>} placeholders that IPPanel fills from each contact\'s values, for example "Your debt is {ex_1235} Rials". Every placeholder must be a field of the phonebook. At most 1,400 characters or 20 parts.',
	),
	{
		displayName: 'Fields of the Phonebook Names or IDs',
		name: 'phonebookFields',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getPhonebookFields', loadOptionsDependsOn: ['phonebookId'] },
		default: [],
		description:
			'A list of the phonebook\'s custom fields with the placeholder each one fills: look up the {ex_…} to write in Message. Only a help: what is picked here is not sent. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	additionalFields([...safetyOptions, sendTimeOption]),
];

export const description = updateDisplayOptions({ show: { resource: ['send'], operation: ['keywordPhonebook'] } }, properties);

/** Placeholders `{ex_<id>}` of the message, as custom-field ids. */
function placeholders(text: string): string[] {
	return [...new Set([...text.matchAll(/\{ex_([^}]*)\}/g)].map((match) => match[1]))];
}

export const planner: SendPlanner = {
	async plan(this: IExecuteFunctions, itemIndex: number, cache: PlanCache): Promise<ItemSend> {
		const from = readFromNumber.call(this, itemIndex);
		const phonebookId = readOneId.call(this, 'phonebookId', itemIndex, 'phonebook');
		const { text } = readMessage.call(this, itemIndex);
		const sendTime = readSendTime.call(this, itemIndex);
		const badIds = placeholders(text).filter((id) => !/^\d+$/.test(id));
		if (badIds.length) {
			throw parameterError(
				this.getNode(),
				{ parameter: 'message', itemIndex },
				`Placeholder ${badIds.map((id) => `{ex_${id}}`).join(', ')} does not name a custom field by its ID`,
				'Write placeholders as {ex_<custom field ID>}, for example {ex_1235}; the phonebook\'s fields and their IDs are listed under "Fields of the Phonebook".',
			);
		}
		// The phonebook's size (for Max Recipients, Max Cost, Dry Run) and fields, read once per execution.
		const key = `phonebook:${phonebookId}`;
		if (!cache.has(key)) cache.set(key, readPhonebook.call(this, phonebookId, itemIndex));
		const book = (await cache.get(key)) as IDataObject;
		const fields = new Set(phonebookFieldIds(book));
		const unknown = placeholders(text).filter((id) => !fields.has(id));
		if (unknown.length) {
			throw parameterError(
				this.getNode(),
				{ parameter: 'message', itemIndex },
				`Placeholder ${unknown.map((id) => `{ex_${id}}`).join(', ')} is not a custom field of phonebook ${phonebookId}`,
				`Phonebook ${phonebookId} carries ${[...fields].map((id) => `{ex_${id}}`).join(', ') || 'no custom fields'}.`,
			);
		}
		const count = Number(book.count) || 0;
		return {
			itemIndex,
			sendingType: 'keyword_phonebook',
			recipients: [],
			unlistedRecipients: count,
			texts: [{ from, text, recipients: count }],
			requests: [
				{
					body: withSendTime(
						{ sending_type: 'keyword_phonebook', from_number: from, message: text, params: [{ phonebook_id: Number(phonebookId) }] },
						sendTime,
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
