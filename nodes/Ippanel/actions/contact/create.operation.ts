import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { apiRequest } from '../../transport';
import { readCustomFields, readMobile, readOneId, shapeContactRow } from '../common/phonebook';
import { phonebookIdField } from '../phonebook/phonebookId';
import { contactCustomFields, contactFieldsOptions, mobileField, readContactDetails } from './fields';

const properties: INodeProperties[] = [
	{ ...phonebookIdField, description: `The phonebook to add the contact to. ${phonebookIdField.description}` },
	mobileField,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: contactFieldsOptions,
	},
	contactCustomFields,
];

export const description = updateDisplayOptions({ show: { resource: ['contact'], operation: ['create'] } }, properties);

/** The contact of `mobile` in the phonebook, or undefined. */
export async function findContact(this: IExecuteFunctions, phonebookId: string, mobile: string, itemIndex: number): Promise<IDataObject | undefined> {
	const { data } = await apiRequest.call(this, 'GET', '/api/phonebooks/numbers/contact-list', {
		qs: { phonebook_id: phonebookId, number: mobile, page: 1, per_page: 10 },
		itemIndex,
	});
	return (Array.isArray(data) ? (data as IDataObject[]) : []).find((row) => row.number === mobile && String(row.phonebook_id) === phonebookId);
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const phonebookId = readOneId.call(this, 'phonebookId', itemIndex, 'phonebook');
	const mobile = readMobile.call(this, 'mobile', itemIndex);
	const details = readContactDetails.call(this, 'additionalFields', itemIndex);
	const options = readCustomFields.call(this, itemIndex);
	const entry: IDataObject = { number: mobile, ...details, phonebook_id: phonebookId };
	if (options) entry.options = options;
	const { data } = await apiRequest.call(this, 'POST', '/api/phonebooks/numbers/add-list-new', { body: { list: [entry] }, itemIndex });
	const counts = (data ?? {}) as IDataObject;
	if (Number(counts.added) !== 1) {
		const exists = Number(counts.existences) > 0;
		throw new NodeOperationError(
			this.getNode(),
			exists ? `${mobile} is already in phonebook ${phonebookId}` : `IPPanel did not add ${mobile} to phonebook ${phonebookId}`,
			{
				itemIndex,
				description: exists
					? 'Use Contact → Create or Update to add new contacts and update existing ones. Nothing was changed.'
					: 'IPPanel counted the entry as an error: check the phonebook ID, and that each custom field belongs to that phonebook and its value fits the field\'s type.',
			},
		);
	}
	const row = await findContact.call(this, phonebookId, mobile, itemIndex);
	return [row ? { ...shapeContactRow(row), action: 'created' } : { id: null, phonebook_id: Number(phonebookId), mobile, action: 'created' }];
}
