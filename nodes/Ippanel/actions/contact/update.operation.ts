import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { parameterError } from '../../helpers/errors';
import { apiRequest } from '../../transport';
import { readCustomFields, readMobile, readOneId, shapeContactRow } from '../common/phonebook';
import { contactCustomFields, contactFieldsOptions, contactIdField, readContactDetails } from './fields';

const properties: INodeProperties[] = [
	contactIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			contactFieldsOptions[0],
			{
				displayName: 'Mobile',
				name: 'mobile',
				type: 'string',
				default: '',
				placeholder: '09121234567',
				description: 'The new mobile number (any format; stored as +98912…)',
			},
			contactFieldsOptions[1],
			{
				displayName: 'Phonebook Name or ID',
				name: 'phonebookId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getPhonebooks' },
				default: '',
				description:
					'Move the contact to this phonebook. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			contactFieldsOptions[2],
		],
	},
	{
		...contactCustomFields,
		description:
			'Custom-field values. IPPanel replaces the contact\'s whole set on update and never shows the stored values, so give every value the contact should keep: fields left out are emptied.',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['contact'], operation: ['update'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const id = readOneId.call(this, 'contactId', itemIndex, 'contact');
	const updates = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const details = readContactDetails.call(this, 'updateFields', itemIndex);
	const mobile = updates.mobile === undefined ? undefined : readMobile.call(this, 'updateFields.mobile', itemIndex, updates.mobile);
	const phonebookId =
		updates.phonebookId === undefined ? undefined : readOneId.call(this, 'updateFields.phonebookId', itemIndex, 'phonebook', updates.phonebookId);
	const options = readCustomFields.call(this, itemIndex);
	if (!Object.keys(details).length && !mobile && !phonebookId && !options) {
		throw parameterError(this.getNode(), { parameter: 'updateFields', itemIndex }, 'Nothing to update', 'Add a field under Update Fields or Custom Fields.');
	}
	// update-new replaces the whole contact: what is not changed is sent as it is now.
	const { data } = await apiRequest.call(this, 'GET', `/api/phonebooks/numbers/contact-list/${id}`, { itemIndex });
	const current = (data ?? {}) as IDataObject;
	const body: IDataObject = {
		number: mobile ?? current.number,
		pre: details.pre ?? current.pre ?? '',
		name: details.name ?? current.name ?? '',
		email: details.email ?? current.email ?? '',
		phonebook_id: phonebookId ?? String(current.phonebook_id),
	};
	if (options) body.options = options;
	await apiRequest.call(this, 'PUT', `/api/phonebooks/numbers/update-new/${id}`, { body, itemIndex });
	return [
		{
			...shapeContactRow({ ...current, ...body, id: current.id ?? id }),
			...(options ? { custom_fields: options } : {}),
			action: 'updated',
		},
	];
}
