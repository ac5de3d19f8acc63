/**
 * The From Number dropdown: the node's own `methods.loadOptions.getSenderNumbers`, called through
 * n8n-core's LoadOptionsContext (what the editor uses) with the real credential and HTTP stack.
 */
import { LoadOptionsContext } from 'n8n-core';
import type { INode, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import nock from 'nock';

import { Ippanel } from '../../dist/nodes/Ippanel/Ippanel.node';
import { API_KEY, apiKeyCredentials, loginCredentials, type CredentialStore } from '../harness';
import { TestCredentialsHelper } from '../harness/credentials';
import { count, EMULATOR_API_KEY, useEmulator } from '../harness/emulator';
import { nodeTypes } from '../harness/nodes';
import { page } from '../report/fixtures';
import { BASE, FROM, ok } from './fixtures';

function loadOptionsContext(parameters: INode['parameters'], credentials: CredentialStore = apiKeyCredentials(BASE), path = 'parameters.fromNumber') {
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
		credentialsHelper: new TestCredentialsHelper({ ippanelApi: credentials }),
		currentNodeParameters: parameters,
	} as unknown as IWorkflowExecuteAdditionalData;
	return new LoadOptionsContext(workflow, node, additionalData, path);
}

/** Runs one of the node's dropdown methods the way the editor's request does. */
async function dropdown(method: 'getSenderNumbers' | 'getPhonebooks' | 'getPatterns', credentials?: CredentialStore) {
	const path = { getSenderNumbers: 'parameters.fromNumber', getPhonebooks: 'parameters.phonebookIds', getPatterns: 'parameters.patternCode' }[method];
	const operation = method === 'getPatterns' ? 'pattern' : method === 'getPhonebooks' ? 'phonebook' : 'webservice';
	const context = loadOptionsContext({ resource: 'send', operation }, credentials, path);
	return await new Ippanel().methods.loadOptions[method].call(context);
}

test('the sender lines of the account, their E.164 number as value, alias in the name', async () => {
	const scope = nock(BASE, { reqheaders: { authorization: API_KEY } })
		.get('/api/number/numbers')
		.query({ page: 1, per_page: 100 })
		.reply(200, ok([
			{ id: 1, number: FROM, operator_id: 1, alias: 'تبلیغات', gets: 1, is_66_char: 0 },
			{ id: 2, number: '+9890005000', operator_id: 2, alias: null, gets: 0, is_66_char: 1 },
		]));
	const context = loadOptionsContext({ resource: 'send', operation: 'webservice' });
	const options = await new Ippanel().methods.loadOptions.getSenderNumbers.call(context);
	expect(scope.isDone()).toBe(true);
	expect(options).toEqual([
		{ name: `${FROM} (تبلیغات)`, value: FROM, description: 'Can also receive messages' },
		{ name: '+9890005000', value: '+9890005000', description: undefined },
	]);
});

test('the send parameters point at the dropdowns', () => {
	const properties = new Ippanel().description.properties;
	const loaders = properties
		.filter((property) => property.typeOptions?.loadOptionsMethod && property.displayOptions?.show?.resource?.includes('send'))
		.map((property) => [property.name, property.typeOptions!.loadOptionsMethod, property.displayOptions!.show!.operation]);
	expect(loaders).toEqual([
		['fromNumber', 'getSenderNumbers', ['estimatePrice']],
		['fromNumber', 'getSenderNumbers', ['pattern']],
		['patternCode', 'getPatterns', ['pattern']],
		['fromNumber', 'getSenderNumbers', ['peerToPeer']],
		['fromNumber', 'getSenderNumbers', ['peerToPeerFile']],
		['fromNumber', 'getSenderNumbers', ['phonebook']],
		['phonebookIds', 'getPhonebooks', ['phonebook']],
		['phonebookId', 'getPhonebooks', ['phonebook']],
		['fromNumber', 'getSenderNumbers', ['postalCode']],
		['fromNumber', 'getSenderNumbers', ['webservice']],
	]);
	const resource = properties.find((property) => property.name === 'resource')!;
	expect(resource.default).toBe('send');
	// The dropdowns are sorted by name (as n8n's lint asks); the default stays what it was.
	expect((resource.options as Array<{ value: string }>).map((option) => option.value)).toEqual([
		'account', 'pattern', 'report', 'send', 'senderNumber',
	]);
	const sendOperation = properties.find((property) => property.name === 'operation' && property.displayOptions?.show?.resource?.[0] === 'send')!;
	expect(sendOperation.default).toBe('webservice');
	expect((sendOperation.options as Array<{ value: string }>).map((option) => option.value)).toEqual([
		'cancel', 'estimatePrice', 'postalCode', 'pattern', 'peerToPeer', 'peerToPeerFile', 'webservice', 'phonebook', 'votp',
	]);
});

