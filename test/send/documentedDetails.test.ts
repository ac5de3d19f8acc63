/**
 * The API details the documents settle (each checked against the English and Persian pages),
 * Pattern → Create / Update / Delete, the pattern send's phonebook save, and the region and job
 * dropdowns, through n8n-core (workflows, and LoadOptionsContext as the editor calls it).
 */
import { LoadOptionsContext } from 'n8n-core';
import type { INode, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import nock from 'nock';

import { Ippanel } from '../../dist/nodes/Ippanel/Ippanel.node';
import { apiKeyCredentials, runNode, type RunOptions } from '../harness';
import { BASE, ok } from '../harness/answers';
import { TestCredentialsHelper } from '../harness/credentials';
import { EMULATOR_API_KEY, useEmulator } from '../harness/emulator';
import { nodeTypes } from '../harness/nodes';

const { emu, baseUrl } = useEmulator({ englishRegionFields: true });
const FROM = '+983000505';
const fullEmu = emu as typeof emu & { setSenderLines: (n: number) => void; state: { outbox: Array<Record<string, unknown>> } };

function run(parameters: RunOptions['parameters'], more: Partial<RunOptions> = {}) {
	return runNode({ parameters, credentials: apiKeyCredentials(baseUrl(), EMULATOR_API_KEY), ...more });
}
const sends = () => emu.requests.filter((r) => r.method === 'POST' && r.path === '/api/send');

function loadOptions(base: string, apiKey: string, parameters: INode['parameters']) {
	const node: INode = {
		id: 'ippanel',
		name: 'IPPanel',
		type: 'n8n-nodes-ippanel-edge.ippanel',
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { ippanelApi: { id: '1', name: 'IPPanel account' } },
	};
	const workflow = new Workflow({ id: 'wf', nodes: [node], connections: {}, active: false, nodeTypes });
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper({ ippanelApi: apiKeyCredentials(base, apiKey) }),
		currentNodeParameters: parameters,
	} as unknown as IWorkflowExecuteAdditionalData;
	return new LoadOptionsContext(workflow, node, additionalData, 'parameters.countyId');
}
const methods = new Ippanel().methods.loadOptions;

describe('details the documents settle', () => {
	test('phonebook send: an empty Start is left out (the documents never show 0), Size stays', async () => {
		const result = await run({ resource: 'send', operation: 'phonebook', fromNumber: FROM, message: 'Hi', phonebookType: 'all', phonebookIds: ['123654'], size: 10 });
		expect(result.error).toBeUndefined();
		expect((sends()[0].body as any).params).toEqual([{ phonebook_ids: ['123654'], type: 'all', size: '10' }]);
		expect(result.items[0].json.recipients_count).toBe(10);
	});

	test('postal-code send satisfies both pages: gender, years and all three blocks (the emulator requiring the English fields)', async () => {
		const result = await run({ resource: 'send', operation: 'postalCode', fromNumber: FROM, message: 'Hi', postalCodes: '1314', postalFilters: { irancellSize: 20 } });
		expect(result.error).toBeUndefined();
		expect((sends()[0].body as any).params).toEqual([
			{ bank: 'all', gender: 0, age_from: 1300, age_to: 1410, mci: { start: 0, size: 0 }, irancell: { start: 0, size: 20 }, other: { start: 0, size: 0 }, postal_code: 1314 },
		]);
	});

	test('postal codes have 2 to 5 digits (the English page); six are refused before sending', async () => {
		const result = await run({ resource: 'send', operation: 'postalCode', fromNumber: FROM, message: 'Hi', postalCodes: '131456' });
		expect(result.error?.message).toMatch(/Not a postal code area of 2 to 5 digits: "131456" \(parameter "postalCodes", item 0\)/);
		expect(emu.requests).toHaveLength(0);
	});

	test('Sender Number → Get Many and the dropdown read on while pages come back full (250 lines, no paging meta)', async () => {
		fullEmu.setSenderLines(250);
		const result = await run({ resource: 'senderNumber', operation: 'getAll', returnAll: true });
		expect(result.items).toHaveLength(250);
		expect(emu.requests.map((r) => r.query.page)).toEqual(['1', '2', '3']);
		const options = await methods.getSenderNumbers.call(loadOptions(baseUrl(), EMULATOR_API_KEY, {}));
		expect(options).toHaveLength(250);
		expect(new Set(options.map((o) => o.value)).size).toBe(250);
	});

	test('a full last page without meta ends on the next, empty page', async () => {
		fullEmu.setSenderLines(200);
		const result = await run({ resource: 'senderNumber', operation: 'getAll', returnAll: true });
		expect(result.items).toHaveLength(200);
		expect(emu.requests.map((r) => r.query.page)).toEqual(['1', '2', '3']);
	});

	test('phonebooks dropdown: GET (the English page), and POST when the server answers 405 (the Persian page)', async () => {
		const scope = nock(BASE)
			.get('/api/phonebooks/list-new')
			.query(true)
			.reply(405, { data: null, meta: { status: false, message: 'Method Not Allowed', message_code: '405' } })
			.post('/api/phonebooks/list-new', { page: 1, per_page: 100 })
			.reply(200, ok([{ id: 123654, title: 'مشتریان', count: 250 }]));
		const options = await methods.getPhonebooks.call(loadOptions(BASE, 'test-key', {}));
		expect(options).toEqual([{ name: 'مشتریان (250 numbers)', value: '123654' }]);
		expect(scope.isDone()).toBe(true);
	});

	test('an empty pattern value (an expression that found nothing) is refused naming the variable and item; nothing sent', async () => {
		const result = await run(
			{
				resource: 'send',
				operation: 'pattern',
				fromNumber: FROM,
				patternCode: 'otp-login',
				recipients: '09121234567',
				patternVariables: { variable: [{ name: 'code', value: '={{ $json.code }}' }] },
			},
			{ items: [{ code: '1234' }, { other: 1 }], onError: 'continueRegularOutput' },
		);
		expect(result.items[1].json.error).toBe('The pattern variable "code" is empty (parameter "patternVariables.code", item 1)');
		expect(result.items[1].pairedItem).toEqual({ item: 1 });
		expect(sends().map((r) => (r.body as any).params)).toEqual([{ code: '1234' }]);
	});
});

