'use strict';

// Patterns: list and get (GET /api/patterns…), and management — create, update, delete — as
// IPPanel's pattern pages describe them (English only; the Persian documents have no pattern section).

const crypto = require('node:crypto');
const { TEXT, RULES } = require('./messages');
const { FieldErrors, ok, paged, pageParams, notFound } = require('./envelope');
const { PROFILE } = require('./seed');
const { unixSeconds } = require('./clock');
const { MAX_CHARS } = require('./sms');
const v = require('./validate');

// `pending` (after create/update, until approved) is not in the list examples: id 0 is a guess.
const PATTERN_STATUS = {
	active: { id: 1, fa: 'فعال', comment: 'متن پترن مورد تائید است.' },
	inactive: { id: 2, fa: 'رد شده', comment: 'لطفا نام مجموعه را در متن پترن درج نمایید.' },
	pending: { id: 0, fa: 'در انتظار بررسی', comment: null },
};
const VARIABLE_TYPES = ['string', 'integer'];
const DEFAULT_VARIABLE_LEN = 40; // what the create/update answers show
const BOOLEANS = new Map([
	[true, true], [false, false], [1, true], [0, false], ['1', true], ['0', false], ['true', true], ['false', false],
]);

const microIso = (ms) => new Date(ms).toISOString().replace('Z', '000Z');

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
	const status = PATTERN_STATUS[p.status] || PATTERN_STATUS.inactive;
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
		admin_comment: status.comment,
		pattern_description: p.description ?? 'description',
		website: p.website ?? null,
		pattern_status: p.status,
		pattern_status_fa: status.fa,
		pattern_status_id: status.id,
		pattern_is_share: Boolean(p.isShare),
		reject_text: '',
		type: 'sms',
		variable: p.variables.map((x) => ({ ...x })),
		delimiter: '%',
		updated_at: microIso(p.updatedAt ?? p.createdAt),
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


const PLACEHOLDER = /%(\w+)%/g;

/** The answer of create and update: the fields their examples show. */
function managedView(p) {
	const full = patternView(p);
	const view = {};
	for (const key of [
		'id', 'title', 'username', 'pattern_code', 'pattern_message', 'admin_comment', 'pattern_description',
		'pattern_status', 'pattern_is_share', 'reject_text', 'type', 'variable', 'delimiter', 'updated_at', 'time',
		...REVISION_FIELDS.slice(0, 5), ...LOG_FIELDS.slice(0, 5),
	]) {
		view[key] = full[key];
	}
	return view;
}

function createPatternRoutes({ store, clock, options: opts }) {
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


	/**
	 * Body of create and update: description, is_share, message and variable are required;
	 * every %name% of the message needs a variable entry and every entry must be used.
	 * Error keys keep the raw field names, as the create page's 422 example shows.
	 */
	function patternInput(body) {
		const input = v.isPlainObject(body) ? body : {};
		const errors = new FieldErrors();
		const required = (field) => errors.add(field, RULES.requiredRaw(field));
		if (v.isBlank(input.description)) required('description');
		if (input.is_share === undefined || input.is_share === null || input.is_share === '') required('is_share');
		else if (!BOOLEANS.has(input.is_share)) errors.add('is_share', RULES.boolean('is_share'));
		let message = null;
		if (v.isBlank(input.message) || typeof input.message !== 'string') required('message');
		else if (input.message.length > MAX_CHARS) errors.add('message', RULES.maxLength('message', MAX_CHARS));
		else message = input.message;
		const placeholders = message ? [...new Set([...message.matchAll(PLACEHOLDER)].map((m) => m[1]))] : [];
		const variables = [];
		if (!Array.isArray(input.variable)) {
			if (input.variable === undefined || input.variable === null) required('variable');
			else errors.add('variable', RULES.array('variable'));
		} else if (!input.variable.length && placeholders.length) required('variable');
		else {
			input.variable.forEach((item, i) => {
				const entry = v.isPlainObject(item) ? item : {};
				const name = v.isBlank(entry.name) ? null : String(entry.name);
				if (!name) required(`variable.${i}.name`);
				else if (!/^\w+$/.test(name)) errors.add(`variable.${i}.name`, RULES.format(`variable.${i}.name`));
				else if (variables.some((x) => x.name === name)) errors.add(`variable.${i}.name`, RULES.taken(`variable.${i}.name`));
				else if (message && !placeholders.includes(name)) errors.add(`variable.${i}.name`, RULES.variableUnused(`variable.${i}.name`));
				if (v.isBlank(entry.type)) required(`variable.${i}.type`);
				else if (!VARIABLE_TYPES.includes(entry.type)) errors.add(`variable.${i}.type`, RULES.oneOf(`variable.${i}.type`, VARIABLE_TYPES));
				if (name) variables.push({ name, type: entry.type, len: DEFAULT_VARIABLE_LEN });
			});
			if (Array.isArray(input.variable)) {
				for (const name of placeholders) {
					if (!variables.some((x) => x.name === name)) errors.add('message', RULES.variableUndeclared('message', name));
				}
			}
		}
		errors.throwIfAny();
		return {
			title: v.isBlank(input.title) ? null : String(input.title),
			description: String(input.description),
			isShare: BOOLEANS.get(input.is_share),
			message,
			website: v.isBlank(input.website) ? null : String(input.website),
			variables,
		};
	}

	/** New and changed patterns wait for approval: `pending`, then `active` after `patternApprovalMs`. */
	function pendingFrom(now) {
		const delay = opts.patternApprovalMs;
		return { status: 'pending', approveAt: delay === null || delay === undefined ? null : now + Number(delay) };
	}

	function create({ body }) {
		const fields = patternInput(body);
		const now = clock.now();
		const code = crypto.createHash('sha1').update(`${now}:${store.state.patterns.length}:${Math.random()}`).digest('hex').slice(0, 17);
		const pattern = { code, ...fields, createdAt: now, updatedAt: now, ...pendingFrom(now) };
		store.state.patterns.push(pattern);
		return ok(managedView(pattern), { bare: true });
	}

	function managed(code) {
		const found = store.findPattern(code);
		if (!found) throw notFound(TEXT.patternNotFoundManage, '404-1');
		return found;
	}

	function update({ params, body }) {
		const pattern = managed(params.code);
		const fields = patternInput(body);
		const now = clock.now();
		Object.assign(pattern, fields, { updatedAt: now }, pendingFrom(now));
		return ok(managedView(pattern), { bare: true });
	}

	function remove({ params }) {
		const pattern = managed(params.code);
		store.state.patterns = store.state.patterns.filter((p) => p !== pattern);
		return ok(null, { bare: true });
	}

	return [
		{ method: 'GET', path: '/api/patterns', handler: patterns },
		{ method: 'GET', path: '/api/patterns/:code', handler: patternByCode },
		// The create page names POST /api/user/pattern, its curl example POST /api/patterns/normal: both work.
		{ method: 'POST', path: '/api/user/pattern', handler: create },
		{ method: 'POST', path: '/api/patterns/normal', handler: create },
		{ method: 'PUT', path: '/api/patterns/normal/:code', handler: update },
		{ method: 'DELETE', path: '/api/patterns/normal/:code', handler: remove },
	];
}

module.exports = { createPatternRoutes, patternView };
