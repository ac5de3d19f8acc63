import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { parameterError } from '../../helpers/errors';
import { asText } from '../../helpers/parameters';
import { apiRequest } from '../../transport';
import { shapePhonebookRow } from '../common/phonebook';
import { customFieldIdsField, readFieldIds, readTitle } from './fields';

const properties: INodeProperties[] = [
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Customers',
		description: 'The phonebook\'s name, at most 200 characters',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			customFieldIdsField('The custom fields its contacts carry (such as due date or amount owed).'),
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['phonebook'], operation: ['create'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const title = readTitle.call(this, 'title', itemIndex, asText(this.getNode(), this.getNodeParameter('title', itemIndex, ''), { parameter: 'title', itemIndex }));
	if (!title) {
		throw parameterError(this.getNode(), { parameter: 'title', itemIndex }, 'No title given', 'Give the phonebook a title, for example "Customers".');
	}
	const body: IDataObject = { title };
	const fieldIds = readFieldIds.call(this, 'additionalFields.customFieldIds', itemIndex);
	if (fieldIds) body.options = fieldIds;
	const { data } = await apiRequest.call(this, 'POST', '/api/phonebooks', { body, itemIndex });
	return [shapePhonebookRow((data ?? {}) as IDataObject)];
}
