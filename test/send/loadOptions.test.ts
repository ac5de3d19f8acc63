/**
 * The From Number dropdown: the node's own `methods.loadOptions.getSenderNumbers`, called through
 * n8n-core's LoadOptionsContext (what the editor uses) with the real credential and HTTP stack.
 */
import { LoadOptionsContext } from 'n8n-core';
import type { INode, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import nock from 'nock';

import { Ippanel } from '../../dist/nodes/Ippanel/Ippanel.node';
import { API_KEY, apiKeyCredentials } from '../harness';
import { TestCredentialsHelper } from '../harness/credentials';
import { nodeTypes } from '../harness/nodes';
import { BASE, FROM, ok } from './fixtures';

function loadOptionsContext(parameters: INode['parameters']) {
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
		credentialsHelper: new TestCredentialsHelper({ ippanelApi: apiKeyCredentials(BASE) }),
		currentNodeParameters: parameters,
	} as unknown as IWorkflowExecuteAdditionalData;
	return new LoadOptionsContext(workflow, node, additionalData, 'parameters.fromNumber');
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
		['fromNumber', 'getSenderNumbers', ['file']],
		['fromNumber', 'getSenderNumbers', ['job']],
		['jobCategoryId', 'getJobCategories', ['job']],
		['jobSubCategoryId', 'getJobSubCategories', ['job']],
		['fromNumber', 'getSenderNumbers', ['keyword']],
		['fromNumber', 'getSenderNumbers', ['region']],
		['provinceId', 'getProvinces', ['region']],
		['countyId', 'getCounties', ['region']],
		['cityId', 'getCities', ['region']],
	]);
	const resource = properties.find((property) => property.name === 'resource')!;
	expect(resource.default).toBe('send');
	// The dropdowns are sorted by name (as n8n's lint asks); the default stays what it was.
	expect((resource.options as Array<{ value: string }>).map((option) => option.value)).toEqual([
		'account', 'audience', 'pattern', 'report', 'send', 'senderNumber',
	]);
	const sendOperation = properties.find((property) => property.name === 'operation' && property.displayOptions?.show?.resource?.[0] === 'send')!;
	expect(sendOperation.default).toBe('webservice');
	expect((sendOperation.options as Array<{ value: string }>).map((option) => option.value)).toEqual([
		'cancel', 'estimatePrice', 'job', 'postalCode', 'region', 'file', 'keyword', 'pattern', 'peerToPeer', 'peerToPeerFile', 'webservice', 'phonebook', 'votp',
	]);
});
