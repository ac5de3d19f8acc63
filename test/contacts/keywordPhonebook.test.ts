/**
 * Send → Send to Phonebook With Fields, and the phonebook send's contacts dropdown, through the
 * engine against the emulator: the phonebook's size is read once, so Dry Run, Max Recipients and
 * Max Cost work as on the other sends.
 */
import { apiKeyCredentials, runNode } from '../harness';
import { EMULATOR_API_KEY, useEmulator } from '../harness/emulator';

const { emu, baseUrl } = useEmulator();
const credentials = () => apiKeyCredentials(baseUrl(), EMULATOR_API_KEY);
const send = (extra: Record<string, unknown> = {}) => ({
	resource: 'send',
	operation: 'keywordPhonebook',
	fromNumber: '+983000505',
	phonebookId: '456987',
	message: 'Your debt is {ex_1235} Rials',
	...extra,
});
const sends = () => emu.requests.filter((request) => request.path === '/api/send');

test('sends once with the phonebook id; IPPanel fills each contact\'s value', async () => {
	const result = await runNode({ parameters: send(), credentials: credentials() });
	expect(result.error).toBeUndefined();
	expect(sends().map((request) => request.body)).toEqual([
		{ sending_type: 'keyword_phonebook', from_number: '+983000505', message: 'Your debt is {ex_1235} Rials', params: [{ phonebook_id: 456987 }] },
	]);
	expect(result.items[0].json).toMatchObject({ message_outbox_id: expect.any(Number) });
	expect(result.items[0].pairedItem).toEqual({ item: 0 });
});

test('Dry Run shows the phonebook\'s size and the price, and sends nothing', async () => {
	const result = await runNode({ parameters: send({ additionalFields: { dryRun: true } }), credentials: credentials() });
	expect(sends()).toHaveLength(0);
	expect(result.items[0].json).toMatchObject({ dry_run: true, sending_type: 'keyword_phonebook', recipients_count: 12 });
	expect(result.items[0].json.estimated_cost).toEqual(expect.any(Number));
});

test('Max Recipients below the phonebook\'s size stops before sending', async () => {
	const result = await runNode({ parameters: send({ additionalFields: { maxRecipients: 5 } }), credentials: credentials() });
	expect(result.error!.message).toMatch(/12/);
	expect(sends()).toHaveLength(0);
});

test('a placeholder that is not a field of the phonebook is an error before sending', async () => {
	const result = await runNode({ parameters: send({ message: 'Due {ex_1236}' }), credentials: credentials() });
	expect(result.error!.message).toContain('Placeholder {ex_1236} is not a custom field of phonebook 456987');
	expect(sends()).toHaveLength(0);
});

test('Chosen Numbers: contacts picked from the dropdown and typed IDs are sent together', async () => {
	const result = await runNode({
		parameters: {
			resource: 'send',
			operation: 'phonebook',
			fromNumber: '+983000505',
			message: 'Hello',
			phonebookType: 'detail',
			phonebookId: '456987',
			contactIds: ['5000251', '5000252'],
			numberIds: '5000253',
		},
		credentials: credentials(),
	});
	expect(result.error).toBeUndefined();
	expect((sends()[0].body as { params: unknown[] }).params).toEqual([
		{ phonebook_id: '456987', type: 'detail', number_ids: ['5000251', '5000252', '5000253'] },
	]);
});
