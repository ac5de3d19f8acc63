/**
 * Contact → Create or Update through n8n-core's engine against the emulator: as few reads as
 * possible, adds in one request, updates only what differs, zero writes the second time, merged
 * duplicates, and an honest account (and a safe re-run) after a failure part-way.
 */
import type { IDataObject } from 'n8n-workflow';

import { apiKeyCredentials, runNode } from '../harness';
import { EMULATOR_API_KEY, useEmulator } from '../harness/emulator';

const { emu, baseUrl } = useEmulator();
const credentials = () => apiKeyCredentials(baseUrl(), EMULATOR_API_KEY);
const contactsOf = (id: number) => (emu as unknown as { contacts: (id: number) => Array<{ id: number; number: string; pre: string; name: string; email: string; options: Record<string, string> }> }).contacts(id);
const calls = () => emu.requests.map((request) => `${request.method} ${request.path}`);
const writes = () => calls().filter((call) => !call.startsWith('GET '));

/** The node's parameters, every value from the item (as a sheet or CRM sync maps them). */
const parameters = {
	resource: 'contact',
	operation: 'upsert',
	phonebookId: '={{ $json.book }}',
	mobile: '={{ $json.mobile }}',
	additionalFields: { name: '={{ $json.name }}' },
	customFields: { field: [{ fieldId: '1235', value: '={{ $json.owed }}' }] },
};

async function upsert(items: IDataObject[], extra: Partial<Parameters<typeof runNode>[0]> = {}) {
	emu.requests.length = 0;
	return await runNode({ parameters, items, credentials: credentials(), ...extra });
}

