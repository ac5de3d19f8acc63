/**
 * No secret leaves a run: every operation, success and failure, with an API key and with
 * username + password + TOTP secret (re-login included). Scanned: output items (json and binary),
 * the error (message, description, context, stack), run data, and everything n8n logged at debug.
 */
import './debugLogging';

import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import { Writable } from 'stream';
import winston from 'winston';
import type { INodeParameters } from 'n8n-workflow';

import { apiKeyCredentials, everythingProduced, loginCredentials, runNode, type CredentialStore, type RunResult } from '../harness';
import type { InputFile } from '../harness';
import { useEmulator, type Fault } from '../harness/emulator';
import { refusedBaseUrl, shortTimeouts } from '../harness/network';
import { FROM } from '../harness/answers';

const API_KEY = 'scan-api-key-7d2e41c9b0';
const USER = 'scan-user';
const PASSWORD = 'Pw-scan-4k9QzX2m';
const TOTP_SECRET = 'KRSXG5CTMVRXEZLUKNSXG5CTMVRXEZLU';

const { emu, baseUrl } = useEmulator({
	apiKeys: [API_KEY],
	users: { [USER]: { password: PASSWORD, method: 'ga', totpSecret: TOTP_SECRET } },
});

type Auth = 'apiKey' | 'login';
const credentialsFor = (auth: Auth, overrides: { password?: string; totpSecret?: string } = {}): CredentialStore =>
	auth === 'apiKey'
		? apiKeyCredentials(baseUrl(), API_KEY)
		: loginCredentials(baseUrl(), { username: USER, password: PASSWORD, totpSecret: TOTP_SECRET, ...overrides });

/** Everything written to the console or the process streams while the tests run. */
const logged: string[] = [];
beforeAll(() => {
	// n8n-core asks the container for its logger lazily; create it now, at debug level, and keep
	// every line it writes (the same format as its console output).
	const logger = Container.get(Logger) as unknown as {
		internalLogger: { clear: () => void; add: (transport: unknown) => void };
		jsonConsoleFormat: () => winston.Logform.Format;
	};
	const stream = new Writable({
		write(chunk, _encoding, done) {
			logged.push(String(chunk));
			done();
		},
	});
	// In place of its console transport, which jest would print.
	logger.internalLogger.clear();
	logger.internalLogger.add(new winston.transports.Stream({ stream, format: logger.jsonConsoleFormat() }));
	// Anything else written to stdout is kept, not shown; stderr (jest's own report) passes through.
	jest.spyOn(process.stdout, 'write').mockImplementation(((chunk: unknown) => {
		logged.push(String(chunk));
		return true;
	}) as never);
	const writeErr = process.stderr.write.bind(process.stderr);
	jest.spyOn(process.stderr, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
		logged.push(String(chunk));
		return (writeErr as (...a: unknown[]) => boolean)(chunk, ...rest);
	}) as never);
	for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
		jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
			logged.push(args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg, Object.getOwnPropertyNames(arg ?? {})))).join(' '));
		});
	}
});

let unique = 0;
const inFuture = (ms: number) => new Date(Date.now() + ms).toISOString();

interface Scenario {
	parameters: () => INodeParameters;
	binary?: () => Array<Record<string, InputFile>>;
	/** The request that fails in the failure run. */
	failPath: string;
	/** Runs needed first (a scheduled send to cancel); returns parameters for the scenario. */
	prepare?: (credentials: CredentialStore) => Promise<INodeParameters>;
}

const send = (operation: string, extra: INodeParameters) => ({ resource: 'send', operation, ...extra });
const text = () => `Secrets scan ${++unique}`;

