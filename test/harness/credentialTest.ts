import { OutboundHttp } from '@n8n/backend-network';
import { Container } from '@n8n/di';
import type { IDataObject, IHttpRequestOptions, INode } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import type { CredentialStore } from './credentials';
import { applyAuthenticate, credentialTypes } from './credentials';
import { nodeTypes } from './nodes';

const httpRequest = async (options: IHttpRequestOptions) =>
	await Container.get(OutboundHttp).requests().request(options);

/**
 * Does what n8n's "Test" button in the credential dialog does for this type: preAuthentication,
 * the type's `test.request` (expressions resolved with `$credentials`), then its rules.
 */
export async function testCredential(store: CredentialStore): Promise<{ status: 'OK' | 'Error'; message: string }> {
	const type = credentialTypes.ippanelApi;
	const credentials = { ...store.data };
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'test.input',
		typeVersion: 1,
		position: [0, 0],
		parameters: { temp: '' },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	try {
		Object.assign(credentials, await type.preAuthentication!.call({ helpers: { httpRequest } } as never, credentials));
		const { request, rules } = type.test!;
		const resolve = (value: string | undefined) =>
			workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }) as string;
		let options: IHttpRequestOptions = {
			method: request.method ?? 'GET',
			baseURL: resolve(request.baseURL),
			url: request.url ?? '',
			json: true,
		};
		options = await applyAuthenticate(type, credentials, options, workflow, node);
		const body = (await httpRequest(options)) as IDataObject;
		for (const rule of rules ?? []) {
			if (rule.type !== 'responseSuccessBody') continue;
			const { key, value, message } = rule.properties;
			const actual = key.split('.').reduce<unknown>((obj, part) => (obj as IDataObject)?.[part], body);
			if (actual === value) return { status: 'Error', message };
		}
		return { status: 'OK', message: 'Connection successful!' };
	} catch (error) {
		return { status: 'Error', message: (error as Error).message };
	}
}
