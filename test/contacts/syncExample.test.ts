/**
 * examples/sync-customers-phonebook.json, its IPPanel node run through the engine against the
 * emulator with the customers its Set node makes: what the e2e run checks in real n8n, and that
 * the second run writes nothing.
 */
import type { IDataObject } from 'n8n-workflow';

import { apiKeyCredentials, runNode } from '../harness';
import { EMULATOR_API_KEY, useEmulator } from '../harness/emulator';
import { loadExample } from '../harness/examples';

const { emu, baseUrl } = useEmulator();
const example = loadExample('sync-customers-phonebook.json');
const customers = (JSON.parse(String(example.ofType('n8n-nodes-base.set').parameters.jsonOutput)) as { customers: IDataObject[] }).customers;
const sync = example.ofType('n8n-nodes-ippanel-edge.ippanel');
const run = async () => await runNode({ parameters: sync.parameters, items: customers, credentials: apiKeyCredentials(baseUrl(), EMULATOR_API_KEY) });
const writes = () => emu.requests.filter((request) => request.method !== 'GET').map((request) => `${request.method} ${request.path}`);

test('the example adds the new customers in one request, updates the renamed one, and says so per item', async () => {
	const first = await run();
	expect(first.error).toBeUndefined();
	expect(writes()).toEqual(['POST /api/phonebooks/numbers/add-list-new', 'PUT /api/phonebooks/numbers/update-new/5000252']);
	expect(first.items.map((item) => [item.json.action, item.json.mobile])).toEqual([
		['unchanged', '+989018880053'],
		['updated', '+989908880054'],
		['created', '+989121234567'],
		['created', '+989351234567'],
		['created', '+989121234567'],
	]);
	expect(first.items[2].json.merged_items).toEqual([2, 4]);
	const reza = (emu as unknown as { contacts: (id: number) => Array<{ id: number; number: string; pre: string; name: string; email: string; options: Record<string, string> }> }).contacts(456987).find((c) => c.number === '+989121234567');
	expect(reza).toMatchObject({ name: 'Reza Karimi', options: { 1235: '300000' } });

	emu.requests.length = 0;
	const second = await run();
	expect(writes()).toEqual([]);
	expect(emu.requests).toHaveLength(2);
	expect(second.items.every((item) => item.json.action === 'unchanged')).toBe(true);
});
