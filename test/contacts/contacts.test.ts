/**
 * Phonebook, Contact and Custom Field operations run through n8n-core's engine against the
 * local emulator: the requests each makes, the items out, pairedItem, and bad input.
 */
import { apiKeyCredentials, runNode } from '../harness';
import { EMULATOR_API_KEY, useEmulator } from '../harness/emulator';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { writeXlsx } = require('../../dev/emulator/xlsx');

const { emu, baseUrl } = useEmulator();
const credentials = () => apiKeyCredentials(baseUrl(), EMULATOR_API_KEY);
const contactsOf = (id: number) => (emu as unknown as { contacts: (id: number) => Array<{ id: number; number: string; pre: string; name: string; email: string; options: Record<string, string> }> }).contacts(id);
const calls = () => emu.requests.map((request) => `${request.method} ${request.path}`);

describe('Phonebook', () => {
	test('Create with custom fields, Get Many by title, Update, Delete', async () => {
		const created = await runNode({
			parameters: { resource: 'phonebook', operation: 'create', title: 'Debtors', additionalFields: { customFieldIds: ['1235', '1236'] } },
			credentials: credentials(),
		});
		expect(created.error).toBeUndefined();
		const id = created.items[0].json.id as number;
		expect(created.items[0].json).toMatchObject({ title: 'Debtors', count: 0, custom_fields: [{ id: 1235 }, { id: 1236 }] });
		expect(emu.requests[0].body).toEqual({ title: 'Debtors', options: ['1235', '1236'] });

		const listed = await runNode({ parameters: { resource: 'phonebook', operation: 'getAll', returnAll: true, filters: { title: 'Debt' } }, credentials: credentials() });
		expect(listed.items.map((item) => item.json.id)).toEqual([id]);
		expect(emu.requests.at(-1)!.query).toMatchObject({ title: 'Debt', per_page: '1000' });

		const updated = await runNode({
			parameters: { resource: 'phonebook', operation: 'update', phonebookId: String(id), updateFields: { title: 'Debtors 2025' } },
			credentials: credentials(),
		});
		expect(updated.items[0].json).toEqual({ id, updated: true, title: 'Debtors 2025' });
		expect(emu.requests.at(-1)).toMatchObject({ method: 'PUT', path: `/api/phonebooks/${id}`, body: { title: 'Debtors 2025' } });

		const deleted = await runNode({ parameters: { resource: 'phonebook', operation: 'delete', phonebookId: String(id) }, credentials: credentials() });
		expect(deleted.items[0]).toEqual({ json: { id, deleted: true }, pairedItem: { item: 0 } });
		expect(emu.requests.at(-1)!.body).toEqual({ listPhonebooks: [id] });
	});

	test('Get Many with a limit asks for just that many', async () => {
		const result = await runNode({ parameters: { resource: 'phonebook', operation: 'getAll', returnAll: false, limit: 1 }, credentials: credentials() });
		expect(result.items).toHaveLength(1);
		expect(emu.requests.map((request) => request.query.per_page)).toEqual(['1']);
	});
});

describe('Custom Field', () => {
	test('Create, Get Many, Update, Delete', async () => {
		const created = await runNode({
			parameters: { resource: 'customField', operation: 'create', title: 'Due date', fieldType: 'date' },
			credentials: credentials(),
		});
		const id = created.items[0].json.id as number;
		expect(created.items[0].json).toMatchObject({ title: 'Due date', type: 'date' });
		const all = await runNode({ parameters: { resource: 'customField', operation: 'getAll', returnAll: true }, credentials: credentials() });
		expect(all.items.map((item) => item.json.id)).toEqual(expect.arrayContaining([1234, 1235, 1236, 1237, id]));
		await runNode({ parameters: { resource: 'customField', operation: 'update', customFieldId: String(id), updateFields: { title: 'Due' } }, credentials: credentials() });
		expect(emu.requests.at(-1)).toMatchObject({ method: 'PUT', path: `/api/phonebooks/options/${id}`, body: { title: 'Due' } });
		const deleted = await runNode({ parameters: { resource: 'customField', operation: 'delete', customFieldId: String(id) }, credentials: credentials() });
		expect(deleted.items[0].json).toEqual({ id, deleted: true });
		expect(emu.requests.at(-1)!.body).toEqual({ listOptions: [id] });
	});
});

