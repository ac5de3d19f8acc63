'use strict';

// Local HTTP emulator of the IPPanel Edge SMS API (see README.md beside this file).

const http = require('node:http');
const seed = require('./seed');
const { createClock } = require('./clock');
const { createStore } = require('./store');
const { createAuth, totp } = require('./auth');
const { createAccountRoutes } = require('./account');
const { createSendRoutes } = require('./send');
const { createReportRoutes } = require('./reports');
const { createPhonebookRoutes } = require('./phonebooks');
const { createPatternRoutes } = require('./patterns');
const { createBank, createBankRoutes } = require('./banks');
const { createRouter } = require('./router');
const { createFaults } = require('./faults');
const { createControl } = require('./control');
const { createRequestHandler } = require('./server');

const DEFAULTS = {
	host: '127.0.0.1',
	apiKeys: [seed.API_KEY],
	tokenTtlMs: 10 * 3600 * 1000,
	tempTokenTtlMs: 6 * 60 * 1000,
	loginErrorStyle: 'current', // 'legacy': wrong password → HTTP 401 400-1
	smsOtp: seed.SMS_OTP,
	credit: seed.SEED_CREDIT,
	blacklist: [], // recipients that always end as message_status 4
	undeliverable: [], // recipients that always end as message_status 3
	delayMs: Number(process.env.IPPANEL_EMULATOR_DELAY_MS) || 0, // added to every API answer
	senderLines: null, // how many sender lines the account has (null: the seeded 3)
	patternApprovalMs: 60 * 1000, // created/updated patterns turn active after this (null: never)
	lookupErrorStyle: 'en', // unknown province/county in look-ups: 'en' 422, 'fa' 404 (the pages differ)
	csvExcel: false, // accept CSV where both pages ask for Excel (phonebook import, keyword send)
	englishRegionFields: false, // also require the fields only the English postal/country pages mark required
};

function createEmulator(options = {}) {
	const opts = { ...DEFAULTS, ...options, users: { ...seed.DEFAULT_USERS, ...options.users } };
	const clock = createClock();
	const store = createStore(opts, clock);
	const auth = createAuth({ store, clock, options: opts });
	const app = { store, clock, options: opts, bank: createBank() };
	const router = createRouter([
		...auth.routes,
		...createAccountRoutes(app),
		...createPatternRoutes(app),
		...createPhonebookRoutes(app),
		...createBankRoutes(app),
		...createSendRoutes(app),
		...createReportRoutes(app),
	]);
	const settings = { delayMs: Math.max(0, Number(opts.delayMs) || 0) };
	const faults = createFaults();
	const requests = [];
	const timers = new Set();
	const sockets = new Set();
	let server = null;
	let baseUrl = null;

	const emulator = {
		requests,
		get state() {
			return store.state;
		},
		get baseUrl() {
			return baseUrl;
		},
		now: () => clock.now(),
		start,
		stop,
		/** Seed data, clock offset 0, no faults, empty request log. */
		reset() {
			settings.delayMs = Math.max(0, Number(opts.delayMs) || 0);
			settings.delayFor = undefined;
			clock.reset();
			store.reset();
			faults.clear();
			requests.length = 0;
		},
		clearRequests() {
			requests.length = 0;
		},
		advance(ms) {
			clock.advance(ms);
			store.settle();
			return clock.now();
		},
		injectFault: (fault) => faults.inject(fault),
		clearFaults: () => faults.clear(),
		addInbound: (message) => store.addInbound(message),
		generateInbound: (n) => store.generateInbound(n),
		seedBulk: (spec) => store.seedBulk(spec),
		expireTokens: () => auth.expireAll(),
		/**
		 * Response delay (ms) added to every API answer, e.g. to benchmark at a real round trip.
		 * A function `(request) => ms` (request as logged: method, path, query, body) delays each
		 * answer differently, e.g. so that concurrent pages arrive out of order; reset() drops it.
		 */
		setDelay(ms) {
			if (typeof ms === 'function') {
				settings.delayFor = ms;
				return settings.delayMs;
			}
			settings.delayFor = undefined;
			settings.delayMs = Math.max(0, Number(ms) || 0);
			return settings.delayMs;
		},
		get delayMs() {
			return settings.delayMs;
		},
		/** Gives the account `count` sender lines (the seeded three, then +9850002000, …). */
		setSenderLines: (count) => store.setSenderLines(count),
		/** Every contact with its option values (the API's lists do not show them). */
		contacts(phonebookId) {
			const all = [...store.state.contacts.values()];
			return all.filter((c) => phonebookId === undefined || String(c.phonebookId) === String(phonebookId)).map((c) => ({ ...c, options: { ...c.options } }));
		},
		/** Sets a pattern's status (`active`, `inactive`, `pending`) at once. */
		setPatternStatus(code, status) {
			const pattern = store.findPattern(code);
			if (!pattern) throw new Error(`no pattern ${code}`);
			pattern.status = status;
			pattern.approveAt = null;
			return pattern.status;
		},
		summary: () => ({
			credit: store.state.credit,
			outbox: store.state.outbox.length,
			inbox: store.state.inbox.length,
			requests: requests.length,
			pendingFaults: faults.pending,
			now: clock.now(),
			clockOffsetMs: clock.offset,
			delayMs: settings.delayMs,
			senderLines: store.state.numbers.length,
			phonebooks: store.state.phonebooks.length,
			contacts: store.state.contacts.size,
			exports: store.state.exports.length,
			emptyPatternValues: store.state.emptyPatternValues.map((x) => ({ ...x })),
		}),
	};

	const handler = createRequestHandler({
		router,
		auth,
		store,
		clock,
		faults,
		requests,
		timers,
		settings,
		control: createControl(emulator),
	});

	function start(port = 0) {
		if (server) return Promise.resolve(baseUrl);
		server = http.createServer(handler);
		server.on('connection', (socket) => {
			sockets.add(socket);
			socket.on('close', () => sockets.delete(socket));
		});
		return new Promise((resolve, reject) => {
			server.once('error', reject);
			server.listen(port, opts.host, () => {
				baseUrl = `http://${opts.host}:${server.address().port}/v1`;
				resolve(baseUrl);
			});
		});
	}

	/** Closes the listener and every socket at once, keep-alive and delayed ones included. */
	function stop() {
		if (!server) return Promise.resolve();
		const closing = server;
		server = null;
		baseUrl = null;
		for (const timer of timers) clearTimeout(timer);
		timers.clear();
		return new Promise((resolve) => {
			closing.close(() => resolve());
			for (const socket of sockets) socket.destroy();
			sockets.clear();
		});
	}

	return emulator;
}

/** Demo credentials: the API key and the users with their login method, TOTP secret or OTP. */
const CREDENTIALS = { apiKey: seed.API_KEY, users: seed.DEFAULT_USERS };

module.exports = { createEmulator, totp, CREDENTIALS };
