import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { parameterError } from '../../helpers/errors';
import { filtersField, limitField, listRows, outputOptions, returnAllField } from '../common/list';
import { MAX_PHONEBOOK_PAGE, readMobile, readOneId, shapeContactRow } from '../common/phonebook';

const properties: INodeProperties[] = [
	returnAllField,
	limitField,
	filtersField([
		{
			displayName: 'Created After',
			name: 'createdAfter',
			type: 'dateTime',
			default: '',
			description: 'Only contacts added at or after this time',
		},
		{
			displayName: 'Mobile',
			name: 'mobile',
			type: 'string',
			default: '',
			placeholder: '09121234567',
			description: 'Only contacts with this mobile number (any format; compared as +98912…)',
		},
		{
			displayName: 'Phonebook Name or ID',
			name: 'phonebookId',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getPhonebooks' },
			default: '',
			description:
				'Only contacts of this phonebook. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
	]),
	outputOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['contact'], operation: ['getAll'] } }, properties);

/** A date-time filter value as Unix seconds. */
function unixSeconds(this: IExecuteFunctions, value: unknown, itemIndex: number): number {
	const time = value instanceof Date ? value.getTime() : Date.parse(String(value));
	if (!Number.isFinite(time)) {
		throw parameterError(
			this.getNode(),
			{ parameter: 'filters.createdAfter', itemIndex },
			`Not a date and time: ${JSON.stringify(value)}`,
			'Give a date and time such as 2025-05-20T08:00:00.',
			{ nothingSent: false },
		);
	}
	return Math.floor(time / 1000);
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	if (String(filters.phonebookId ?? '').trim()) qs.phonebook_id = readOneId.call(this, 'filters.phonebookId', itemIndex, 'phonebook', filters.phonebookId);
	if (String(filters.mobile ?? '').trim()) qs.number = readMobile.call(this, 'filters.mobile', itemIndex, filters.mobile);
	if (filters.createdAfter) qs.from_created_at = unixSeconds.call(this, filters.createdAfter, itemIndex);
	return await listRows.call(this, itemIndex, {
		request: { method: 'GET', endpoint: '/api/phonebooks/numbers/contact-list', qs, pageIn: 'qs', sizeParam: 'per_page' },
		maxPageSize: MAX_PHONEBOOK_PAGE,
		shape: shapeContactRow,
	});
}
