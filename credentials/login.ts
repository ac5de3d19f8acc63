import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper } from 'n8n-workflow';

import { decodeBase32, totp } from './totp';

/** Logging in to IPPanel with username and password, for the credential's preAuthentication. */

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
export async function logIn(
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

/**
 * Logins that replace one expired session token, kept a minute: the node sends several requests
 * at once, and when the token expires each of them gets its 401 and n8n asks for a new token
 * for each. The first asks IPPanel; the others (in flight or up to a minute later, holding the
 * same expired token) get the same new token instead of logging in again.
 */
const renewals = new Map<string, { token: Promise<string>; at: number }>();
const RENEWAL_SHARED_MS = 60_000;

/** A new session token: logs in, or shares the login that already replaces the same expired token. */
export async function renewSession(
	helpers: IHttpRequestHelper['helpers'],
	credentials: ICredentialDataDecryptedObject,
): Promise<string> {
	const expired = String(credentials.sessionToken ?? '');
	if (!expired) return await logIn(helpers, credentials);
	const now = Date.now();
	for (const [key, renewal] of renewals) if (now - renewal.at > RENEWAL_SHARED_MS) renewals.delete(key);
	const key = JSON.stringify([apiRoot(credentials.baseUrl), String(credentials.username ?? ''), expired]);
	let renewal = renewals.get(key);
	if (!renewal) {
		renewal = { token: logIn(helpers, credentials), at: now };
		renewals.set(key, renewal);
		// A failed login is not shared with later requests: they try again (and report their own error).
		renewal.token.catch(() => renewals.delete(key));
	}
	return await renewal.token;
}