describe('Contact → Create or Update', () => {
	test('one phonebook read, one add for every new contact, one update per changed contact, nothing for the rest', async () => {
		const [hasan, sara] = contactsOf(456987);
		const items = [
			{ book: '456987', mobile: String(hasan.number).replace('+98', '0'), name: hasan.name, owed: '150000' }, // unchanged
			{ book: '456987', mobile: sara.number, name: 'Sara M.', owed: '10' }, // name differs
			{ book: '456987', mobile: '09120000001', name: 'New One', owed: '500' },
			{ book: '456987', mobile: '+98 912 000 0002', name: 'New Two', owed: '700' },
		];
		const result = await upsert(items);
		expect(result.error).toBeUndefined();
		expect(calls()).toEqual([
			'GET /api/phonebooks/list-new',
			'GET /api/phonebooks/numbers/contact-list',
			'POST /api/phonebooks/numbers/add-list-new',
			'GET /api/phonebooks/numbers/contact-list',
			`PUT /api/phonebooks/numbers/update-new/${String(sara.id)}`,
		]);
		expect(emu.requests[1].query).toMatchObject({ phonebook_id: '456987', per_page: '1000' });
		expect(emu.requests[2].body).toEqual({
			list: [
				{ number: '+989120000001', name: 'New One', options: { 1235: '500' }, phonebook_id: '456987' },
				{ number: '+989120000002', name: 'New Two', options: { 1235: '700' }, phonebook_id: '456987' },
			],
		});
		// The whole contact, as IPPanel's update takes it: prefix and email kept.
		expect(emu.requests[4].body).toEqual({ number: sara.number, pre: sara.pre, name: 'Sara M.', email: sara.email, options: { 1235: '10' }, phonebook_id: '456987' });

		const out = result.items.map((item) => item.json);
		expect(out.map((json) => json.action)).toEqual(['unchanged', 'updated', 'created', 'created']);
		expect(out[0]).toEqual({ action: 'unchanged', contact_id: hasan.id, phonebook_id: 456987, mobile: hasan.number });
		expect(out[1]).toMatchObject({ contact_id: sara.id, changed_fields: ['name'] });
		const added = contactsOf(456987).filter((c) => String(c.number).startsWith('+98912000000'));
		expect(out.slice(2).map((json) => json.contact_id)).toEqual(added.map((c) => c.id));
		expect(result.items.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));

		// The same input again: the list reads only, zero writes, everything unchanged.
		const again = await upsert(items);
		expect(writes()).toEqual([]);
		expect(calls()).toEqual(['GET /api/phonebooks/list-new', 'GET /api/phonebooks/numbers/contact-list']);
		expect(again.items.map((item) => item.json.action)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged']);
		expect(again.items.map((item) => item.json.contact_id)).toEqual(out.map((json) => json.contact_id));
	});

	test('two items with the same mobile are merged (last value wins) and both say so', async () => {
		const result = await upsert([
			{ book: '456987', mobile: '09120000009', name: 'First', owed: '1' },
			{ book: '456987', mobile: '989120000009', name: 'Second', owed: '2' },
		]);
		expect(writes()).toEqual(['POST /api/phonebooks/numbers/add-list-new']);
		expect((emu.requests[2].body as { list: IDataObject[] }).list).toEqual([
			{ number: '+989120000009', name: 'Second', options: { 1235: '2' }, phonebook_id: '456987' },
		]);
		expect(result.items.map((item) => item.json)).toEqual([
			expect.objectContaining({ action: 'created', merged_items: [0, 1], note: expect.stringContaining('written as item 1') }),
			expect.objectContaining({ action: 'created', merged_items: [0, 1], note: expect.stringContaining('the last item\'s values win') }),
		]);
		expect(result.items[0].json.contact_id).toBe(result.items[1].json.contact_id);
	});

	test('a few numbers against a large phonebook: one look-up per number instead of reading it all', async () => {
		const book = await runNode({ parameters: { resource: 'phonebook', operation: 'create', title: 'Big' }, credentials: credentials() });
		const bookId = String(book.items[0].json.id);
		const many = Array.from({ length: 2500 }, (_, i) => ({ book: bookId, mobile: `0913${String(i).padStart(7, '0')}`, name: `C${i}` }));
		const plain = { ...parameters, customFields: {} };
		const filled = await runNode({ parameters: plain, items: many, credentials: credentials() });
		expect(filled.items.every((item) => item.json.action === 'created')).toBe(true);

		emu.requests.length = 0;
		const result = await runNode({
			parameters: plain,
			items: [{ book: bookId, mobile: '09130000007', name: 'C7' }, { book: bookId, mobile: '09130000008', name: 'Renamed' }],
			credentials: credentials(),
		});
		expect(calls()).toEqual([
			'GET /api/phonebooks/list-new',
			'GET /api/phonebooks/numbers/contact-list',
			'GET /api/phonebooks/numbers/contact-list',
			expect.stringMatching(/^PUT \/api\/phonebooks\/numbers\/update-new\/\d+$/),
		]);
		expect(emu.requests[1].query).toMatchObject({ number: '+989130000007' });
		expect(result.items.map((item) => item.json.action)).toEqual(['unchanged', 'updated']);
	});

	test('a failure part-way says what was already written; running again writes only what is missing', async () => {
		const [hasan, sara, ali] = contactsOf(456987);
		const items = [
			{ book: '456987', mobile: hasan.number, name: 'Hasan 2', owed: '1' },
			{ book: '456987', mobile: sara.number, name: 'Sara 2', owed: '2' },
			{ book: '456987', mobile: ali.number, name: 'Ali 2', owed: '3' },
			{ book: '456987', mobile: '09120000003', name: 'New', owed: '4' },
		];
		emu.injectFault({ method: 'PUT', path: `/api/phonebooks/numbers/update-new/${String(sara.id)}`, kind: 'status', status: 422 });
		const failed = await upsert(items);
		expect(failed.error!.description).toContain('Before this failure the execution had created 1 contact(s) (items 3) and updated 1 contact(s) (items 0).');
		expect(failed.error!.description).toContain('Running it again is safe');

		const again = await upsert(items);
		expect(writes()).toEqual([`PUT /api/phonebooks/numbers/update-new/${String(sara.id)}`, `PUT /api/phonebooks/numbers/update-new/${String(ali.id)}`]);
		expect(again.items.map((item) => item.json.action)).toEqual(['unchanged', 'updated', 'updated', 'unchanged']);
		expect(contactsOf(456987).filter((c) => c.number === '+989120000003')).toHaveLength(1);
	});

	test('under Retry On Fail a retry re-reads and writes only what is missing (nothing twice)', async () => {
		// Every attempt of the add reaches IPPanel and is written, but no answer comes back.
		emu.injectFault({ method: 'POST', path: '/api/phonebooks/numbers/add-list-new', kind: 'drop', times: 3 });
		const items = [
			{ book: '456987', mobile: '09120000004', name: 'A', owed: '1' },
			{ book: '456987', mobile: '09120000005', name: 'B', owed: '2' },
		];
		const result = await upsert(items, { settings: { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 } });
		expect(result.error).toBeUndefined();
		// Three transport attempts of the one add (all dropped), then the node's retry: reads only.
		expect(writes()).toEqual(Array(3).fill('POST /api/phonebooks/numbers/add-list-new'));
		expect(calls().slice(-2)).toEqual(['GET /api/phonebooks/list-new', 'GET /api/phonebooks/numbers/contact-list']);
		expect(result.items.map((item) => item.json.action)).toEqual(['unchanged', 'unchanged']);
		for (const mobile of ['+989120000004', '+989120000005']) expect(contactsOf(456987).filter((c) => c.number === mobile)).toHaveLength(1);
	}, 20000);

	test('a custom field that is not of the phonebook: error before any write; with Continue, only that item fails', async () => {
		const items = [
			{ book: '123654', mobile: '09120000006', name: 'A', owed: '1' },
		];
		const stopped = await upsert(items);
		expect(stopped.error!.message).toContain('Custom field 1235 is not a field of phonebook 123654');
		expect(writes()).toEqual([]);

		const mixed = await runNode({
			parameters: { ...parameters, customFields: { field: [{ fieldId: '={{ $json.field }}', value: '1' }] } },
			items: [{ book: '456987', mobile: '09120000006', name: 'A', field: '1236' }, { book: '456987', mobile: '09120000007', name: 'B', field: '1235' }],
			credentials: credentials(),
			onError: 'continueRegularOutput',
		});
		expect(mixed.items[0].json.error).toContain('Custom field 1236 is not a field of phonebook 456987');
		expect(mixed.items[1].json).toMatchObject({ action: 'created', mobile: '+989120000007' });
		expect(mixed.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('bad input in any item stops the node before any request', async () => {
		const result = await upsert([
			{ book: '456987', mobile: '09120000001', name: 'A', owed: '1' },
			{ book: '456987', mobile: '0912', name: 'B', owed: '2' },
		]);
		expect(result.error!.message).toContain('(parameter "mobile", item 1)');
		expect(emu.requests).toHaveLength(0);
	});
});