describe('the phonebook dropdown', () => {
	const phonebook = (id: number, title: string, count?: number) => ({ id, title, ...(count === undefined ? {} : { count }), export_status: 0, import_status: 0, options: [] });

	test('every page of the account\'s phonebooks, id as value, title and size in the name', async () => {
		const asked: string[] = [];
		const scope = nock(BASE, { reqheaders: { authorization: API_KEY } })
			.get('/api/phonebooks/list-new')
			.query(true)
			.times(2)
			.reply(200, (uri) => {
				const query = new URL(uri, BASE).searchParams;
				asked.push(query.toString());
				return query.get('page') === '1'
					? page([phonebook(123654, 'مشتریان', 250), phonebook(456987, 'همکاران', 12)], { current: 1, last: 2, perPage: 100, total: 3 })
					: page([phonebook(789, 'VIP')], { current: 2, last: 2, perPage: 100, total: 3 });
			});
		const options = await dropdown('getPhonebooks');
		expect(scope.isDone()).toBe(true);
		expect(asked).toEqual(['page=1&per_page=100', 'page=2&per_page=100']);
		expect(options).toEqual([
			{ name: 'مشتریان (250 numbers)', value: '123654' },
			{ name: 'همکاران (12 numbers)', value: '456987' },
			{ name: 'VIP (? numbers)', value: '789' },
		]);
	});

	test('a huge account: the list stops at 500 entries (5 pages), so the editor never stalls', async () => {
		const asked: number[] = [];
		nock(BASE)
			.get('/api/phonebooks/list-new')
			.query(true)
			.times(5)
			.reply(200, (uri) => {
				const current = Number(new URL(uri, BASE).searchParams.get('page'));
				asked.push(current);
				const rows = Array.from({ length: 100 }, (_, i) => phonebook((current - 1) * 100 + i + 1, `Book ${(current - 1) * 100 + i + 1}`, 1));
				return page(rows, { current, last: 20, perPage: 100, total: 2000 });
			});
		const options = await dropdown('getPhonebooks');
		expect(asked).toEqual([1, 2, 3, 4, 5]);
		expect(options).toHaveLength(500);
		expect(options[499]).toEqual({ name: 'Book 500 (1 numbers)', value: '500' });
	});

	test('IPPanel refusing the key: the dropdown shows IPPanel\'s error, one request', async () => {
		const scope = nock(BASE)
			.get('/api/phonebooks/list-new')
			.query(true)
			.reply(401, { data: null, meta: { status: false, message: 'اطلاعات وارد شده صحیح نمی باشد', message_parameters: [], message_code: '400-1', errors: {} } });
		await expect(dropdown('getPhonebooks')).rejects.toThrow('IPPanel request failed (HTTP 401 400-1): اطلاعات وارد شده صحیح نمی باشد');
		expect(scope.isDone()).toBe(true);
	});
});

test('the pattern dropdown: code as value, title (or code) and the start of the text in the name, status below', async () => {
	const scope = nock(BASE, { reqheaders: { authorization: API_KEY } })
		.get('/api/patterns')
		.query({ page: 1, per_page: 100 })
		.reply(200, page([
			{ pattern_code: 'otp-login', title: 'کد ورود', pattern_message: 'کد ورود شما: %code%', pattern_status: 'active' },
			{ pattern_code: 'long', title: null, pattern_message: 'x'.repeat(80), pattern_status: null },
		]));
	const options = await dropdown('getPatterns');
	expect(scope.isDone()).toBe(true);
	expect(options).toEqual([
		{ name: 'کد ورود: کد ورود شما: %code%', value: 'otp-login', description: 'Status: active' },
		{ name: `long: ${'x'.repeat(60)}`, value: 'long', description: undefined },
	]);
});

describe('the dropdowns against the emulator', () => {
	const { emu, baseUrl } = useEmulator();

	test('logged in: sender lines and phonebooks, one login, then each list with the session token', async () => {
		const credentials = loginCredentials(baseUrl());
		expect(await dropdown('getSenderNumbers', credentials)).toEqual([
			{ name: '+983000505', value: '+983000505', description: 'Can also receive messages' },
			{ name: '+98100020400 (خط اصلی)', value: '+98100020400', description: 'Can also receive messages' },
			{ name: '+9850004150', value: '+9850004150', description: undefined },
		]);
		expect(await dropdown('getPhonebooks', credentials)).toEqual([
			{ name: 'مشتریان (250 numbers)', value: '123654' },
			{ name: 'همکاران (12 numbers)', value: '456987' },
		]);
		expect(count(emu, 'POST', '/api/acl/auth/login')).toBe(1);
		expect(credentials.preAuthCalls).toBe(1);
		const lists = emu.requests.filter((request) => request.path !== '/api/acl/auth/login');
		expect(lists.map((request) => [request.method, request.path, request.query])).toEqual([
			['GET', '/api/number/numbers', { page: '1', per_page: '100' }],
			['GET', '/api/phonebooks/list-new', { page: '1', per_page: '100' }],
		]);
		expect(lists.every((request) => request.headers.authorization === credentials.data.sessionToken)).toBe(true);
		expect(credentials.data.sessionToken).not.toBe('');
	});

	test('with the API key: the same lists', async () => {
		const credentials = apiKeyCredentials(baseUrl(), EMULATOR_API_KEY);
		expect((await dropdown('getSenderNumbers', credentials)).map((option) => option.value)).toEqual(['+983000505', '+98100020400', '+9850004150']);
		expect((await dropdown('getPhonebooks', credentials)).map((option) => option.value)).toEqual(['123654', '456987']);
		expect(emu.requests.map((request) => request.headers.authorization)).toEqual([EMULATOR_API_KEY, EMULATOR_API_KEY]);
	});
});