describe('Pattern → Create, Update, Delete', () => {
	test('create reads the variables from the text; types can be overridden', async () => {
		const result = await run({
			resource: 'pattern',
			operation: 'create',
			message: 'Dear %name%, your code is %code%. %name%!',
			variableTypes: { variable: [{ name: 'code', type: 'integer' }] },
			additionalFields: { title: 'Login', website: 'https://example.com' },
		});
		expect(result.error).toBeUndefined();
		const request = emu.requests.find((r) => r.path === '/api/user/pattern')!;
		expect(request.body).toEqual({
			description: 'Login',
			is_share: false,
			message: 'Dear %name%, your code is %code%. %name%!',
			variable: [
				{ name: 'name', type: 'string' },
				{ name: 'code', type: 'integer' },
			],
			title: 'Login',
			website: 'https://example.com',
		});
		expect(result.items[0].json).toMatchObject({ pattern_status: 'pending', pattern_code: expect.any(String) });
	});

	test('update replaces the pattern; delete removes it; an unknown code is IPPanel\'s 404', async () => {
		const update = await run({ resource: 'pattern', operation: 'update', patternCode: 'order-shipped', message: 'Order %order% shipped', additionalFields: { description: 'Shipping', isShared: true } });
		expect(update.error).toBeUndefined();
		expect(emu.requests.at(-1)).toMatchObject({ method: 'PUT', path: '/api/patterns/normal/order-shipped', body: { description: 'Shipping', is_share: true, message: 'Order %order% shipped', variable: [{ name: 'order', type: 'string' }] } });
		const remove = await run({ resource: 'pattern', operation: 'delete', patternCode: 'order-shipped' });
		expect(remove.items[0].json).toEqual({ pattern_code: 'order-shipped', deleted: true });
		const again = await run({ resource: 'pattern', operation: 'delete', patternCode: 'order-shipped' });
		expect(again.error?.message).toMatch(/HTTP 404/);
	});

	test('Send Pattern can save the recipient into a phonebook in the same request', async () => {
		const result = await run({
			resource: 'send',
			operation: 'pattern',
			fromNumber: FROM,
			patternCode: 'otp-login',
			recipients: '09121234567',
			patternVariables: { variable: [{ name: 'code', value: '4321' }] },
			additionalFields: { saveToPhonebookId: '456987', contactName: 'Sara', contactPrefix: 'ms' },
		});
		expect(result.error).toBeUndefined();
		expect((sends()[0].body as any).phonebook).toEqual({ id: 456987, name: 'Sara', pre: 'ms' });
		expect(fullEmu.state.outbox.at(-1)).toMatchObject({ phonebookSave: 'added' });
	});
});

describe('region and job dropdowns through LoadOptionsContext', () => {
	test('province → county → city and category → sub-category; empty until the parent is chosen', async () => {
		const context = (parameters: INode['parameters']) => loadOptions(baseUrl(), EMULATOR_API_KEY, parameters);
		const provinces = await methods.getProvinces.call(context({}));
		expect(provinces).toHaveLength(31);
		expect(provinces[0]).toEqual({ name: 'تهران', value: '89' });
		expect(await methods.getCounties.call(context({}))).toEqual([]);
		const counties = await methods.getCounties.call(context({ provinceId: '119' }));
		expect(counties.map((c) => c.value)).toEqual(['147', '246', '884']);
		expect(await methods.getCities.call(context({ provinceId: '119', countyId: '884' }))).toEqual([{ name: 'طبس', value: '13' }]);
		const categories = await methods.getJobCategories.call(context({}));
		expect(categories).toHaveLength(8);
		const subs = await methods.getJobSubCategories.call(context({ jobCategoryId: '1' }));
		expect(subs.map((s) => s.value)).toEqual(['1', '2', '3']);
	});
});
