'use strict';

const crypto = require('node:crypto');
const { TEXT, RULES } = require('./messages');
const { FieldErrors, ok, paged, pageParams, notFound } = require('./envelope');
const { PROFILE } = require('./seed');
const { unixSeconds } = require('./clock');
const v = require('./validate');

const REVISION_FIELDS = [
	'pattern_state_revision',
	'pattern_message_revision',
	'pattern_is_share_revision',
	'pattern_description_revision',
	'pattern_delimiter_revision',
	'pattern_variable_revision',
];
const LOG_FIELDS = [
	'pattern_state_log',
	'pattern_message_log',
	'pattern_is_share_log',
	'pattern_description_log',
	'pattern_delimiter_log',
	'pattern_variable_log',
	'pattern_type_log',
];

/** A pattern as GET /api/patterns shows it (every documented field). */
function patternView(p) {
	const active = p.status === 'active';
	const view = {
		id: crypto.createHash('md5').update(p.code).digest('hex').slice(0, 24),
		partner_id: null,
		verifier_user_id: null,
		verifier_partner_id: null,
		title: p.title ?? null,
		username: PROFILE.user_name,
		user_id: String(PROFILE.user_id),
		pattern_code: p.code,
		pattern_message: p.message,
		admin_comment: active ? 'متن پترن مورد تائید است.' : 'لطفا نام مجموعه را در متن پترن درج نمایید.',
		pattern_description: 'description',
		website: null,
		pattern_status: p.status,
		pattern_status_fa: active ? 'فعال' : 'رد شده',
		pattern_status_id: active ? 1 : 2,
		pattern_is_share: false,
		reject_text: '',
		type: 'sms',
		variable: p.variables.map((x) => ({ ...x })),
		delimiter: '%',
		updated_at: new Date(p.createdAt).toISOString().replace('Z', '000Z'),
		time: unixSeconds(p.createdAt),
		pattern_type: 'normal',
		readonly: false,
	};
	for (const field of REVISION_FIELDS) view[field] = null;
	view.pattern_type_revision = '';
	for (const field of LOG_FIELDS) view[field] = null;
	view.revision = {
		type: '',
		variable: null,
		pattern_status_id: null,
		pattern_status_fa: null,
		pattern_message: null,
		pattern_description: null,
		pattern_is_share: null,
		delimiter: null,
	};
	view.pattern_log = null;
	return view;
}

const contains = (field) => (view, value) => String(view[field] ?? '').toLowerCase().includes(value.toLowerCase());

/** `filter[...]` query parameters of GET /api/patterns. */
const PATTERN_FILTERS = {
	code: contains('pattern_code'),
	title: contains('title'),
	is_share: (view, value) => view.pattern_is_share === ['1', 'true'].includes(value.toLowerCase()),
	state: (view, value) => view.pattern_status === value,
	type: (view, value) => view.pattern_type === value,
};

const isoOffset = (ms) => `${new Date(ms).toISOString().slice(0, 19)}+00:00`;

function phonebookView(p) {
	return {
		id: p.id,
		title: p.title,
		count: p.count,
		export_status: 0,
		import_status: 0,
		created_at: isoOffset(p.createdAt),
		updated_at: isoOffset(p.createdAt + 86400000),
		options: p.options.map((o) => ({ ...o })),
	};
}

function createAccountRoutes({ store }) {
	const credit = () => ok(store.creditView(), { bare: true });

	/** Documented without paging meta: a plain array. */
	function numbers({ query }) {
		const { page, perPage } = pageParams(query.page, query.per_page);
		const rows = store.state.numbers.slice((page - 1) * perPage, page * perPage).map((n) => ({ ...n }));
		return ok(rows, { bare: true, message: 'Success' });
	}

	/** Filters must be left out when unused: an empty one is a validation error. */
	function patterns({ query }) {
		const errors = new FieldErrors();
		const filters = [];
		for (const [key, value] of Object.entries(query)) {
			const match = /^filter\[(\w+)\]$/.exec(key);
			if (!match || !PATTERN_FILTERS[match[1]]) continue;
			if (v.isBlank(value)) errors.add(`filter.${match[1]}`, RULES.required(`filter.${match[1]}`));
			else filters.push([PATTERN_FILTERS[match[1]], String(value)]);
		}
		errors.throwIfAny();
		const rows = store.state.patterns.map(patternView).filter((view) => filters.every(([f, value]) => f(view, value)));
		const paging = pageParams(query.page, query.per_page, { maxPerPage: 100 });
		return paged(rows.length, paging, '/api/patterns', (i) => rows[i]);
	}

	function patternByCode({ params }) {
		const found = store.findPattern(params.code);
		if (!found) throw notFound(TEXT.patternNotFound, '404-1');
		return ok(patternView(found), { bare: true });
	}

	/** GET since 2025-12 (POST before): filters `title`, `id` from the query or a JSON body. */
	function phonebooks({ query, body }) {
		const input = { ...(v.isPlainObject(body) ? body : {}), ...query };
		const rows = store.state.phonebooks
			.filter((p) => v.isBlank(input.id) || String(p.id) === String(input.id))
			.filter((p) => v.isBlank(input.title) || p.title.includes(String(input.title)))
			.map(phonebookView);
		const paging = pageParams(input.page, input.per_page);
		return paged(rows.length, paging, '/api/phonebooks/list-new', (i) => rows[i]);
	}

	return [
		{ method: 'GET', path: '/api/payment/credit/mine', handler: credit },
		{ method: 'GET', path: '/api/number/numbers', handler: numbers },
		{ method: 'GET', path: '/api/patterns', handler: patterns },
		{ method: 'GET', path: '/api/patterns/:code', handler: patternByCode },
		{ method: 'GET', path: '/api/phonebooks/list-new', handler: phonebooks },
		{ method: 'POST', path: '/api/phonebooks/list-new', handler: phonebooks },
	];
}

module.exports = { createAccountRoutes };
