/**
 * The contactAdded event against the emulator, contacts added with the IPPanel node: each
 * emitted once, the phonebook option narrows it, a failed poll keeps the cursor, contacts added
 * in the same second as the last one seen are not lost, and the cursor survives a restart.
 */
import type { IDataObject } from 'n8n-workflow';

import { apiKeyCredentials, runNode } from '../harness';
import { EMULATOR_API_KEY, useEmulator } from '../harness/emulator';
import { triggerRig } from './pollRig';

const { emu, baseUrl } = useEmulator();

async function add(book: string, ...mobiles: string[]) {
	const result = await runNode({
		parameters: { resource: 'contact', operation: 'upsert', phonebookId: book, mobile: '={{ $json.mobile }}' },
		items: mobiles.map((mobile) => ({ mobile })),
		credentials: apiKeyCredentials(baseUrl(), EMULATOR_API_KEY),
	});
	expect(result.error).toBeUndefined();
	return result.items.map((item) => item.json.contact_id);
}

const mobiles = (events: IDataObject[] | null) => (events ?? []).map((event) => event.mobile);

test('each added contact is emitted once; existing contacts are old news', async () => {
	const rig = triggerRig({ event: 'contactAdded' }, baseUrl(), EMULATOR_API_KEY);
	expect(await rig.poll()).toBeNull();
	const ids = await add('456987', '09124440001', '09124440002');
	const first = await rig.poll();
	expect(mobiles(first)).toEqual(['+989124440001', '+989124440002']);
	expect(first!.map((event) => event.id)).toEqual(ids);
	expect(first![0]).toMatchObject({ phonebook_id: 456987, phonebook_title: 'همکاران' });
	expect(await rig.poll()).toBeNull();

	// Same second as the last contact seen (the list's time filter is inclusive): emitted, and only it.
	await add('123654', '09124440003');
	expect(mobiles(await rig.poll())).toEqual(['+989124440003']);
	emu.advance(90_000);
	await add('123654', '09124440004');
	expect(mobiles(await rig.poll())).toEqual(['+989124440004']);
	expect(await rig.poll()).toBeNull();
});

test('the Phonebook option narrows the event to one phonebook', async () => {
	const rig = triggerRig({ event: 'contactAdded', options: { phonebookId: '456987' } }, baseUrl(), EMULATOR_API_KEY);
	expect(await rig.poll()).toBeNull();
	await add('123654', '09124440011');
	await add('456987', '09124440012');
	expect(mobiles(await rig.poll())).toEqual(['+989124440012']);
	expect(emu.requests.at(-1)!.query).toMatchObject({ phonebook_id: '456987' });
});

test('a failed poll keeps the cursor: the next one emits the contacts once', async () => {
	const rig = triggerRig({ event: 'contactAdded' }, baseUrl(), EMULATOR_API_KEY);
	expect(await rig.poll()).toBeNull();
	const before = rig.saved();
	await add('456987', '09124440021');
	emu.injectFault({ method: 'GET', path: '/api/phonebooks/numbers/contact-list', kind: 'status', status: 500, times: 3 });
	await expect(rig.poll()).rejects.toThrow(/HTTP 500/);
	expect(rig.saved()).toEqual(before);
	expect(mobiles(await rig.poll())).toEqual(['+989124440021']);
	expect(await rig.poll()).toBeNull();
}, 20000);

test('Include Existing emits the contacts of the look-back window; Fetch Test Event shows the newest', async () => {
	const book = await runNode({ parameters: { resource: 'phonebook', operation: 'create', title: 'Window' }, credentials: apiKeyCredentials(baseUrl(), EMULATOR_API_KEY) });
	const bookId = String(book.items[0].json.id);
	await add(bookId, '09124440031', '09124440032');
	const parameters = { event: 'contactAdded', options: { phonebookId: bookId, includeExisting: true, lookBackHours: 1 } };
	const rig = triggerRig(parameters, baseUrl(), EMULATOR_API_KEY);
	expect(mobiles(await rig.poll('manual'))).toEqual(['+989124440032']);
	expect(mobiles(await rig.poll())).toEqual(['+989124440031', '+989124440032']);
	expect(await rig.poll()).toBeNull();

	// A restart with the saved cursor: nothing again, then only what is new.
	const restarted = triggerRig(parameters, baseUrl(), EMULATOR_API_KEY, rig.saved());
	expect(await restarted.poll()).toBeNull();
	await add(bookId, '09124440033');
	expect(mobiles(await restarted.poll())).toEqual(['+989124440033']);
});

test('a Phonebook option that is not an ID is a clear error before any request', async () => {
	const rig = triggerRig({ event: 'contactAdded', options: { phonebookId: 'customers' } }, baseUrl(), EMULATOR_API_KEY);
	await expect(rig.poll()).rejects.toThrow('Option "Phonebook" must be a phonebook ID (a number), not "customers"');
	expect(emu.requests).toHaveLength(0);
});
