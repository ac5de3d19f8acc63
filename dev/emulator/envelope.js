'use strict';

const { TEXT } = require('./messages');

/** A handler failure rendered as an IPPanel error envelope. */
class ApiError extends Error {
	constructor(status, code, message, errors = {}) {
		super(message);
		this.status = status;
		this.code = code;
		this.errors = errors;
	}

	toReply() {
		return { status: this.status, body: errorBody(this.code, this.message, this.errors) };
	}
}

function errorBody(code, message, errors = {}) {
	return {
		data: null,
		meta: { status: false, message, message_parameters: [], message_code: code, errors },
	};
}

/**
 * Success envelope. Several documented answers (credit, numbers, paged lists, by_bulk)
 * carry no `message_parameters`: `bare` reproduces that.
 */
function ok(data, { message = TEXT.done, bare = false, meta = {}, code = '200-1' } = {}) {
	const head = bare
		? { status: true, message, message_code: code }
		: { status: true, message, message_parameters: [], message_code: code };
	return { status: 200, body: { data, meta: { ...meta, ...head } } };
}

/** Clamp paging input the way Laravel does: bad or missing values fall back to defaults. */
function pageParams(page, perPage, { defaultPerPage = 10, maxPerPage = 1000 } = {}) {
	const p = Number.parseInt(page, 10);
	const n = Number.parseInt(perPage, 10);
	return {
		page: Number.isFinite(p) && p > 0 ? p : 1,
		perPage: Number.isFinite(n) && n > 0 ? Math.min(n, maxPerPage) : defaultPerPage,
	};
}

/** Laravel paginator meta; `from`/`to` are null on an empty page. */
function pageMeta(total, { page, perPage }, path) {
	const offset = (page - 1) * perPage;
	const shown = Math.max(0, Math.min(perPage, total - offset));
	return {
		offset,
		end: offset + shown,
		meta: {
			current_page: page,
			from: shown ? offset + 1 : null,
			last_page: Math.max(1, Math.ceil(total / perPage)),
			path,
			per_page: perPage,
			to: shown ? offset + shown : null,
			total,
		},
	};
}

/** Page of `total` rows produced by `rowAt(index)`; lets huge lists stay virtual. */
function paged(total, paging, path, rowAt) {
	const { offset, end, meta } = pageMeta(total, paging, path);
	const rows = [];
	for (let i = offset; i < end; i++) rows.push(rowAt(i));
	return ok(rows, { bare: true, meta });
}

/** Collects field errors, then fails as HTTP 422 `400-2` like Laravel's validator. */
class FieldErrors {
	constructor() {
		this.errors = {};
	}

	add(field, message) {
		(this.errors[field] = this.errors[field] || []).push(message);
		return this;
	}

	has(field) {
		return field === undefined ? Object.keys(this.errors).length > 0 : Boolean(this.errors[field]);
	}

	throwIfAny() {
		if (this.has()) throw validationError(this.errors);
	}
}

function validationError(errors) {
	const messages = Object.values(errors).flat();
	const more = messages.length > 1 ? ` (و ${messages.length - 1} خطای دیگر)` : '';
	return new ApiError(422, '400-2', messages[0] + more, errors);
}

const unauthorized = () => new ApiError(401, '400-1', TEXT.badAuth);
const notFound = (message = TEXT.badAuth, code = '400-1') => new ApiError(404, code, message);

module.exports = {
	ApiError,
	FieldErrors,
	errorBody,
	ok,
	paged,
	pageParams,
	unauthorized,
	notFound,
};
