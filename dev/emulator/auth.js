'use strict';

const crypto = require('node:crypto');
const { PROFILE } = require('./seed');
const { TEXT, RULES } = require('./messages');
const { FieldErrors, ok, unauthorized } = require('./envelope');

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32Decode(text) {
	const clean = String(text).toUpperCase().replace(/[\s=]/g, '');
	const bytes = [];
	let bits = 0;
	let value = 0;
	for (const char of clean) {
		const index = BASE32.indexOf(char);
		if (index < 0) throw new Error(`invalid base32 character: ${char}`);
		value = (value << 5) | index;
		bits += 5;
		if (bits >= 8) {
			bytes.push((value >>> (bits - 8)) & 0xff);
			bits -= 8;
		}
	}
	return Buffer.from(bytes);
}

/** RFC 6238 TOTP (HMAC-SHA1, 30 s step). `secret`: base32 text or a Buffer of key bytes. */
function totp(secret, timeMs = Date.now(), { step = 30, digits = 6 } = {}) {
	const key = Buffer.isBuffer(secret) ? secret : base32Decode(secret);
	const counter = Buffer.alloc(8);
	counter.writeBigUInt64BE(BigInt(Math.floor(timeMs / 1000 / step)));
	const mac = crypto.createHmac('sha1', key).update(counter).digest();
	const offset = mac[mac.length - 1] & 0x0f;
	const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
	return String(code).padStart(digits, '0');
}

/** Accepts the current step and one step either side (clock drift), like most servers. */
const verifyTotp = (secret, otp, timeMs) =>
	[-1, 0, 1].some((drift) => totp(secret, timeMs + drift * 30000) === String(otp));

function requireFields(body, fields) {
	const errors = new FieldErrors();
	for (const field of fields) {
		const value = body[field];
		if (value === undefined || value === null || String(value).trim() === '') {
			errors.add(field, RULES.required(field));
		}
	}
	errors.throwIfAny();
}

function createAuth({ store, clock, options }) {
	const apiKeys = new Set(options.apiKeys);
	const users = options.users;
	const tokens = () => store.state.tokens;
	const isLive = (t) => !t.revoked && clock.now() < t.expiresAt;

	function issue(username, method) {
		const token = crypto.randomBytes(16).toString('hex');
		const ttl = method === 'login' ? options.tokenTtlMs : options.tempTokenTtlMs;
		tokens().set(token, { username, method, expiresAt: clock.now() + ttl, revoked: false });
		return token;
	}

	/** Raw `Authorization: <key or token>`; IPPanel does not take a `Bearer ` prefix. */
	function authenticate(headers) {
		const value = String(headers.authorization || '').trim();
		if (!value || /^bearer\s/i.test(value)) throw unauthorized();
		if (apiKeys.has(value)) return { kind: 'apiKey', username: PROFILE.user_name };
		const t = tokens().get(value);
		if (!t || t.method !== 'login' || !isLive(t)) throw unauthorized();
		return { kind: 'token', username: t.username, token: value };
	}

	function wrongCredentials() {
		if (options.loginErrorStyle === 'legacy') return unauthorized().toReply();
		// Current docs: HTTP 422, code 422-1, `errors` beside `meta`, no `data`.
		return {
			status: 422,
			body: {
				errors: { username: [TEXT.wrongCredentials] },
				meta: {
					status: false,
					message: TEXT.invalidRequest,
					message_parameters: [],
					message_code: '422-1',
				},
			},
		};
	}

	function login({ body }) {
		requireFields(body, ['username', 'password']);
		const user = Object.hasOwn(users, body.username) ? users[body.username] : null;
		if (!user || user.password !== String(body.password)) return wrongCredentials();
		return ok({ method: user.method, token: issue(body.username, user.method) });
	}

	/** A live temporary (ga/sms) token, or 401. */
	function pendingLogin(token) {
		const t = tokens().get(String(token));
		if (!t || t.method === 'login' || !isLive(t)) throw unauthorized();
		return t;
	}

	function sendSmsOtp({ body }) {
		requireFields(body, ['token']);
		const pending = pendingLogin(body.token);
		pending.method = 'sms';
		return ok({ method: 'sms', token: String(body.token) });
	}

	function confirmOtp({ body }) {
		requireFields(body, ['token', 'otp']);
		const pending = pendingLogin(body.token);
		const user = users[pending.username];
		const valid =
			pending.method === 'ga' && user.totpSecret
				? verifyTotp(user.totpSecret, body.otp, clock.now())
				: String(body.otp) === String(user.smsOtp || options.smsOtp);
		if (!valid) throw unauthorized();
		pending.revoked = true;
		return ok({ token: issue(pending.username, 'login'), method: 'login' });
	}

	function checkToken({ principal }) {
		return ok({ ...PROFILE, user_name: principal.username });
	}

	function logout({ principal }) {
		if (principal.token) tokens().get(principal.token).revoked = true;
		return ok(null);
	}

	/** Every issued token (session and temporary) stops working: tests re-login. */
	function expireAll() {
		for (const t of tokens().values()) t.revoked = true;
	}

	const routes = [
		{ method: 'POST', path: '/api/acl/auth/login', auth: false, handler: login },
		{ method: 'POST', path: '/api/acl/auth/send_sms_otp', auth: false, handler: sendSmsOtp },
		{ method: 'POST', path: '/api/acl/auth/confirm_otp', auth: false, handler: confirmOtp },
		{ method: 'POST', path: '/api/acl/auth/check_token', handler: checkToken },
		{ method: 'POST', path: '/api/acl/auth/logout', handler: logout },
	];

	return { authenticate, expireAll, routes };
}

module.exports = { createAuth, totp };
