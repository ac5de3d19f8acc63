import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { asText } from '../../helpers/parameters';
import { customFieldsField } from '../common/phonebook';

/** Parameters shared by the contact operations. */

export const contactIdField: INodeProperties = {
	displayName: 'Contact ID',
	name: 'contactId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '5000001',
	description: 'The contact\'s ID (the ID field of Contact → Get Many; not the phone number)',
};

export const mobileField: INodeProperties = {
	displayName: 'Mobile',
	name: 'mobile',
	type: 'string',
	required: true,
	default: '',
	placeholder: '09121234567',
	description:
		'The contact\'s mobile number, written any way Send to Numbers accepts one (0912…, 912…, 98912…, +98912…, Persian digits); stored as +98912…',
};

export const contactFieldsOptions: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
	},
	{
		displayName: 'Prefix',
		name: 'prefix',
		type: 'string',
		default: '',
		placeholder: 'Mr.',
		description: 'The title before the name (IPPanel "pre"), such as Mr. or Mrs.',
	},
];

export const contactCustomFields = customFieldsField(
	'Values of the phonebook\'s custom fields (the fields must belong to the phonebook). Their IDs fill {ex_<ID>} placeholders in Send to Phonebook With Fields.',
);

/** Prefix, name and email from a collection: only those given. */
export function readContactDetails(this: IExecuteFunctions, collection: string, itemIndex: number): { pre?: string; name?: string; email?: string } {
	const values = this.getNodeParameter(collection, itemIndex, {}) as IDataObject;
	const text = (name: string) =>
		values[name] === undefined ? undefined : asText(this.getNode(), values[name], { parameter: `${collection}.${name}`, itemIndex }).trim();
	const details: { pre?: string; name?: string; email?: string } = {};
	const pre = text('prefix');
	const name = text('name');
	const email = text('email');
	if (pre !== undefined) details.pre = pre;
	if (name !== undefined) details.name = name;
	if (email !== undefined) details.email = email;
	return details;
}