describe('Contact', () => {
	test('Create normalises the mobile, sets custom fields by field, and returns the new contact id', async () => {
		const result = await runNode({
			parameters: {
				resource: 'contact',
				operation: 'create',
				phonebookId: '456987',
				mobile: '۰۹۱۲ ۱۱۱ ۲۲۳۳',
				additionalFields: { name: 'Reza', prefix: 'Mr.' },
				customFields: { field: [{ fieldId: '1235', value: '250000' }] },
			},
			credentials: credentials(),
		});
		expect(result.error).toBeUndefined();
		expect(calls()).toEqual(['POST /api/phonebooks/numbers/add-list-new', 'GET /api/phonebooks/numbers/contact-list']);
		expect(emu.requests[0].body).toEqual({
			list: [{ number: '+989121112233', pre: 'Mr.', name: 'Reza', phonebook_id: '456987', options: { 1235: '250000' } }],
		});
		expect(result.items[0].json).toMatchObject({ mobile: '+989121112233', phonebook_id: 456987, name: 'Reza', action: 'created' });
		expect(typeof result.items[0].json.id).toBe('number');
		expect(contactsOf(456987).find((c) => c.number === '+989121112233')!.options).toEqual({ 1235: '250000' });
	});

	test('Create of a number already there is an error naming it; Continue On Fail gives an error item', async () => {
		const existing = contactsOf(456987)[0].number as string;
		const parameters = { resource: 'contact', operation: 'create', phonebookId: '456987', mobile: existing };
		const stopped = await runNode({ parameters, credentials: credentials() });
		expect(stopped.error!.message).toContain(`${existing} is already in phonebook 456987`);
		const continued = await runNode({ parameters, credentials: credentials(), onError: 'continueRegularOutput' });
		expect(continued.items[0].json.error).toContain('already in phonebook');
		expect(continued.items[0].pairedItem).toEqual({ item: 0 });
	});

	test('Get, Get Many with filters, Update (whole contact kept), Delete', async () => {
		const [first] = contactsOf(456987);
		const got = await runNode({ parameters: { resource: 'contact', operation: 'get', contactId: String(first.id) }, credentials: credentials() });
		expect(got.items[0].json).toMatchObject({ id: first.id, mobile: first.number, name: first.name, phonebook_id: 456987 });

		const many = await runNode({
			parameters: {
				resource: 'contact',
				operation: 'getAll',
				returnAll: true,
				filters: { phonebookId: '456987', mobile: String(first.number).replace('+98', '0'), createdAfter: '2000-01-01T00:00:00Z' },
			},
			credentials: credentials(),
		});
		expect(many.items.map((item) => item.json.id)).toEqual([first.id]);
		expect(emu.requests.at(-1)!.query).toMatchObject({ phonebook_id: '456987', number: first.number, from_created_at: '946684800' });

		const updated = await runNode({
			parameters: { resource: 'contact', operation: 'update', contactId: String(first.id), updateFields: { name: 'New Name' } },
			credentials: credentials(),
		});
		expect(updated.error).toBeUndefined();
		expect(emu.requests.at(-1)!.body).toEqual({ number: first.number, pre: first.pre, name: 'New Name', email: first.email, phonebook_id: '456987' });
		expect(contactsOf(456987)[0]).toMatchObject({ name: 'New Name', pre: first.pre, email: first.email });

		const deleted = await runNode({ parameters: { resource: 'contact', operation: 'delete', contactId: String(first.id) }, credentials: credentials() });
		expect(deleted.items[0].json).toEqual({ id: first.id, deleted: true });
		expect(contactsOf(456987)).toHaveLength(11);
	});

	test('Get Many of the 250-contact phonebook with Return All reads one page of 1,000', async () => {
		const result = await runNode({
			parameters: { resource: 'contact', operation: 'getAll', returnAll: true, filters: { phonebookId: '123654' } },
			credentials: credentials(),
		});
		expect(result.items).toHaveLength(250);
		expect(emu.requests).toHaveLength(1);
	});

	test('Import uploads the XLSX as multipart "file" into the phonebook', async () => {
		const xlsx: Buffer = writeXlsx([
			['number', 'name'],
			['+989125550001', 'Ava'],
			['+989125550002', 'Bob'],
		]);
		const result = await runNode({
			parameters: { resource: 'contact', operation: 'import', phonebookId: '123654', binaryPropertyName: 'data' },
			credentials: credentials(),
			binary: [{ data: { content: xlsx, fileName: 'contacts.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } }],
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ phonebook_id: 123654, imported: true, file_name: 'contacts.xlsx' });
		const body = emu.requests[0].body as { files: Array<{ field: string; filename: string }> };
		expect(emu.requests[0].path).toBe('/api/phonebooks/123654/import');
		expect(body.files.map((file) => [file.field, file.filename])).toEqual([['file', 'contacts.xlsx']]);
		expect(contactsOf(123654).some((c) => c.number === '+989125550002')).toBe(true);
	});

	test.each([
		['empty mobile', { resource: 'contact', operation: 'create', phonebookId: '456987', mobile: '={{ "" }}' }, 'No mobile number given (parameter "mobile", item 0)'],
		['bad mobile', { resource: 'contact', operation: 'upsert', phonebookId: '456987', mobile: '12345' }, 'not a phone number IPPanel can store: "12345"'],
		['phonebook id not a number', { resource: 'contact', operation: 'upsert', phonebookId: 'customers', mobile: '09121112233' }, 'The phonebook ID must be a number'],
		[
			'custom field id not a number',
			{ resource: 'contact', operation: 'create', phonebookId: '456987', mobile: '09121112233', customFields: { field: [{ fieldId: 'debt', value: '1' }] } },
			'The custom field ID must be a number',
		],
		['contact id not a number', { resource: 'contact', operation: 'delete', contactId: 'abc' }, 'The contact ID must be a number'],
		['custom field type', { resource: 'customField', operation: 'create', title: 'X', fieldType: 'float' }, 'Unknown custom field type "float"'],
		['phonebook title empty', { resource: 'phonebook', operation: 'create', title: ' ' }, 'No title given'],
		['nothing to update', { resource: 'phonebook', operation: 'update', phonebookId: '456987', updateFields: {} }, 'Nothing to update'],
	])('bad input: %s → a clear error and no request', async (_name, parameters, message) => {
		const result = await runNode({ parameters, credentials: credentials() });
		expect(result.error!.message).toContain(message);
		expect(emu.requests).toHaveLength(0);
	});
});
