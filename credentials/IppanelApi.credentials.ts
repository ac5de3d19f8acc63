import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { DEFAULT_BASE_URL, renewSession } from './login';

export class IppanelApi implements ICredentialType {
	name = 'ippanelApi';

	displayName = 'IPPanel API';

	documentationUrl = 'https://github.com/ippanel-edge/n8n-nodes-ippanel-edge#credentials';

	icon: Icon = { light: 'file:../nodes/Ippanel/ippanel.svg', dark: 'file:../nodes/Ippanel/ippanel.dark.svg' };

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_BASE_URL,
			description: 'The IPPanel Edge API address. Change it only for a reseller panel or a test server.',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{
					name: 'API Key',
					value: 'apiKey',
					description: 'Recommended. Create a key in the IPPanel panel; it never expires.',
				},
				{
					name: 'Username and Password',
					value: 'login',
					description: 'Logs in and renews the 10-hour session token by itself',
				},
			],
			default: 'apiKey',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['apiKey'] } },
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['login'] } },
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['login'] } },
		},
		{
			displayName: 'TOTP Secret',
			name: 'totpSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Only for accounts with Google Authenticator 2-step login: the base32 secret shown when it was set up. n8n computes the 6-digit code itself.',
			displayOptions: { show: { authentication: ['login'] } },
		},
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	/** n8n calls this when `sessionToken` is empty and again after a 401, then stores what it returns. */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		// An API key needs no session; returning no sessionToken leaves the stored one untouched.
		if (credentials.authentication !== 'login') return {};
		return { sessionToken: await renewSession(this.helpers, credentials) };
	}

	/**
	 * IPPanel wants the key or the session token raw, without "Bearer". The generic (declarative)
	 * form, not a method: n8n lists a credential in the HTTP Request node (Custom API Call) only
	 * when its `authenticate` can be read without running code.
	 */
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '={{ $credentials.authentication === "login" ? $credentials.sessionToken : $credentials.apiKey }}',
			},
		},
	};

	/** The credential in the HTTP Request node: Authentication → Predefined Credential Type → IPPanel API. */
	httpRequestNode = {
		name: 'IPPanel',
		docsUrl: 'https://github.com/ippanel-edge/n8n-nodes-ippanel-edge/blob/main/docs/custom-api-call.md',
		apiBaseUrl: `${DEFAULT_BASE_URL}/api/`,
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ ($credentials.baseUrl || "' + DEFAULT_BASE_URL + '").trim().replace(/\\/+$/, "").replace(/\\/api$/i, "") }}',
			url: '/api/payment/credit/mine',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: { key: 'meta.status', value: false, message: 'IPPanel refused this API key or login' },
			},
		],
	};
}
