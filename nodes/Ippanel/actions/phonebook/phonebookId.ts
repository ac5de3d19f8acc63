import type { INodeProperties } from 'n8n-workflow';

/** `phonebookId`: one phonebook, from the account's list or an expression. */
export const phonebookIdField: INodeProperties = {
	displayName: 'Phonebook Name or ID',
	name: 'phonebookId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getPhonebooks' },
	required: true,
	default: '',
	description:
		'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
};
