/**
 * The custom-field, contact and phonebook-field dropdowns: the node's own loadOptions methods,
 * called through n8n-core's LoadOptionsContext (what the editor uses) against the emulator.
 */
import type { INodeParameters } from 'n8n-workflow';

import { Ippanel } from '../../dist/nodes/Ippanel/Ippanel.node';
import { IppanelTrigger } from '../../dist/nodes/IppanelTrigger/IppanelTrigger.node';
import { apiKeyCredentials } from '../harness';
import { EMULATOR_API_KEY, useEmulator } from '../harness/emulator';
import { loadOptionsContext } from '../harness/loadOptions';

const { emu, baseUrl } = useEmulator();

const context = (parameters: INodeParameters, path: string, type?: string) =>
	loadOptionsContext(parameters, path, apiKeyCredentials(baseUrl(), EMULATOR_API_KEY), type);

const methods = new Ippanel().methods.loadOptions;

test('custom fields: every field of the account, its id as value and its placeholder', async () => {
	const options = await methods.getCustomFields.call(context({ resource: 'contact', operation: 'create' }, 'parameters.customFields'));
	expect(options.map((option) => option.value)).toEqual(expect.arrayContaining(['1234', '1235', '1236', '1237']));
	expect(options.find((option) => option.value === '1235')).toEqual({ name: 'میزان بدهی (string)', value: '1235', description: 'Placeholder {ex_1235}' });
	expect(emu.requests.map((request) => request.path)).toEqual(['/api/phonebooks/options/list-new']);
});

test('contacts of the chosen phonebook, for Chosen Numbers; none before a phonebook is chosen', async () => {
	const parameters = { resource: 'send', operation: 'phonebook', phonebookType: 'detail', phonebookId: '456987' };
	const options = await methods.getPhonebookContacts.call(context(parameters, 'parameters.contactIds'));
	expect(options).toHaveLength(12);
	expect(options[0]).toEqual({ name: '+989018880053 (حسن رضایی)', value: '5000251', description: 'Contact ID 5000251' });
	expect(emu.requests[0].query).toMatchObject({ phonebook_id: '456987' });

	emu.requests.length = 0;
	expect(await methods.getPhonebookContacts.call(context({ ...parameters, phonebookId: '' }, 'parameters.contactIds'))).toEqual([]);
	expect(emu.requests).toHaveLength(0);
});

test('fields of the chosen phonebook with the placeholder to write', async () => {
	const parameters = { resource: 'send', operation: 'keywordPhonebook', phonebookId: '456987' };
	const options = await methods.getPhonebookFields.call(context(parameters, 'parameters.phonebookFields'));
	expect(options).toEqual([
		{ name: '{ex_1234}: تاریخ تولد (date)', value: '{ex_1234}' },
		{ name: '{ex_1235}: میزان بدهی (string)', value: '{ex_1235}' },
	]);
});

test('the trigger\'s phonebook dropdown', async () => {
	const trigger = new IppanelTrigger().methods.loadOptions;
	const options = await trigger.getPhonebooks.call(
		context({ event: 'contactAdded' }, 'parameters.options.phonebookId', 'n8n-nodes-ippanel-edge.ippanelTrigger'),
	);
	expect(options.map((option) => option.value)).toEqual(['123654', '456987']);
});
