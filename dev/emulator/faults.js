'use strict';

const { TEXT } = require('./messages');
const { errorBody } = require('./envelope');

const KINDS = new Set(['status', 'html', 'truncated', 'drop', 'delay', 'metaFalse']);

/** Default envelope for a `status` fault, shaped like IPPanel's own error of that status. */
const STATUS_ERRORS = {
	401: ['400-1', TEXT.badAuth],
	404: ['404-1', TEXT.routeNotFound],
	422: ['400-2', TEXT.invalidRequest],
	429: ['429-1', TEXT.duplicateSend],
};

function faultErrorBody(status) {
	const [code, message] = STATUS_ERRORS[status] || [`${status}-1`, TEXT.serverError];
	return errorBody(code, message);
}

/**
 * Queue of injected faults. A request takes the first fault that matches it (method, and
 * path as exact string or RegExp on the path without /v1 and query); `times` counts uses.
 */
function createFaults() {
	const queue = [];

	function inject(fault) {
		if (!fault || !KINDS.has(fault.kind)) {
			throw new Error(`fault.kind must be one of ${[...KINDS].join(', ')}`);
		}
		const path = typeof fault.path === 'string' ? fault.path.replace(/^\/v1(?=\/)/, '') : fault.path;
		queue.push({ ...fault, path, times: fault.times ?? 1 });
	}

	function matches(fault, method, path) {
		if (fault.method && fault.method.toUpperCase() !== method) return false;
		if (!fault.path) return true;
		if (fault.path instanceof RegExp) {
			fault.path.lastIndex = 0; // a /g or /y regex would otherwise remember the last match
			return fault.path.test(path);
		}
		return fault.path === path;
	}

	function take(method, path) {
		const index = queue.findIndex((f) => matches(f, method, path));
		if (index < 0) return null;
		const fault = queue[index];
		fault.times -= 1;
		if (fault.times <= 0) queue.splice(index, 1);
		return fault;
	}

	return {
		inject,
		take,
		clear: () => queue.splice(0),
		get pending() {
			return queue.length;
		},
	};
}

module.exports = { createFaults, faultErrorBody };
