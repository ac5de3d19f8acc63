/** The local IPPanel emulator (dev/emulator) as the fault, secrets, report and trigger suites use it. */

const { createEmulator, CREDENTIALS } = require('../../dev/emulator');

export interface EmulatorRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string>;
	body: unknown;
}

export interface Fault {
	kind: 'status' | 'html' | 'truncated' | 'drop' | 'delay' | 'metaFalse';
	path?: string | RegExp;
	method?: string;
	times?: number;
	status?: number;
	body?: unknown;
	headers?: Record<string, string>;
	delayMs?: number;
	recordSend?: boolean;
}

export interface Emulator {
	start: () => Promise<string>;
	stop: () => Promise<void>;
	reset: () => void;
	requests: EmulatorRequest[];
	state: { outbox: Array<{ id: number; sendingType?: string; message?: string }>; credit: number };
	injectFault: (fault: Fault) => void;
	expireTokens: () => void;
	seedBulk: (spec: { recipients: number }) => number;
	/** Moves the emulator's clock on (delivery reports, send states); returns its new time. */
	advance: (ms: number) => number;
	addInbound: (message: Record<string, unknown>) => Record<string, unknown>;
	/** Response delay for every answer, or per request: `(request) => ms`. */
	setDelay: (ms: number | ((request: EmulatorRequest) => number)) => number;
	generateInbound: (count: number) => Array<Record<string, unknown>>;
}

export const EMULATOR_API_KEY: string = CREDENTIALS.apiKey;

/** One emulator for the whole test file, reset before each test. */
export function useEmulator(options: Record<string, unknown> = {}): { emu: Emulator; baseUrl: () => string } {
	const holder = { emu: createEmulator(options) as Emulator, url: '' };
	beforeAll(async () => {
		holder.url = await holder.emu.start();
	});
	beforeEach(() => holder.emu.reset());
	afterEach(() => clearOnRequest(holder.emu));
	afterAll(async () => {
		await holder.emu.stop();
	});
	return { emu: holder.emu, baseUrl: () => holder.url };
}

/** Requests the emulator logged for a method and path. */
export function count(emu: Emulator, method: string, path: string): number {
	return emu.requests.filter((request) => request.method === method && request.path === path).length;
}

/**
 * Runs `action` when the emulator logs a request matching `when`, before that request is
 * handled: the request then meets the changed state (an expired token, a grown outbox).
 */
export function onRequest(emu: Emulator, when: (request: EmulatorRequest, index: number) => boolean, action: () => void): void {
	const push = Array.prototype.push;
	let seen = 0;
	Object.defineProperty(emu.requests, 'push', {
		configurable: true,
		value(...records: EmulatorRequest[]) {
			const length = push.apply(this, records);
			for (const record of records) if (when(record, seen++)) action();
			return length;
		},
	});
}

/** Undoes `onRequest`. */
export function clearOnRequest(emu: Emulator): void {
	delete (emu.requests as { push?: unknown }).push;
}