const scenarios: Record<string, Scenario> = {
	'send.webservice': { parameters: () => send('webservice', { fromNumber: FROM, recipients: '09121234567', message: text() }), failPath: '/api/send' },
	'send.peerToPeer': {
		parameters: () => send('peerToPeer', { fromNumber: FROM, recipients: '09351234567', message: text(), additionalFields: { batchItems: true } }),
		failPath: '/api/send',
	},
	'send.peerToPeerFile': {
		parameters: () => send('peerToPeerFile', { fromNumber: FROM }),
		binary: () => [{ data: { content: `recipient,message\n09121234567,${text()}\n`, fileName: 'list.csv', mimeType: 'text/csv' } }],
		failPath: '/api/send',
	},
	'send.pattern': {
		parameters: () =>
			send('pattern', {
				fromNumber: FROM,
				patternCode: 'otp-login',
				recipients: '09121234567',
				patternVariables: { variable: [{ name: 'code', value: String(1000 + ++unique) }] },
				additionalFields: { dryRun: false, maxCost: 100000 },
			}),
		failPath: '/api/send',
	},
	'send.votp': { parameters: () => send('votp', { recipients: '09121234567', code: String(2000 + ++unique) }), failPath: '/api/send' },
	'send.phonebook': {
		parameters: () => send('phonebook', { fromNumber: FROM, message: text(), phonebookType: 'all', phonebookIds: ['456987'] }),
		failPath: '/api/send',
	},
	'send.postalCode': {
		parameters: () => send('postalCode', { fromNumber: FROM, message: text(), postalCodes: '131', postalFilters: { mciSize: 5 } }),
		failPath: '/api/send',
	},
	'send.webservice (dry run)': {
		parameters: () => send('webservice', { fromNumber: FROM, recipients: '09121234567', message: text(), additionalFields: { dryRun: true } }),
		failPath: '/api/send/calculate-price',
	},
	'send.estimatePrice': { parameters: () => send('estimatePrice', { fromNumber: FROM, message: text() }), failPath: '/api/send/calculate-price' },
	'send.cancel': {
		parameters: () => send('cancel', { bulkId: '1' }),
		prepare: async (credentials) => {
			const scheduled = await runNode({
				parameters: send('webservice', { fromNumber: FROM, recipients: '09121234567', message: text(), additionalFields: { sendTime: inFuture(86_400_000) } }),
				credentials,
			});
			return send('cancel', { bulkId: String(scheduled.items[0].json.message_outbox_id) });
		},
		failPath: '/api/send/cancel',
	},
	'report.list': { parameters: () => ({ resource: 'report', operation: 'list', returnAll: false, limit: 3 }), failPath: '/api/report/new_list' },
	'report.getById': { parameters: () => ({ resource: 'report', operation: 'getById', bulkId: String(emu.seedBulk({ recipients: 3 })) }), failPath: '/api/report/by_bulk' },
	'report.stats': { parameters: () => ({ resource: 'report', operation: 'stats', bulkId: String(emu.seedBulk({ recipients: 3 })) }), failPath: '/api/report/bulk_stats' },
	'report.recipients': {
		parameters: () => ({ resource: 'report', operation: 'recipients', bulkId: String(emu.seedBulk({ recipients: 3 })), returnAll: true }),
		failPath: '/api/report/recipients',
	},
	'report.inbox': { parameters: () => ({ resource: 'report', operation: 'inbox', returnAll: true }), failPath: '/api/report/messages-inbox' },
	'account.getCredit': { parameters: () => ({ resource: 'account', operation: 'getCredit' }), failPath: '/api/payment/credit/mine' },
	'account.getProfile': { parameters: () => ({ resource: 'account', operation: 'getProfile' }), failPath: '/api/acl/auth/check_token' },
	'senderNumber.getAll': { parameters: () => ({ resource: 'senderNumber', operation: 'getAll', returnAll: true }), failPath: '/api/number/numbers' },
	'pattern.getAll': { parameters: () => ({ resource: 'pattern', operation: 'getAll', returnAll: true }), failPath: '/api/patterns' },
	'pattern.get': { parameters: () => ({ resource: 'pattern', operation: 'get', patternCode: 'otp-login' }), failPath: '/api/patterns/otp-login' },
};

/** What every run of this file produced, with the secrets it had. */
const produced: Array<{ name: string; text: string }> = [];
const secrets = new Set<string>([API_KEY, PASSWORD, TOTP_SECRET]);

