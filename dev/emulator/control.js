'use strict';

// /__emulator/* endpoints: drive the emulator from another process (n8n end-to-end tests).
// Plain JSON answers, not IPPanel envelopes; never logged in `requests`.

/** Buffers (raw bodies, uploaded files) travel as base64 strings. */
function toWire(value) {
	if (Buffer.isBuffer(value)) return value.toString('base64');
	if (Array.isArray(value)) return value.map(toWire);
	if (value && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toWire(v)]));
	}
	return value;
}

/** `path` arrives as a string or `{ regex, flags? }`. */
function faultFromWire(input) {
	const fault = { ...input };
	if (input.path && typeof input.path === 'object') fault.path = new RegExp(input.path.regex, input.path.flags || '');
	return fault;
}

const done = (extra = {}) => ({ status: 200, body: { ok: true, ...extra } });
const fail = (status, error) => ({ status, body: { ok: false, error } });

function createControl(emulator) {
	const routes = {
		'GET /requests': ({ query }) => {
			const list = emulator.requests.filter((r) => !query.path || r.path === query.path);
			return done({ requests: toWire(list) });
		},
		'GET /state': () => done({ state: emulator.summary() }),
		'POST /reset': () => {
			emulator.reset();
			return done();
		},
		'POST /clear-requests': () => {
			emulator.clearRequests();
			return done();
		},
		'POST /advance': ({ body }) => done({ now: emulator.advance(Number(body.ms) || 0) }),
		'POST /fault': ({ body }) => {
			emulator.injectFault(faultFromWire(body));
			return done();
		},
		'POST /clear-faults': () => {
			emulator.clearFaults();
			return done();
		},
		'POST /inbound': ({ body }) =>
			body.count !== undefined
				? done({ messages: emulator.generateInbound(Number(body.count)) })
				: done({ message: emulator.addInbound(body) }),
		'POST /seed-bulk': ({ body }) => done({ id: emulator.seedBulk(body) }),
		'POST /delay': ({ body }) => done({ delayMs: emulator.setDelay(body.ms) }),
		'POST /sender-lines': ({ body }) => done({ senderLines: emulator.setSenderLines(body.count) }),
		'GET /contacts': ({ query }) => done({ contacts: emulator.contacts(query.phonebook_id) }),
		'POST /pattern-status': ({ body }) => done({ status: emulator.setPatternStatus(body.code, body.status) }),
		'POST /expire-tokens': () => {
			emulator.expireTokens();
			return done();
		},
	};

	return async function handleControl(method, path, raw, query) {
		const route = routes[`${method} ${path.replace(/\/$/, '')}`];
		if (!route) return fail(404, `unknown control endpoint ${method} /__emulator${path}`);
		let body = {};
		try {
			if (raw.length) body = JSON.parse(raw.toString('utf8'));
		} catch {
			return fail(400, 'body must be JSON');
		}
		try {
			return route({ body: body || {}, query });
		} catch (err) {
			return fail(400, err.message);
		}
	};
}

module.exports = { createControl };
