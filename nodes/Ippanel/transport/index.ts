import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { apiRoot, DEFAULT_BASE_URL, IppanelLoginError } from '../../../credentials/login';
import { ippanelError, type FailedCall } from '../helpers/errors';
import type { IppanelContext, IppanelEnvelope } from '../helpers/interfaces';
import { DEFAULT_CONCURRENCY } from '../helpers/pool';

export const CREDENTIAL_TYPE = 'ippanelApi';

const TIMEOUT_MS = 60_000;
/** Reads (never sends) are retried on these answers, with backoff. */
const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);
const READ_ATTEMPTS = 3;
const MAX_RETRY_AFTER_MS = 30_000;

export interface RequestOptions {
	body?: IDataObject | IDataObject[];
	qs?: IDataObject;
	/** multipart/form-data body (a FormData instance); only the file send uses it. */
	formData?: unknown;
	itemIndex?: number;
}

interface RawAnswer {
	status?: number;
	body?: unknown;
	retryAfter?: string;
	networkError?: string;
	/** The network error proves the request never reached a server (refused, host unknown). */
	neverSent?: boolean;
}

/** The paid-send endpoint: never retried, and its failures say whether anything went out. */
export function isSendEndpoint(method: IHttpRequestMethods, endpoint: string): boolean {
	return method === 'POST' && endpoint === '/api/send';
}

function parseBody(body: unknown): { envelope?: IppanelEnvelope; topLevelErrors?: IDataObject; reason?: string } {
	let parsed = body;
	if (typeof body === 'string' || Buffer.isBuffer(body)) {
		const text = body.toString();
		try {
			parsed = JSON.parse(text);
		} catch {
			const title = /<title>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
			const looksHtml = /^\s*</.test(text);
			return {
				reason: looksHtml
					? `the server answered with an HTML page${title ? ` "${title}"` : ''} instead of IPPanel JSON`
					: text.trim()
						? 'the answer was not valid JSON (cut off or not from IPPanel)'
						: 'the answer was empty',
			};
		}
	}
	if (typeof parsed !== 'object' || parsed === null || typeof (parsed as IDataObject).meta !== 'object') {
		return { reason: 'the answer was JSON but not an IPPanel envelope (no "meta")' };
	}
	const envelope = parsed as IppanelEnvelope & { errors?: IDataObject };
	return { envelope, topLevelErrors: envelope.errors };
}

/** Makes one HTTP request through n8n's authenticated helper and returns status + body, whatever they are. */
async function requestOnce(
	this: IppanelContext,
	options: IHttpRequestOptions,
	credentials: ICredentialDataDecryptedObject,
): Promise<RawAnswer> {
	const { id, name } = this.getNode().credentials?.[CREDENTIAL_TYPE] ?? {};
	try {
		const response = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, options, {
			// The credential apiRequest has just read: without it n8n reads and decrypts it again for every
			// request (a database read, ~2–3 ms per item in `npm run bench`). A re-login updates this object.
			credentialsDecrypted: { id: id ?? '', name: name ?? '', type: CREDENTIAL_TYPE, data: credentials },
			// n8n logs in again and repeats the request once after a 401, only useful for session tokens.
			preAuthenticationRetryStatusCode: credentials.authentication === 'login' ? 401 : [],
		})) as { statusCode: number; body: unknown; headers?: IDataObject };
		return { status: response.statusCode, body: response.body };
	} catch (error) {
		// n8n wraps the HTTP client's error; keep only status, body and retry hint (never its config/headers).
		const cause = (error as { cause?: IDataObject }).cause ?? (error as IDataObject);
		const response = (cause.response ?? {}) as { status?: number; data?: unknown; headers?: IDataObject };
		if (response.status !== undefined) {
			return { status: response.status, body: response.data, retryAfter: response.headers?.['retry-after'] as string };
		}
		if (cause instanceof IppanelLoginError) {
			throw new NodeOperationError(this.getNode(), cause.message, { description: 'Fix the IPPanel credential.' });
		}
		const code = (cause.code ?? (error as IDataObject).code) as string | undefined;
		return { networkError: describeNetworkError(code, (cause.message as string) ?? ''), neverSent: NEVER_SENT.has(code ?? '') };
	}
}

