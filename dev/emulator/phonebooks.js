'use strict';

// Phonebooks, their contacts ("numbers") and custom fields ("options"), as IPPanel's
// phonebook pages (English and Persian) describe them.

const { TEXT, RULES } = require('./messages');
const { FieldErrors, ok, paged, pageParams, notFound } = require('./envelope');
const { isE164, normalizeLocal } = require('./recipients');
const { parseCsv } = require('./csv');
const { readXlsx, isZip } = require('./xlsx');
const v = require('./validate');

const OPTION_TYPES = ['int', 'string', 'date'];
const MAX_TITLE = 200;
const MAX_PER_PAGE = 1000;

const isoOffset = (ms) => `${new Date(ms).toISOString().slice(0, 19)}+00:00`;
const isId = (value) => /^\d+$/.test(String(value ?? '').trim());

function optionView(o) {
	return { id: o.id, title: o.title, type: o.type, created_at: isoOffset(o.createdAt) };
}

/** Contact-list row: the documented fields only — no option values (the documents show none). */
function contactRow(c, book) {
	return {
		id: c.id,
		phonebook_id: c.phonebookId,
		pre: c.pre,
		name: c.name,
		email: c.email,
		number: c.number,
		created_at: isoOffset(c.createdAt),
		updated_at: isoOffset(c.updatedAt),
		phonebook_title: book ? book.title : '',
	};
}

/** A date value as the documents show them: 1992/10/08 or 2025-05-20. */
const isDateValue = (value) => /^\d{4}[/-]\d{1,2}[/-]\d{1,2}$/.test(String(value));

