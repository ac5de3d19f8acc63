'use strict';

const { TEXT } = require('./messages');
const { ApiError, errorBody } = require('./envelope');
const { readBody, parseBody, writeReply, nginxPage } = require('./http');
const { faultErrorBody } = require('./faults');

const CONTROL_PREFIX = '/__emulator';

/** `/v1/api/send` and `/api/send` are the same route. */
const stripVersion = (pathname) => (pathname === '/v1' ? '/' : pathname.replace(/^\/v1(?=\/)/, ''));

/**
 * The HTTP request listener: reads the body, logs API requests, applies a queued fault
 * if one matches, otherwise routes to a handler and writes its envelope.
 */
function createRequestHandler({ router, auth, store, clock, faults, requests, control, timers, settings }) {
	function sleep(ms) {
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				timers.delete(timer);
				resolve();
			}, ms);
			timers.add(timer);
		});
	}

	/** Runs one API request to a reply; never throws. */
	function dispatch(request) {
		try {
			store.settle();
			const found = router.match(request.method, request.path);
			if (found.status === 404) return { status: 404, body: errorBody('404-1', TEXT.routeNotFound) };
			if (found.status === 405) return { status: 405, body: errorBody('405-1', TEXT.methodNotAllowed) };
			const { route, params } = found;
			const principal = route.auth === false ? null : auth.authenticate(request.headers);
			if (request.invalid || (request.multipart && !route.multipart)) {
				return { status: 422, body: errorBody('400-2', TEXT.invalidRequest) };
			}
			return route.handler({ ...request, body: request.body ?? {}, params, principal });
		} catch (err) {
			if (err instanceof ApiError) return err.toReply();
			console.error('[ippanel-emulator]', err);
			return { status: 500, body: errorBody('500-1', TEXT.serverError) };
		}
	}

	async function applyFault(fault, request, res) {
		const headers = fault.headers;
		switch (fault.kind) {
			case 'delay':
				await sleep(fault.delayMs ?? 1000);
				return writeReply(res, dispatch(request));
			case 'drop':
				// The request "happened" (a send is recorded) but the answer is lost.
				if (fault.recordSend !== false) dispatch(request);
				return res.socket.destroy();
			case 'truncated': {
				const reply = dispatch(request);
				const text = JSON.stringify(reply.body);
				const raw = text.slice(0, Math.floor(text.length / 2));
				return writeReply(res, { status: fault.status ?? reply.status, raw, headers });
			}
			case 'html': {
				const status = fault.status ?? 502;
				return writeReply(res, { status, raw: nginxPage(status), contentType: 'text/html', headers });
			}
			case 'metaFalse':
				return writeReply(res, { status: 200, body: fault.body ?? faultErrorBody(500), headers });
			default: {
				const status = fault.status ?? 500;
				const body = fault.body ?? faultErrorBody(status);
				if (typeof body === 'string') return writeReply(res, { status, raw: body, contentType: 'text/plain', headers });
				return writeReply(res, { status, body, headers });
			}
		}
	}

	async function handle(req, res) {
		const url = new URL(req.url, 'http://emulator.local');
		const path = stripVersion(url.pathname);
		const query = Object.fromEntries(url.searchParams);
		const raw = await readBody(req);
		if (path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`)) {
			return writeReply(res, await control(req.method, path.slice(CONTROL_PREFIX.length), raw, query));
		}
		const parsed = parseBody(req.headers, raw);
		const record = {
			method: req.method,
			path,
			query,
			headers: { ...req.headers },
			body: parsed.body,
			rawBody: raw,
			time: clock.now(),
		};
		requests.push(record);
		const request = { ...record, ...parsed, remoteAddress: req.socket.remoteAddress };
		// The configured round trip: every API answer (faults included) waits this long first.
		const delayMs = settings.delayFor ? Math.max(0, Number(settings.delayFor(record)) || 0) : settings.delayMs;
		if (delayMs > 0) await sleep(delayMs);
		const fault = faults.take(req.method, path);
		if (fault) return applyFault(fault, request, res);
		return writeReply(res, dispatch(request));
	}

	return (req, res) => {
		handle(req, res).catch((err) => {
			console.error('[ippanel-emulator]', err);
			res.destroy();
		});
	};
}

module.exports = { createRequestHandler };