/** Network errors raised before a connection opened: the server cannot have received anything. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

function describeNetworkError(code: string | undefined, message: string): string {
	if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(message)) return 'the request timed out';
	if (code === 'ECONNREFUSED') return 'the connection was refused (is the Base URL right?)';
	if (code === 'ECONNRESET' || /socket hang up/i.test(message)) return 'the connection was dropped before an answer came';
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the Base URL host name could not be resolved';
	return `a network error occurred${code ? ` (${code})` : ''}`;
}

/** The credential's API root, refused before any request when it is not an http(s) address. */
function checkedRoot(this: IppanelContext, baseUrl: unknown, itemIndex?: number): string {
	const root = apiRoot(baseUrl);
	let protocol: string | undefined;
	try {
		protocol = new URL(root).protocol;
	} catch {
		protocol = undefined;
	}
	if (protocol !== 'https:' && protocol !== 'http:') {
		// The address itself is not repeated: users sometimes paste keys into the wrong field.
		throw new NodeOperationError(
			this.getNode(),
			`The IPPanel credential's Base URL is not a web address starting with https:// (credential field "Base URL"${itemIndex === undefined ? '' : `, item ${itemIndex}`})`,
			{
				itemIndex,
				description: `Set Base URL in the IPPanel credential to ${DEFAULT_BASE_URL} (or your panel's API address). No request was made, nothing was sent.`,
			},
		);
	}
	return root;
}

function retryDelayMs(attempt: number, retryAfter?: string): number {
	return retryAfterMs(retryAfter) ?? 500 * 2 ** attempt;
}

/**
 * The credential, read once per node run (the context n8n gives one execution of the node, one
 * poll or one dropdown load) and shared by its requests, as most n8n nodes read theirs once in
 * `execute`. n8n reads and decrypts a credential from its database on every `getCredentials`
 * (2–3 ms each), which concurrent requests would pay many times over; and one shared object
 * means a token renewed after a 401 serves every request that follows.
 */
const credentialsByRun = new WeakMap<object, Promise<ICredentialDataDecryptedObject>>();

function credentialsOf(context: IppanelContext, itemIndex?: number): Promise<ICredentialDataDecryptedObject> {
	let credentials = credentialsByRun.get(context);
	if (!credentials) {
		credentials = context.getCredentials(CREDENTIAL_TYPE, itemIndex ?? 0);
		credentialsByRun.set(context, credentials);
		// A failed read is not kept: the next request reads again and reports its own error.
		credentials.catch(() => credentialsByRun.delete(context));
	}
	return credentials;
}

/**
 * The one place that calls IPPanel. Checks the HTTP status and `meta.status`, turns every failure
 * into a NodeApiError with IPPanel's own (Persian) message, and retries reads, never `/api/send`.
 */
export async function apiRequest(
	this: IppanelContext,
	method: IHttpRequestMethods,
	endpoint: string,
	{ body, qs, formData, itemIndex }: RequestOptions = {},
): Promise<IppanelEnvelope> {
	const credentials = await credentialsOf(this, itemIndex);
	const isSend = isSendEndpoint(method, endpoint);
	const options: IHttpRequestOptions = {
		method,
		url: `${checkedRoot.call(this, credentials.baseUrl, itemIndex)}${endpoint}`,
		qs,
		body: (formData ?? body) as IHttpRequestOptions['body'],
		json: formData === undefined,
		returnFullResponse: true,
		timeout: TIMEOUT_MS,
	};
	if (formData === undefined) options.headers = { Accept: 'application/json' };

	const attempts = isSend ? 1 : READ_ATTEMPTS;
	let answer: RawAnswer = {};
	for (let attempt = 0; attempt < attempts; attempt++) {
		answer = await requestOnce.call(this, options, credentials);
		const retryable = answer.networkError !== undefined || RETRYABLE_STATUS.has(answer.status ?? 0);
		if (!retryable || attempt === attempts - 1) break;
		await sleep(retryDelayMs(attempt, answer.retryAfter));
	}

	const failed: FailedCall = { isSend, endpoint, itemIndex, status: answer.status };
	if (answer.networkError !== undefined) {
		throw ippanelError(this.getNode(), { ...failed, reason: answer.networkError, neverSent: answer.neverSent });
	}
	const parsed = parseBody(answer.body);
	if (answer.status === 200 && parsed.envelope?.meta.status === true) return parsed.envelope;
	// Any other status, or HTTP 200 with meta.status false: IPPanel said no.
	const error = ippanelError(this.getNode(), { ...failed, ...parsed });
	if (answer.status === 429) slowDownHints.set(error, retryAfterMs(answer.retryAfter));
	throw error;
}