function createPhonebookRoutes({ store, clock, options: opts }) {
	const optionsOf = (book) => book.options.map((id) => store.findOption(id)).filter(Boolean);
	const optionSummary = (book) => optionsOf(book).map((o) => ({ id: o.id, title: o.title, type: o.type }));

	function phonebookView(book) {
		return {
			id: book.id,
			title: book.title,
			count: book.contacts.length,
			export_status: book.exportStatus,
			import_status: book.importStatus,
			created_at: isoOffset(book.createdAt),
			updated_at: isoOffset(book.updatedAt),
			options: optionSummary(book),
		};
	}

	function requirePhonebook(id) {
		const book = isId(id) ? store.findPhonebook(id) : null;
		if (!book) throw notFound(TEXT.phonebookNotFound, '404-1');
		return book;
	}

	/** `title` (≤ 200) and `options` (ids of existing custom fields). */
	function phonebookFields(body, errors, { titleRequired }) {
		const input = v.isPlainObject(body) ? body : {};
		let title;
		if (v.isBlank(input.title)) {
			if (titleRequired || input.title !== undefined) errors.add('title', RULES.required('title'));
		} else if (typeof input.title !== 'string') errors.add('title', RULES.format('title'));
		else if (input.title.length > MAX_TITLE) errors.add('title', RULES.maxLength('title', MAX_TITLE));
		else title = input.title;
		let optionIds;
		if (input.options !== undefined && input.options !== null) {
			if (!Array.isArray(input.options)) errors.add('options', RULES.array('options'));
			else {
				optionIds = [];
				input.options.forEach((id, i) => {
					const option = isId(id) ? store.findOption(id) : null;
					if (!option) errors.add(`options.${i}`, RULES.invalid(`options.${i}`));
					else if (!optionIds.includes(option.id)) optionIds.push(option.id);
				});
			}
		}
		return { title, optionIds };
	}

	/** The records named by `body[field]`: a non-empty list of integer ids that must all exist (else 422). */
	function existingIds(body, field, find) {
		const errors = new FieldErrors();
		const ids = v.array(v.isPlainObject(body) ? body[field] : undefined, field, errors);
		const found = ids.map((id, i) => {
			const record = isId(id) ? find(id) : null;
			if (!record) errors.add(`${field}.${i}`, (isId(id) ? RULES.invalid : RULES.integer)(`${field}.${i}`));
			return record;
		});
		errors.throwIfAny();
		return [...new Set(found)];
	}

	// ---- phonebooks ----

	/** GET (English page) and POST (Persian page): filters `title`, `id` from the query or a JSON body. */
	function list({ query, body }) {
		const input = { ...(v.isPlainObject(body) ? body : {}), ...query };
		const rows = store.state.phonebooks
			.filter((p) => v.isBlank(input.id) || String(p.id) === String(input.id))
			.filter((p) => v.isBlank(input.title) || p.title.includes(String(input.title)))
			.map(phonebookView);
		const paging = pageParams(input.page, input.per_page, { maxPerPage: MAX_PER_PAGE });
		return paged(rows.length, paging, '/api/phonebooks/list-new', (i) => rows[i]);
	}

	function create({ body }) {
		const errors = new FieldErrors();
		const { title, optionIds } = phonebookFields(body, errors, { titleRequired: true });
		errors.throwIfAny();
		const book = store.createPhonebook({ title, options: optionIds || [], createdAt: clock.now() });
		const data = {
			id: book.id,
			title: book.title,
			count: '0',
			export_status: null,
			import_status: null,
			created_at: isoOffset(book.createdAt),
			options: optionSummary(book),
		};
		return ok(data, { bare: true });
	}

	function update({ params, body }) {
		const book = requirePhonebook(params.id);
		const errors = new FieldErrors();
		const { title, optionIds } = phonebookFields(body, errors, { titleRequired: false });
		errors.throwIfAny();
		if (title !== undefined) book.title = title;
		if (optionIds) book.options = optionIds;
		book.updatedAt = clock.now();
		return ok(null, { bare: true });
	}

	/** `listPhonebooks`: ids that must all exist; their contacts go with them. */
	function removeList({ body }) {
		for (const book of existingIds(body, 'listPhonebooks', store.findPhonebook)) store.removePhonebook(book);
		return ok(null);
	}

	// ---- custom fields ("options") ----

	/**
	 * Both pages mark `type` and `title` "required" here too, but their own example answers
	 * options of every type: they are taken as optional filters (validated when given).
	 */
	function optionList({ query }) {
		const errors = new FieldErrors();
		if (!v.isBlank(query.type) && !OPTION_TYPES.includes(query.type)) errors.add('type', RULES.oneOf('type', OPTION_TYPES));
		errors.throwIfAny();
		const rows = store.state.options
			.filter((o) => v.isBlank(query.type) || o.type === query.type)
			.filter((o) => v.isBlank(query.title) || o.title.includes(String(query.title)))
			.map(optionView);
		const paging = pageParams(query.page, query.per_page, { maxPerPage: MAX_PER_PAGE });
		return paged(rows.length, paging, '/api/phonebooks/options/list-new', (i) => rows[i]);
	}

	function optionStore({ body }) {
		const input = v.isPlainObject(body) ? body : {};
		const errors = new FieldErrors();
		if (v.isBlank(input.type)) errors.add('type', RULES.required('type'));
		else if (!OPTION_TYPES.includes(input.type)) errors.add('type', RULES.oneOf('type', OPTION_TYPES));
		if (v.isBlank(input.title)) errors.add('title', RULES.required('title'));
		else if (String(input.title).length > MAX_TITLE) errors.add('title', RULES.maxLength('title', MAX_TITLE));
		errors.throwIfAny();
		const option = { id: store.state.nextOptionId++, title: String(input.title), type: input.type, createdAt: clock.now() };
		store.state.options.push(option);
		return ok(optionView(option), { bare: true });
	}

	/** Only the title changes (the type is fixed once values exist); answers `data: true`. */
	function optionUpdate({ params, body }) {
		const option = isId(params.id) ? store.findOption(params.id) : null;
		if (!option) throw notFound(TEXT.optionNotFound, '404-1');
		const input = v.isPlainObject(body) ? body : {};
		const errors = new FieldErrors();
		if (input.title !== undefined && v.isBlank(input.title)) errors.add('title', RULES.required('title'));
		else if (input.title !== undefined && String(input.title).length > MAX_TITLE) {
			errors.add('title', RULES.maxLength('title', MAX_TITLE));
		}
		errors.throwIfAny();
		if (input.title !== undefined) option.title = String(input.title);
		return ok(true, { bare: true });
	}

	function optionRemoveList({ body }) {
		for (const option of existingIds(body, 'listOptions', store.findOption)) store.removeOption(option);
		return ok(null);
	}

	// ---- contacts ("numbers") ----

	/** Option values keyed by custom-field ids of `book`, each valid for its type. */
	function optionValues(value, base, book, errors) {
		if (value === undefined || value === null) return {};
		if (!v.isPlainObject(value)) {
			errors.add(base, RULES.object(base));
			return {};
		}
		const result = {};
		for (const [key, raw] of Object.entries(value)) {
			const name = `${base}.${key}`;
			const option = book && book.options.includes(Number(key)) ? store.findOption(key) : null;
			if (!option) {
				errors.add(name, RULES.notAllowed(name));
				continue;
			}
			const text = raw === null || raw === undefined ? '' : String(raw);
			if (typeof raw === 'object' && raw !== null) errors.add(name, RULES.format(name));
			else if (text !== '' && option.type === 'int' && !/^-?\d+$/.test(text)) errors.add(name, RULES.integer(name));
			else if (text !== '' && option.type === 'date' && !isDateValue(text)) errors.add(name, RULES.date(name));
			else if (text.length > 255) errors.add(name, RULES.maxLength(name, 255));
			else result[option.id] = text;
		}
		return result;
	}

	/** One contact as add-list-new and update-new take it; `base` prefixes error keys. */
	function contactInput(item, base, errors) {
		const entry = v.isPlainObject(item) ? item : {};
		const key = (field) => (base ? `${base}.${field}` : field);
		let number = null;
		if (v.isBlank(entry.number)) errors.add(key('number'), RULES.required(key('number')));
		else if (!isE164(String(entry.number))) errors.add(key('number'), RULES.format(key('number')));
		else number = String(entry.number);
		let book = null;
		if (v.isBlank(entry.phonebook_id)) errors.add(key('phonebook_id'), RULES.required(key('phonebook_id')));
		else {
			book = isId(entry.phonebook_id) ? store.findPhonebook(entry.phonebook_id) : null;
			if (!book) errors.add(key('phonebook_id'), RULES.invalid(key('phonebook_id')));
		}
		const pre = v.optionalString(entry.pre, key('pre'), errors);
		const name = v.optionalString(entry.name, key('name'), errors);
		const email = v.optionalString(entry.email, key('email'), errors);
		if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.add(key('email'), RULES.format(key('email')));
		const values = optionValues(entry.options, key('options'), book, errors);
		return { book, data: { number, pre, name, email, options: values } };
	}

	/**
	 * Answers only counts (`201-1`): a bad entry counts in `errors`, a number already in its
	 * phonebook (or twice in the list) in `existences`. No ids come back.
	 */
	function addList({ body }) {
		const errors = new FieldErrors();
		const list = v.array(v.isPlainObject(body) ? body.list : undefined, 'list', errors);
		errors.throwIfAny();
		const counts = { added: 0, errors: 0, existences: 0 };
		for (const item of list) {
			const itemErrors = new FieldErrors();
			const { book, data } = contactInput(item, '', itemErrors);
			if (itemErrors.has()) {
				counts.errors += 1;
				continue;
			}
			const outcome = store.addContact(book, data);
			if (outcome === 'added') counts.added += 1;
			else if (outcome === 'exists') counts.existences += 1;
			else counts.errors += 1; // phonebook full
		}
		return ok(counts, { code: '201-1' });
	}

	/** Filters shared by contact-list and its export; 422 on malformed values. */
	function contactFilters(query) {
		const errors = new FieldErrors();
		for (const field of ['from_created_at', 'phonebook_id']) {
			if (!v.isBlank(query[field]) && !isId(query[field])) errors.add(field, RULES.integer(field));
		}
		if (!v.isBlank(query.number) && !isE164(String(query.number))) errors.add('number', RULES.format('number'));
		errors.throwIfAny();
		const from = v.isBlank(query.from_created_at) ? null : Number(query.from_created_at) * 1000;
		return (c) => {
			const book = store.findPhonebook(c.phonebookId);
			if (!v.isBlank(query.number) && c.number !== String(query.number)) return false;
			if (!v.isBlank(query.phonebook_id) && String(c.phonebookId) !== String(query.phonebook_id)) return false;
			if (!v.isBlank(query.phonebook_title) && (!book || book.title !== String(query.phonebook_title))) return false;
			if (from !== null && c.createdAt < from) return false;
			return true;
		};
	}

	/** Oldest first (by id); `from_created_at` is inclusive. */
	function contactList({ query }) {
		const keep = contactFilters(query);
		const rows = [...store.state.contacts.values()].filter(keep).sort((a, b) => a.id - b.id);
		const paging = pageParams(query.page, query.per_page, { maxPerPage: MAX_PER_PAGE });
		return paged(rows.length, paging, '/api/phonebooks/numbers/contact-list', (i) =>
			contactRow(rows[i], store.findPhonebook(rows[i].phonebookId)),
		);
	}

	function contactShow({ params }) {
		const contact = isId(params.id) ? store.findContact(params.id) : null;
		if (!contact) throw notFound(TEXT.contactNotFound, '404-1');
		const data = {
			...contactRow(contact, store.findPhonebook(contact.phonebookId)),
			is_send_blacklist: store.rules.blacklist.has(contact.number),
			is_receive_blacklist: false,
			tags: [],
		};
		return ok(data, { bare: true });
	}

	/** The whole contact: fields left out are emptied, `options` replaced. */
	function contactUpdate({ params, body }) {
		const contact = isId(params.id) ? store.findContact(params.id) : null;
		if (!contact) throw notFound(TEXT.contactNotFound, '404-1');
		const errors = new FieldErrors();
		const { book, data } = contactInput(body, '', errors);
		if (book && data.number) {
			const other = book.byNumber.get(data.number);
			if (other && other !== contact) errors.add('number', RULES.taken('number'));
		}
		errors.throwIfAny();
		store.replaceContact(contact, { ...data, phonebookId: book.id });
		return ok(null);
	}

	/** `listNumbers`: contact ids (integers) that must exist. */
	function contactRemoveList({ body }) {
		for (const contact of existingIds(body, 'listNumbers', store.findContact)) store.removeContact(contact);
		return ok(null);
	}

	/** Starts a panel-side export; no rows come back. */
	function exportContacts({ query }) {
		contactFilters(query);
		store.state.exports.push({ kind: 'contacts', filters: { ...query }, time: clock.now() });
		return ok(null);
	}

	function exportMembers({ params }) {
		const book = requirePhonebook(params.id);
		store.state.exports.push({ kind: 'phonebook', phonebookId: book.id, time: clock.now() });
		return ok(null);
	}

	function importSample({ params }) {
		requirePhonebook(params.id);
		return ok(null);
	}

	const HEADER_NAMES = {
		number: ['number', 'mobile', 'phone', 'phone_number', 'شماره', 'موبایل', 'شماره موبایل'],
		pre: ['pre', 'prefix', 'پیشوند'],
		name: ['name', 'نام'],
		email: ['email', 'ایمیل'],
	};

	/** Column → field: from a header row (option ids or titles too), or A number, B pre, C name, D email, then options. */
	function importColumns(book, header) {
		const bookOptions = optionsOf(book);
		if (!header) {
			return ['number', 'pre', 'name', 'email', ...bookOptions.map((o) => ({ option: o.id }))];
		}
		return header.map((cell) => {
			const label = String(cell).trim().toLowerCase();
			for (const [field, names] of Object.entries(HEADER_NAMES)) if (names.includes(label)) return field;
			const option = bookOptions.find((o) => String(o.id) === label || o.title.toLowerCase() === label);
			return option ? { option: option.id } : null;
		});
	}

	/**
	 * multipart `file`: an Excel (XLSX) file, as both pages say. CSV only with the emulator
	 * option `csvExcel`. Rows apply at once; bad numbers and duplicates are skipped.
	 */
	function importFile(req) {
		const book = requirePhonebook(req.params.id);
		const errors = new FieldErrors();
		const files = req.multipart ? req.body.files : [];
		const file = files.find((f) => f.field === 'file') || null;
		if (!file) errors.add('file', RULES.required('file')).throwIfAny();
		let rows;
		try {
			if (isZip(file.content)) rows = readXlsx(file.content);
			else if (opts.csvExcel && /\.(csv|txt)$/i.test(file.filename || '')) rows = parseCsv(file.content.toString('utf8'));
		} catch {
			rows = undefined;
		}
		if (!rows) errors.add('file', TEXT.unsupportedFile).throwIfAny();
		const header = rows.length && !/\d{6,}/.test(toDigits(rows[0][0])) ? rows[0] : null;
		const columns = importColumns(book, header);
		const result = { added: 0, errors: 0, existences: 0 };
		for (const row of header ? rows.slice(1) : rows) {
			const data = { options: {} };
			columns.forEach((column, i) => {
				const cell = String(row[i] ?? '').trim();
				if (!column || cell === '') return;
				if (typeof column === 'object') data.options[column.option] = cell;
				else data[column] = cell;
			});
			data.number = normalizeLocal(data.number ?? '');
			if (!isE164(data.number)) {
				result.errors += 1;
				continue;
			}
			const outcome = store.addContact(book, data);
			result[outcome === 'added' ? 'added' : outcome === 'exists' ? 'existences' : 'errors'] += 1;
		}
		book.lastImport = result;
		return ok(null);
	}

	return [
		{ method: 'GET', path: '/api/phonebooks/list-new', handler: list },
		{ method: 'POST', path: '/api/phonebooks/list-new', handler: list },
		{ method: 'POST', path: '/api/phonebooks', handler: create },
		{ method: 'POST', path: '/api/phonebooks/delete-list', handler: removeList },
		{ method: 'GET', path: '/api/phonebooks/options/list-new', handler: optionList },
		{ method: 'POST', path: '/api/phonebooks/options', handler: optionStore },
		{ method: 'POST', path: '/api/phonebooks/options/delete-list', handler: optionRemoveList },
		{ method: 'PUT', path: '/api/phonebooks/options/:id', handler: optionUpdate },
		{ method: 'POST', path: '/api/phonebooks/numbers/add-list-new', handler: addList },
		{ method: 'GET', path: '/api/phonebooks/numbers/contact-list', handler: contactList },
		{ method: 'GET', path: '/api/phonebooks/numbers/contact-list/export', handler: exportContacts },
		{ method: 'GET', path: '/api/phonebooks/numbers/contact-list/:id', handler: contactShow },
		{ method: 'PUT', path: '/api/phonebooks/numbers/update-new/:id', handler: contactUpdate },
		{ method: 'POST', path: '/api/phonebooks/numbers/delete-list', handler: contactRemoveList },
		{ method: 'POST', path: '/api/phonebooks/:id/import', handler: importFile, multipart: true },
		{ method: 'GET', path: '/api/phonebooks/:id/import/get-sample', handler: importSample },
		{ method: 'GET', path: '/api/phonebooks/:id/export', handler: exportMembers },
		{ method: 'PUT', path: '/api/phonebooks/:id', handler: update },
	];
}

const toDigits = (cell) => normalizeLocal(String(cell ?? ''));

module.exports = { createPhonebookRoutes, contactRow };