/** Session and temporary tokens the emulator saw: in Authorization headers and confirm_otp bodies. */
function collectTokens(): void {
	for (const request of emu.requests) {
		const authorization = request.headers.authorization;
		if (authorization && authorization !== API_KEY) secrets.add(authorization);
		const token = (request.body as { token?: unknown } | null)?.token;
		if (typeof token === 'string') secrets.add(token);
	}
}

function record(name: string, result: RunResult): RunResult {
	produced.push({ name, text: everythingProduced(result) }); // outputs include each item's binary
	collectTokens();
	return result;
}

describe.each(['apiKey', 'login'] as const)('%s', (auth) => {
	test.each(Object.keys(scenarios))('%s: success, then failure', async (name) => {
		const scenario = scenarios[name];
		const credentials = credentialsFor(auth);
		const parameters = scenario.prepare ? await scenario.prepare(credentials) : scenario.parameters();
		// In login mode the session token is revoked first, so n8n logs in again during the run.
		if (auth === 'login') emu.expireTokens();
		const success = record(`${auth} ${name} success`, await runNode({ parameters, binary: scenario.binary?.(), credentials }));
		expect(success.error).toBeUndefined();
		expect(success.items.length).toBeGreaterThan(0);

		emu.injectFault({ kind: 'status', status: 422, path: scenario.failPath });
		const retry = scenario.prepare ? await scenario.prepare(credentials) : scenario.parameters();
		const failure = record(
			`${auth} ${name} failure`,
			await runNode({
				parameters: retry,
				binary: scenario.binary?.(),
				credentials,
				onError: auth === 'login' ? 'continueErrorOutput' : undefined,
			}),
		);
		const shown = failure.error?.message ?? failure.outputs.flat().map((item) => item.json.error).join(' ');
		expect(shown).toMatch(/HTTP 422/);
	});
});