/** Errors of calls IPPanel answered with 429, and the wait its Retry-After asked for (undefined: none). */
const slowDownHints = new WeakMap<Error, number | undefined>();

function retryAfterMs(header: string | undefined): number | undefined {
	const seconds = Number(header);
	if (header === undefined || header === '' || !Number.isFinite(seconds) || seconds < 0) return undefined;
	return Math.min(seconds * 1000, MAX_RETRY_AFTER_MS);
}

/**
 * Whether `error` is IPPanel answering 429 ("too many" / the same send again) to a call of
 * `apiRequest`, and the wait its Retry-After header asked for, capped at 30 s.
 */
export function slowDownHint(error: unknown): { retryAfterMs?: number } | undefined {
	if (!(error instanceof Error) || !slowDownHints.has(error)) return undefined;
	return { retryAfterMs: slowDownHints.get(error) };
}

/** How a list endpoint takes its page: in the query or the JSON body, and the name of its size field. */
export interface Pagination {
	method: IHttpRequestMethods;
	endpoint: string;
	body?: IDataObject;
	qs?: IDataObject;
	pageIn: 'qs' | 'body';
	sizeParam: 'per_page' | 'limit';
	pageSize: number;
	/**
	 * For endpoints documented without paging meta (sender numbers): when an answer has no
	 * `last_page`, read on while pages come back full, rather than taking one page as all.
	 */
	whileFull?: boolean;
}

/** How a paged read runs. */
export interface PagingOptions {
	/** Pages requested at once once the first page told how many there are (1: one after another). */
	concurrency?: number;
	/**
	 * The pages the caller expects to need (a Limit of rows, a sample of pages): pages beyond it
	 * are asked for one at a time, only when the caller reads on, so no page is fetched for nothing.
	 */
	pagesWanted?: number;
}

interface PageAnswer {
	rows: IDataObject[];
	/** `meta.total`, NaN when the answer has none. */
	total: number;
	/** `meta.last_page`, NaN when the answer has none (a single page). */
	lastPage: number;
	currentPage: number;
}

/**
 * Yields one page of rows at a time, in page order, following `meta.current_page` /
 * `meta.last_page` as the API reports them on each page; an answer without `last_page` is a
 * single page (with `whileFull`: read on, one page at a time, while pages come back full). Once the first page has told how many there are, up to `concurrency` of the
 * following pages are requested at once, and each is yielded as soon as it and every page
 * before it have arrived: at most `concurrency` pages are held ahead of the caller. A failed page
 * fails the read when the caller reaches it; pages requested beyond where the caller stops are
 * dropped unread.
 *
 * Pages asked for at once are not answered in order. On a newest-first list a row added meanwhile
 * pushes every row one place down, so a page answered before the addition and an earlier page
 * answered after it would leave a gap between them (sequential paging only repeats rows, which
 * `firstSeen` drops). The answers' `meta.total` shows it: a page reporting fewer rows in all than
 * a page before it was answered before rows were added, and is asked for again (once: a list
 * that also lost rows meanwhile pages as it would sequentially).
 */
