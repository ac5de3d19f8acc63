import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { decodeBase32, totp } from './totp';

export const DEFAULT_BASE_URL = 'https://edge.ippanel.com/v1';

/**
 * The API root every path is appended to. Users paste the base URL in many shapes
 * (`…/v1/`, `…/v1/api`, with spaces); all of them mean the same root.
 */
export function apiRoot(baseUrl: unknown): string {
	const url = String(baseUrl ?? '').trim() || DEFAULT_BASE_URL;
	return url.replace(/\/+$/, '').replace(/\/api$/i, '');
}

/** A login that cannot succeed as configured; its message tells the user what to change. */
export class IppanelLoginError extends Error {
	name = 'IppanelLoginError';
}

interface LoginAnswer {
	status: number;
	body: IDataObject;
}

async function postJson(
	helpers: IHttpRequestHelper['helpers'],
	url: string,
	body: IDataObject,
): Promise<LoginAnswer> {
	const response = (await helpers.httpRequest({
		method: 'POST',
		url,
		body,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: 30000,
	})) as { statusCode: number; body: unknown };
	const parsed =
		typeof response.body === 'object' && response.body !== null
			? (response.body as IDataObject)
			: {};
	return { status: response.statusCode, body: parsed };
}

function persianMessage(body: IDataObject): string {
	const meta = (body.meta ?? {}) as IDataObject;
	return typeof meta.message === 'string' ? ` (IPPanel: ${meta.message})` : '';
}

function tokenOf(answer: LoginAnswer): { method?: string; token?: string } {
	const data = (answer.body.data ?? {}) as IDataObject;
	return { method: data.method as string | undefined, token: data.token as string | undefined };
}

/** Logs in with username + password (and a TOTP code for `ga` accounts) and returns the 10-hour session token. */
async function logIn(
	helpers: IHttpRequestHelper['helpers'],
	credentials: ICredentialDataDecryptedObject,
): Promise<string> {
	const root = apiRoot(credentials.baseUrl);
	const login = await postJson(helpers, `${root}/api/acl/auth/login`, {
		username: String(credentials.username ?? ''),
		password: String(credentials.password ?? ''),
	});
	const { method, token } = tokenOf(login);
	if (login.status !== 200 || !token) {
		throw new IppanelLoginError(
			`IPPanel login failed: the username or password is wrong (HTTP ${login.status})${persianMessage(login.body)}. ` +
				'Check both in the IPPanel credential, or use an API key instead.',
		);
	}
	if (method === 'login') return token;
	if (method === 'sms') {
		throw new IppanelLoginError(
			'This IPPanel account confirms each login with a code sent by SMS, which n8n cannot read. ' +
				'Use Authentication "API Key" in the credential (IPPanel panel → Developers → API keys), ' +
				'or switch the account to Google Authenticator and fill in "TOTP Secret".',
		);
	}
	if (method !== 'ga') {
		throw new IppanelLoginError(`IPPanel login answered an unknown second-step method "${String(method)}". Use an API key instead.`);
	}
	if (!credentials.totpSecret) {
		throw new IppanelLoginError(
			'This IPPanel account uses Google Authenticator (2-step login). Fill in "TOTP Secret" in the credential ' +
				'(the base32 key shown when the authenticator was set up), or use an API key instead.',
		);
	}
	const otp = totp(decodeBase32(String(credentials.totpSecret)), Date.now());
	const confirm = await postJson(helpers, `${root}/api/acl/auth/confirm_otp`, { token, otp });
	const confirmed = tokenOf(confirm);
	if (confirm.status !== 200 || !confirmed.token) {
		throw new IppanelLoginError(
			`IPPanel rejected the authenticator code (HTTP ${confirm.status})${persianMessage(confirm.body)}. ` +
				"Check the credential's TOTP Secret and that this machine's clock is correct.",
		);
	}
	return confirmed.token;
}

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
		return { sessionToken: await logIn(this.helpers, credentials) };
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
