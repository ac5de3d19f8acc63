import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeProperties,
	IWorkflowExecuteAdditionalData,
	Workflow,
} from 'n8n-workflow';
import { ICredentialsHelper, isExpression } from 'n8n-workflow';
import { Credentials } from 'n8n-core';

import { IppanelApi } from '../../dist/credentials/IppanelApi.credentials';

export const credentialTypes: Record<string, ICredentialType> = { ippanelApi: new IppanelApi() };

/**
 * Applies a credential type's `authenticate` to a request as n8n's CredentialsHelper does: a
 * function is called; the generic (declarative) form has each key and value resolved as an
 * expression with `$credentials` (an empty result becomes '') and set on the request.
 */
export async function applyAuthenticate(
	type: ICredentialType,
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
	workflow: Workflow,
	node: INode,
): Promise<IHttpRequestOptions> {
	const { authenticate } = type;
	if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
	if (!authenticate || authenticate.type !== 'generic') return requestOptions;
	const resolve = (value: unknown) => {
		if (!isExpression(value)) return value as string;
		const resolved = workflow.expression.getSimpleParameterValue(node, value as string, 'internal', { $credentials: credentials }, undefined, '');
		return resolved ? String(resolved) : '';
	};
	requestOptions.headers ??= {};
	const target = requestOptions as unknown as Record<string, Record<string, unknown>>;
	for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
		for (const [key, value] of Object.entries(outerValue as Record<string, unknown>)) {
			target[outerKey] ??= {};
			target[outerKey][resolve(key)] = resolve(value);
		}
	}
	return requestOptions;
}

/**
 * What n8n stores for one credential, shared by every run of a test so a session token
 * persisted by `preAuthentication` is seen by the next request, as in n8n's database.
 */
export class CredentialStore {
	/** How often `preAuthentication` ran, and how often its result was persisted. */
	preAuthCalls = 0;

	updates = 0;

	/** How often n8n read (decrypted) the credential: a database read in real n8n. */
	reads = 0;

	constructor(public data: ICredentialDataDecryptedObject) {}
}

/**
 * The engine's credentials helper, doing what n8n's own does for this credential type:
 * `authenticate` (applyAuthenticate), and `preAuthentication` when the expirable property is empty or
 * after a 401, persisting the result.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly stores: Record<string, CredentialStore>) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return credentialTypes[type].properties;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		return await applyAuthenticate(credentialTypes[typeName], credentials, requestOptions, workflow, node);
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		_node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = credentialTypes[typeName];
		const expirable = type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && credentials[expirable.name] !== undefined && !credentialsExpired) {
			return undefined;
		}
		const store = this.stores[typeName];
		store.preAuthCalls++;
		const output = await type.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		store.updates++;
		Object.assign(store.data, output);
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	getOAuth2Options() {
		return undefined;
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		// A copy, as n8n decrypts a fresh object for every use.
		if (this.stores[type]) this.stores[type].reads++;
		return { ...(this.stores[type]?.data ?? {}) };
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<Credentials> {
		return new Credentials({ id: nodeCredentials.id, name: nodeCredentials.name }, type, '');
	}

	async updateCredentials(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		Object.assign(this.stores[type].data, data);
	}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	isCredentialUsableByNode(): boolean {
		return true;
	}
}