export async function* apiPages(
	this: IppanelContext,
	pagination: Pagination,
	itemIndex = 0,
	{ concurrency = DEFAULT_CONCURRENCY, pagesWanted = Infinity }: PagingOptions = {},
): AsyncGenerator<IDataObject[]> {
	const { method, endpoint, pageIn, sizeParam, pageSize } = pagination;
	const fetchPage = async (page: number): Promise<PageAnswer> => {
		const paging = { page, [sizeParam]: pageSize };
		const { data, meta } = await apiRequest.call(this, method, endpoint, {
			body: pageIn === 'body' ? { ...pagination.body, ...paging } : pagination.body,
			qs: pageIn === 'qs' ? { ...pagination.qs, ...paging } : pagination.qs,
			itemIndex,
		});
		return {
			rows: Array.isArray(data) ? (data as IDataObject[]) : [],
			total: meta.total === undefined || meta.total === null ? NaN : Number(meta.total),
			lastPage: Number(meta.last_page),
			currentPage: Number(meta.current_page ?? page),
		};
	};
	const width = Math.max(1, Math.floor(concurrency));
	const ahead = new Map<number, Promise<PageAnswer>>();
	let requested = 1;
	let lastPage = 1;
	let mostRows = -Infinity;
	let previousFirst: string | undefined;
	try {
		for (let page = 1; ; page++) {
			// Ask for the pages after this one, up to `width` in flight, never past the last page
			// known, and one by one past the pages the caller expects to need.
			const until = Math.min(lastPage, page > pagesWanted ? page : Math.min(pagesWanted, page + width - 1));
			while (requested < until) {
				const next = ++requested;
				const answer = fetchPage(next);
				answer.catch(() => {}); // read (or dropped) when the caller gets there
				ahead.set(next, answer);
			}
			const pending = ahead.get(page);
			ahead.delete(page);
			let answer = await (pending ?? fetchPage(page));
			// Answered before rows were added that an earlier page already counted: ask again.
			if (width > 1 && answer.total < mostRows) answer = await fetchPage(page);
			if (Number.isFinite(answer.total)) mostRows = Math.max(mostRows, answer.total);
			const { rows, lastPage: reported, currentPage } = answer;
			if (pagination.whileFull) {
				// A server that ignores `page` would answer the same full page forever: stop on a repeat.
				const first = JSON.stringify(rows[0] ?? null);
				if (page > 1 && first === previousFirst) return;
				previousFirst = first;
			}
			if (rows.length) yield rows;
			if (!Number.isFinite(reported) && pagination.whileFull && rows.length >= pageSize) {
				lastPage = page + 1;
				continue;
			}
			if (!rows.length || !Number.isFinite(reported) || currentPage >= reported) return;
			lastPage = reported;
		}
	} finally {
		ahead.clear();
	}
}

/**
 * A filter that passes each row the first time its id is seen. Newest-first lists shift while
 * they are paged: rows added meanwhile push earlier rows onto the next page, which repeats them.
 * Rows without an id always pass.
 */
export function firstSeen<Row>(idOf: (row: Row) => unknown): (row: Row) => boolean {
	const seen = new Set<unknown>();
	return (row) => {
		const id = idOf(row);
		if (id === null || id === undefined) return true;
		if (seen.has(id)) return false;
		seen.add(id);
		return true;
	};
}

/**
 * Every row of a list endpoint, or the first `limit` rows, in the API's order. `map` shapes each
 * row as its page comes up in order (returning undefined drops it), so pages are never held twice.
 */
export async function apiRequestAllItems(
	this: IppanelContext,
	pagination: Pagination,
	{
		limit,
		itemIndex = 0,
		map,
		concurrency,
	}: {
		limit?: number;
		itemIndex?: number;
		map?: (row: IDataObject) => IDataObject | undefined;
		/** Pages requested at once (default DEFAULT_CONCURRENCY); see apiPages. */
		concurrency?: number;
	} = {},
): Promise<IDataObject[]> {
	const results: IDataObject[] = [];
	// With a limit, the pages that hold it are read at once; past them one by one (rows dropped by `map`).
	const pagesWanted = limit === undefined ? Infinity : Math.ceil(limit / Math.max(1, pagination.pageSize));
	for await (const rows of apiPages.call(this, pagination, itemIndex, { concurrency, pagesWanted })) {
		for (const row of rows) {
			const shaped = map ? map(row) : row;
			if (shaped === undefined) continue;
			results.push(shaped);
			if (limit !== undefined && results.length >= limit) return results;
		}
	}
	return results;
}