describe('login failures', () => {
	test.each([
		['wrong password', { password: 'Wrong-pw-Zq81' }, /^IPPanel login failed: the username or password is wrong/],
		['wrong TOTP secret', { totpSecret: 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U' }, /^IPPanel rejected the authenticator code/],
	])('%s', async (name, overrides, message) => {
		Object.values(overrides).forEach((value) => secrets.add(value));
		const result = record(
			`login ${name}`,
			await runNode({ parameters: { resource: 'account', operation: 'getCredit' }, credentials: credentialsFor('login', overrides) }),
		);
		expect(result.error?.message).toMatch(message);
	});
});

/**
 * Every way a request can fail, for a send (never retried) and a read (retried), stopping the
 * workflow and with continueOnFail, in both auth modes: the secret was in the failed request's
 * headers, so an error that kept the HTTP client's request (config, headers) would show it.
 */
const FAILURE_DELAY = 700;
type FailurePath = { fault?: Fault; refused?: true; timeout?: true; shown: RegExp };
const failurePaths: Record<string, FailurePath> = {
	'dropped connection': { fault: { kind: 'drop' }, shown: /the connection was dropped before an answer came/ },
	'time-out': { fault: { kind: 'delay', delayMs: FAILURE_DELAY }, timeout: true, shown: /the request timed out/ },
	'HTML page': { fault: { kind: 'html', status: 502, headers: { 'Retry-After': '0' } }, shown: /an HTML page \\?"502 Bad Gateway/ },
	'refused connection': { refused: true, shown: /the connection was refused/ },
	'HTTP 401': { fault: { kind: 'status', status: 401 }, shown: /HTTP 401 400-1/ },
	'5xx after retries': { fault: { kind: 'status', status: 503, headers: { 'Retry-After': '0' } }, shown: /HTTP 503 503-1/ },
	'non-JSON answer': { fault: { kind: 'truncated' }, shown: /the answer was not valid JSON/ },
};
const failureOperations = {
	send: { parameters: () => send('webservice', { fromNumber: FROM, recipients: '09121234567', message: text() }), path: '/api/send' },
	read: { parameters: () => ({ resource: 'account', operation: 'getCredit' }), path: '/api/payment/credit/mine' },
};

/** Every string reachable from `value`: own properties enumerable or not (an error's cause, message, stack). */
function allStrings(value: unknown, seen = new Set<unknown>()): string[] {
	if (typeof value === 'string') return [value];
	if (Buffer.isBuffer(value)) return [value.toString()];
	if (typeof value !== 'object' || value === null || seen.has(value)) return [];
	seen.add(value);
	const values = value instanceof Map ? [...value.keys(), ...value.values()] : Object.getOwnPropertyNames(value).map((key) => {
		try {
			return (value as Record<string, unknown>)[key];
		} catch {
			return undefined;
		}
	});
	return values.flatMap((inner) => allStrings(inner, seen));
}

const failuresProduced: Array<{ name: string; text: string }> = [];

describe.each(['apiKey', 'login'] as const)('failure paths, %s', (auth) => {
	let refusedBase: string;
	beforeAll(async () => {
		refusedBase = await refusedBaseUrl();
	});
	const cases = Object.keys(failurePaths).flatMap((path) =>
		(['send', 'read'] as const).flatMap((operation) =>
			([undefined, 'continueErrorOutput'] as const).map((onError) => [path, operation, onError] as const),
		),
	);
	test.each(cases)('%s on a %s (onError: %s)', async (pathName, operation, onError) => {
		const path = failurePaths[pathName];
		const credentials = credentialsFor(auth);
		if (path.refused) {
			// In login mode the session token is got first, then the next request is refused.
			if (auth === 'login') expect((await runNode({ parameters: failureOperations.read.parameters(), credentials })).error).toBeUndefined();
			credentials.data.baseUrl = refusedBase;
		}
		if (path.fault) emu.injectFault({ ...path.fault, path: failureOperations[operation].path, times: 10 });
		const timeouts = path.timeout ? shortTimeouts(250) : undefined;
		let result: RunResult;
		try {
			result = await runNode({ parameters: failureOperations[operation].parameters(), credentials, onError });
		} finally {
			timeouts?.restore();
		}
		if (path.timeout) await new Promise((resolve) => setTimeout(resolve, FAILURE_DELAY)); // the delayed answer ends here
		collectTokens();
		const errorItems = result.outputs.flat().filter((item) => item.json.error !== undefined);
		const shown = onError ? errorItems.map((item) => item.json.error).join(' ') : result.error?.message;
		expect(shown).toMatch(path.shown);
		if (onError) expect(errorItems.map((item) => item.error?.message)).toEqual([shown]); // the error object rides on the item
		failuresProduced.push({
			name: `${auth} ${pathName} ${operation} ${onError ?? 'stop'}`,
			text: [everythingProduced(result), ...allStrings(result.error), ...allStrings(result.outputs), ...allStrings(result.run.data.resultData)].join('\n'),
		});
	});
});

describe('the scan', () => {
	test('covered every operation in both auth modes, and captured n8n\'s debug log', () => {
		expect(produced.length).toBe(Object.keys(scenarios).length * 2 * 2 + 2);
		const log = logged.join('\n');
		expect(log).toContain('Workflow execution started');
		expect(log).toContain('finished with error');
		expect(log).toContain('"description":"IPPanel refused a field'); // errors are logged whole, description included
		// the session tokens really were seen (one per login), so the scan below can find them
		expect(secrets.size).toBeGreaterThan(3 + 2);
	});

	test('covered every failure path, both ways, in both auth modes, and n8n logged them', () => {
		expect(failuresProduced.length).toBe(Object.keys(failurePaths).length * 2 * 2 * 2);
		const log = logged.join('\n');
		for (const { shown } of Object.values(failurePaths)) expect(log).toMatch(shown);
	});

	const scan = (sources: Array<{ name: string; text: string }>) =>
		sources.flatMap(({ name, text: haystack }) =>
			[...secrets].filter((secret) => haystack.includes(secret)).map((secret) => `${name}: ${secret.slice(0, 4)}…`),
		);

	test('the scan finds a planted secret', () => {
		expect(scan([{ name: 'canary', text: `{"header":"${API_KEY}"}` }])).toEqual(['canary: scan…']);
	});

	test('no API key, password, session token or TOTP secret anywhere', () => {
		expect(scan([...produced, ...failuresProduced, { name: 'log', text: logged.join('\n') }])).toEqual([]);
	});
});
