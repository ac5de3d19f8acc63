'use strict';

const crypto = require('node:crypto');
const { TEXT, RULES } = require('./messages');
const { ApiError, FieldErrors, ok, notFound } = require('./envelope');
const { RecipientSet, isE164, normalizeLocal, OPERATOR_PREFIXES } = require('./recipients');
const { smsInfo, partPrice } = require('./sms');
const { parseUtc } = require('./clock');
const { parseCsv } = require('./csv');
const { readXlsx, isZip, columnIndex } = require('./xlsx');
const { SYSTEM_SENDERS, OPERATOR_IDS } = require('./seed');
const { OPERATORS } = require('./banks');
const { stateIdOf } = require('./delivery');
const v = require('./validate');

const DUPLICATE_WINDOW_MS = 40 * 1000;
const MIN_LEAD_MS = 5 * 60 * 1000;
const MAX_LEAD_MS = 92 * 24 * 3600 * 1000; // "up to 3 months"
const SECOND = 1000;
const MAX_FILE_ROWS = 10000;
const MAX_PHONEBOOK_PARAMS = 100;
const MAX_RECIPIENTS = 1000000;
const BANKS = ['all', 'white'];
const YEARS = { min: 1300, max: 1410 };

/** JSON body, or multipart fields (JSON-looking values decoded, `name[]` folded into `name`). */
function readInput(req) {
	if (!req.multipart) return { fields: v.isPlainObject(req.body) ? req.body : {}, files: [] };
	const fields = {};
	for (const [key, raw] of Object.entries(req.body.fields)) {
		const name = key.endsWith('[]') ? key.slice(0, -2) : key;
		const values = (Array.isArray(raw) ? raw : [raw]).map(decodeField);
		fields[name] = key.endsWith('[]') ? values.flat() : values[values.length - 1];
	}
	return { fields, files: req.body.files };
}

function decodeField(value) {
	if (!/^\s*[[{]/.test(value)) return value;
	try {
		return JSON.parse(value);
	} catch {
		return value;
	}
}

function createSendRoutes({ store, clock, bank, options: opts }) {
	/** An account line, or one of the system lines (`system`: one or a list) the type allows. */
	function sender(fields, errors, system) {
		const value = fields.from_number;
		if (v.isBlank(value)) {
			errors.add('from_number', RULES.required('from_number'));
			return null;
		}
		const systems = [].concat(system || []);
		const found = store.findSender(String(value)) || systems.find((s) => s.number === value) || null;
		if (!found) errors.add('from_number', RULES.invalid('from_number'));
		return found;
	}

	/** `send_time`: UTC `YYYY-MM-DD HH:MM:SS`, ≥ 5 min and ≤ 3 months ahead. */
	function sendTime(value, errors) {
		if (v.isBlank(value)) return null;
		const at = parseUtc(String(value));
		const now = clock.now();
		if (at === null) errors.add('send_time', RULES.format('send_time'));
		// One second of slack: the field has whole seconds, so "now + 5 min" truncates below it.
		else if (at < now + MIN_LEAD_MS - SECOND) errors.add('send_time', RULES.sendTimeTooSoon('send_time'));
		else if (at > now + MAX_LEAD_MS) errors.add('send_time', RULES.sendTimeTooFar('send_time'));
		return at;
	}

	/**
	 * Rows of the uploaded `files[]`: CSV/TXT, or XLSX (a real workbook, read from its first
	 * sheet). `excelOnly`: the page shows only Excel (CSV then only with option `csvExcel`).
	 * A first row without a phone-like number in column A is a header: `header` holds it.
	 */
	function uploadedRows(files, errors, { excelOnly = false } = {}) {
		const file = files.find((f) => f.field === 'files[]' || f.field === 'files');
		if (!file) {
			errors.add('files', RULES.required('files'));
			return null;
		}
		let rows = null;
		try {
			if (isZip(file.content)) rows = readXlsx(file.content);
			else if ((!excelOnly || opts.csvExcel) && /\.(csv|txt)$/i.test(file.filename || '')) {
				rows = parseCsv(file.content.toString('utf8'));
			}
		} catch {
			rows = null;
		}
		if (!rows) {
			errors.add('files', TEXT.unsupportedFile);
			return null;
		}
		const hasHeader = rows.length > 0 && !/\d{6,}/.test(normalizeLocal(rows[0][0] ?? ''));
		return { file, header: hasHeader ? rows[0] : null, rows: hasHeader ? rows.slice(1) : rows };
	}

	/** Numbers from a file may be local (09…) or international; report bad lines on `files`. */
	function fileNumber(cell, line, errors) {
		const number = normalizeLocal(cell);
		if (!isE164(number)) errors.add('files', RULES.format(`files.${line}`));
		return number;
	}

	// ---- one builder per sending_type: validate, then describe the outbox entries ----

	function textToRecipients(fields, errors) {
		const from = sender(fields, errors);
		const message = v.text(fields.message, 'message', errors);
		const params = v.object(fields.params, 'params', errors) || {};
		const list = v.recipients(params.recipients, 'params.recipients', errors);
		return { from, items: [{ message, recipients: RecipientSet.of(list) }] };
	}

	function peerToPeer(fields, errors) {
		const from = sender(fields, errors);
		const items = v.array(fields.params, 'params', errors).map((item, i) => {
			const base = `params.${i}`;
			const entry = v.isPlainObject(item) ? item : {};
			const message = v.text(entry.message, `${base}.message`, errors);
			const list = v.recipients(entry.recipients, `${base}.recipients`, errors);
			return { message, recipients: RecipientSet.of(list) };
		});
		return { from, items };
	}

	/** CSV `recipient,message`; every row is its own message with its own outbox id. */
	function peerToPeerFile(fields, errors, files) {
		const from = sender(fields, errors);
		const upload = uploadedRows(files, errors);
		if (!upload) return { from, items: [] };
		if (upload.rows.length > MAX_FILE_ROWS) errors.add('files', RULES.maxItems('files', MAX_FILE_ROWS));
		const items = upload.rows.map(([cell, ...rest], i) => {
			const number = fileNumber(cell, i + 1, errors);
			const message = v.text(rest.join(','), `files.${i + 1}.message`, errors);
			return { message, recipients: RecipientSet.of([number]), filesPath: `1/send/${upload.file.filename}` };
		});
		return { from, items };
	}

	/** CSV `phone_number` column plus optional `other_recipients`, one message. */
	function fileSend(fields, errors, files) {
		const from = sender(fields, errors);
		const message = v.text(fields.message, 'message', errors);
		const upload = uploadedRows(files, errors);
		const numbers = upload ? upload.rows.map(([cell], i) => fileNumber(cell, i + 1, errors)) : [];
		const extra = v.recipients(fields.other_recipients, 'other_recipients', errors, { optional: true });
		const filesPath = upload ? `1/send/${upload.file.filename}` : null;
		return { from, items: [{ message, recipients: RecipientSet.of([...numbers, ...extra]), filesPath }] };
	}

	// ---- region, postal-code and job audiences (virtual recipients from the bank's counts) ----

	/** `{start, size}` of one operator: both optional whole numbers (Persian pages: default 0). */
	function block(value, name, errors) {
		if (!v.isPlainObject(value)) {
			errors.add(name, RULES.object(name));
			return null;
		}
		const start = v.optionalInteger(value.start, `${name}.start`, errors) ?? 0;
		const size = v.optionalInteger(value.size, `${name}.size`, errors) ?? 0;
		return { start, size };
	}

	/** v2/job style `operator: [{start, size, id}]`, id 1 MCI, 2 Irancell, 13 others → blocks by operator. */
	function operatorList(value, name, errors) {
		if (value === undefined || value === null) return null;
		if (!Array.isArray(value)) {
			errors.add(name, RULES.array(name));
			return null;
		}
		const blocks = {};
		value.forEach((item, j) => {
			const base = `${name}.${j}`;
			const b = block(item, base, errors);
			const id = v.isPlainObject(item) ? v.optionalInteger(item.id, `${base}.id`, errors) : null;
			if (v.isPlainObject(item) && v.isBlank(item.id)) errors.add(`${base}.id`, RULES.required(`${base}.id`));
			else if (id !== null && !OPERATOR_IDS[id]) errors.add(`${base}.id`, RULES.invalid(`${base}.id`));
			else if (b && id !== null) blocks[OPERATOR_IDS[id]] = b;
		});
		return blocks;
	}

	/**
	 * Adds the audience of one criterion: each operator with a block gets `size` numbers from
	 * row `start`, capped by what the bank has; without any block every number is taken
	 * (the Persian pages: "without operators, sends to all").
	 */
	function addAudience(set, counts, blocks, seedValue) {
		const chosen = blocks && Object.keys(blocks).length ? blocks : null;
		for (const op of OPERATORS) {
			const b = chosen ? chosen[op] : { start: 0, size: counts[op] };
			if (!b) continue;
			const n = Math.min(b.size, Math.max(0, counts[op] - b.start));
			set.addSynthetic(seedOf([seedValue, op]), n, b.start, OPERATOR_PREFIXES[op]);
		}
	}

	function yearRange(p, fromKey, toKey, base, errors) {
		const from = v.optionalInteger(p[fromKey], `${base}.${fromKey}`, errors, { min: YEARS.min, max: YEARS.max });
		const to = v.optionalInteger(p[toKey], `${base}.${toKey}`, errors, { min: YEARS.min, max: YEARS.max });
		if (from !== null && to !== null && from > to) errors.add(`${base}.${toKey}`, RULES.between(`${base}.${toKey}`, from, YEARS.max));
		return { yearFrom: from ?? undefined, yearTo: to ?? undefined };
	}

	/** Fields only the English page marks required (option `englishRegionFields`). */
	function requireEnglish(p, base, fields, errors) {
		if (!opts.englishRegionFields) return;
		for (const field of fields) if (p[field] === undefined || p[field] === null) errors.add(`${base}.${field}`, RULES.required(`${base}.${field}`));
	}

	/** Province required, county and city optional; each must exist and sit inside the one above. */
	function regionIds(p, base, errors, { provinceRequired }) {
		const ids = {};
		for (const field of ['province_id', 'county_id', 'city_id']) {
			if (v.isBlank(p[field])) {
				if (field === 'province_id' && provinceRequired) errors.add(`${base}.${field}`, RULES.required(`${base}.${field}`));
				continue;
			}
			if (!/^\d+$/.test(String(p[field]))) errors.add(`${base}.${field}`, TEXT.regionInvalid);
			else ids[field] = Number(p[field]);
		}
		const province = ids.province_id !== undefined ? bank.province(ids.province_id) : null;
		const county = ids.county_id !== undefined ? bank.county(ids.county_id) : null;
		const city = ids.city_id !== undefined ? bank.city(ids.city_id) : null;
		if (ids.province_id !== undefined && !province) errors.add(`${base}.province_id`, TEXT.regionInvalid);
		if (ids.county_id !== undefined && (!county || (province && county.provinceId !== province.id))) {
			errors.add(`${base}.county_id`, TEXT.regionInvalid);
		}
		if (ids.city_id !== undefined && (!city || (county && city.countyId !== county.id) || (province && city.provinceId !== province.id))) {
			errors.add(`${base}.city_id`, TEXT.regionInvalid);
		}
		return { provinceId: ids.province_id, countyId: ids.county_id, cityId: ids.city_id };
	}

	function bankField(p, base, errors) {
		if (v.isBlank(p.bank)) errors.add(`${base}.bank`, RULES.required(`${base}.bank`));
		else if (!BANKS.includes(p.bank)) errors.add(`${base}.bank`, RULES.oneOf(`${base}.bank`, BANKS));
	}

	function v1Blocks(p, base, errors) {
		const blocks = {};
		for (const op of OPERATORS) {
			if (p[op] === undefined || p[op] === null) continue;
			const b = block(p[op], `${base}.${op}`, errors);
			if (b) blocks[op] = b;
		}
		return blocks;
	}

	/** Shared head of the region-type sends: line, text, `params` items, `other_recipients`. */
	function regionSend(fields, errors, system, eachItem) {
		const from = sender(fields, errors, system);
		const message = v.text(fields.message, 'message', errors);
		const set = new RecipientSet();
		v.array(fields.params, 'params', errors).forEach((p, i) => {
			const base = `params.${i}`;
			if (!v.isPlainObject(p)) errors.add(base, RULES.object(base));
			else eachItem(p, base, set);
		});
		return { from, message, set };
	}

	/** `postal_code` (v1): bank and postal_code required on both pages; the rest optional. */
	function postalCode(fields, errors) {
		const { from, message, set } = regionSend(fields, errors, SYSTEM_SENDERS.bank, (p, base, target) => {
			bankField(p, base, errors);
			requireEnglish(p, base, ['gender', 'age_from', 'age_to', 'mci', 'irancell', 'other'], errors);
			if (v.isBlank(p.postal_code)) errors.add(`${base}.postal_code`, RULES.required(`${base}.postal_code`));
			else if (!/^\d{2,5}$/.test(String(p.postal_code))) errors.add(`${base}.postal_code`, RULES.digitsBetween(`${base}.postal_code`, 2, 5));
			const gender = v.optionalInteger(p.gender, `${base}.gender`, errors, { min: 0, max: 2 });
			const years = yearRange(p, 'age_from', 'age_to', base, errors);
			const blocks = v1Blocks(p, base, errors);
			if (errors.has()) return;
			addAudience(target, bank.postalCounts(String(p.postal_code), { gender, ...years }), blocks, p);
		});
		set.addList(v.recipients(fields.other_recipients, 'other_recipients', errors, { optional: true }));
		return { from, items: [{ message, recipients: set }] };
	}

	/** `country` (v1): bank and province_id required on both pages; pre 2–6 digits, ages 1300–1410. */
	function country(fields, errors) {
		const { from, message, set } = regionSend(fields, errors, SYSTEM_SENDERS.bank, (p, base, target) => {
			bankField(p, base, errors);
			requireEnglish(p, base, ['pre', 'gender', 'age_from', 'age_to', 'mci', 'irancell', 'other'], errors);
			const ids = regionIds(p, base, errors, { provinceRequired: true });
			if (!v.isBlank(p.pre) && !/^\d{2,6}$/.test(String(p.pre))) errors.add(`${base}.pre`, RULES.digitsBetween(`${base}.pre`, 2, 6));
			const gender = v.optionalInteger(p.gender, `${base}.gender`, errors, { min: 0, max: 2 });
			const years = yearRange(p, 'age_from', 'age_to', base, errors);
			const blocks = v1Blocks(p, base, errors);
			if (errors.has()) return;
			const prefix = v.isBlank(p.pre) ? null : String(p.pre);
			addAudience(target, bank.regionCounts({ ...ids, gender, ...years, prefix }), blocks, p);
		});
		set.addList(v.recipients(fields.other_recipients, 'other_recipients', errors, { optional: true }));
		return { from, items: [{ message, recipients: set }] };
	}

	/** `geolocation` (v2 page, English only): every criterion optional; gender 1 or 2; `operator` list. */
	function geolocation(fields, errors) {
		const { from, message, set } = regionSend(fields, errors, SYSTEM_SENDERS.bank, (p, base, target) => {
			const ids = regionIds(p, base, errors, { provinceRequired: false });
			if (!v.isBlank(p.pre) && !/^\d{1,6}$/.test(String(p.pre))) errors.add(`${base}.pre`, RULES.integer(`${base}.pre`));
			const gender = v.optionalInteger(p.gender, `${base}.gender`, errors, { min: 1, max: 2 });
			const years = yearRange(p, 'from_age', 'to_age', base, errors);
			const blocks = operatorList(p.operator, `${base}.operator`, errors);
			if (errors.has()) return;
			const prefix = v.isBlank(p.pre) ? null : String(p.pre);
			addAudience(target, bank.regionCounts({ ...ids, gender: gender ?? undefined, ...years, prefix }), blocks, p);
		});
		set.addList(v.recipients(fields.other_recipients, 'other_recipients', errors, { optional: true }));
		return { from, items: [{ message, recipients: set }] };
	}

	/** `job`: main_category_id required, sub_category_id optional (must belong to it), `operator` list. */
	function job(fields, errors) {
		const { from, message, set } = regionSend(fields, errors, [SYSTEM_SENDERS.pro, SYSTEM_SENDERS.bank], (p, base, target) => {
			const mainKey = `${base}.main_category_id`;
			if (v.isBlank(p.main_category_id)) errors.add(mainKey, RULES.required(mainKey));
			else if (!/^\d+$/.test(String(p.main_category_id)) || !bank.jobCategory(p.main_category_id)) errors.add(mainKey, RULES.invalid(mainKey));
			const sub = v.optionalInteger(p.sub_category_id, `${base}.sub_category_id`, errors);
			if (sub !== null && !errors.has(mainKey) && !bank.subCategories(p.main_category_id).some((x) => x.id === sub)) {
				errors.add(`${base}.sub_category_id`, RULES.invalid(`${base}.sub_category_id`));
			}
			const blocks = operatorList(p.operator, `${base}.operator`, errors);
			if (errors.has()) return;
			addAudience(target, bank.jobCounts(p.main_category_id, sub ?? undefined), blocks, p);
		});
		return { from, items: [{ message, recipients: set }] };
	}

	// ---- keyword sends: one text per recipient ----

	/** `{ex_B}` → column B; `{ex_name}` → the header cell `name` or `ex_name`. */
	function keywordColumn(key, header) {
		if (header) {
			const byTitle = header.findIndex((cell) => {
				const title = String(cell).trim();
				return title === key || title === `ex_${key}`;
			});
			if (byTitle >= 0) return byTitle;
		}
		return /^[A-Z]{1,2}$/.test(key) ? columnIndex(key) : -1;
	}

	/** `keyword`: an Excel sheet, column A the number, the other columns fill `{ex_…}` placeholders. */
	function keyword(fields, errors, files) {
		const from = sender(fields, errors);
		const message = v.text(fields.message, 'message', errors);
		const upload = uploadedRows(files, errors, { excelOnly: true });
		if (!upload || message === null) return { from, items: [] };
		const keys = [...new Set([...message.matchAll(/\{ex_([^}]+)\}/g)].map((m) => m[1]))];
		const columns = new Map();
		const width = upload.rows.reduce((max, row) => Math.max(max, row.length), upload.header ? upload.header.length : 0);
		for (const key of keys) {
			const col = keywordColumn(key, upload.header);
			if (col <= 0 || col >= width) errors.add('message', RULES.placeholder('message', key));
			else columns.set(key, col);
		}
		if (errors.has()) return { from, items: [] };
		const numbers = [];
		const texts = [];
		upload.rows.forEach((row, i) => {
			numbers.push(fileNumber(row[0], i + 1, errors));
			const text = message.replace(/\{ex_([^}]+)\}/g, (_, key) => String(row[columns.get(key)] ?? ''));
			texts.push(v.text(text, `files.${i + 1}.message`, errors));
		});
		return { from, items: [{ message, recipients: RecipientSet.of(numbers), texts, filesPath: `1/send/${upload.file.filename}` }] };
	}

	/**
	 * `keyword_phonebook`: every contact of the phonebooks, `{ex_<custom field id>}` filled from
	 * that contact's value ('' when it has none). One outbox id for the whole send.
	 */
	function keywordPhonebook(fields, errors) {
		const from = sender(fields, errors);
		const message = v.text(fields.message, 'message', errors);
		const ids = v.array(fields.params, 'params', errors).map((p, i) => {
			const key = `params.${i}.phonebook_id`;
			const value = v.isPlainObject(p) ? p.phonebook_id : undefined;
			return v.integer(value, key, errors);
		});
		errors.throwIfAny();
		const books = ids.map((id) => {
			const book = store.findPhonebook(id);
			if (!book) throw notFound(TEXT.phonebookNotFound, '404-1');
			return book;
		});
		const known = new Set(books.flatMap((b) => b.options.map(String)));
		for (const [, key] of message.matchAll(/\{ex_([^}]+)\}/g)) {
			if (!known.has(key)) errors.add('message', RULES.placeholder('message', key));
		}
		if (errors.has()) return { from, items: [] };
		const numbers = [];
		const texts = [];
		for (const book of books) {
			for (const contact of book.contacts) {
				numbers.push(contact.number);
				const text = message.replace(/\{ex_(\d+)\}/g, (_, key) => contact.options[key] ?? '');
				texts.push(v.text(text, 'message', errors) ?? text);
			}
		}
		return { from, items: [{ message, recipients: RecipientSet.of(numbers), texts }] };
	}

	function pattern(fields, errors) {
		const from = sender(fields, errors);
		if (v.isBlank(fields.code)) errors.add('code', RULES.required('code'));
		const code = String(fields.code ?? '');
		const list = v.recipients(fields.recipients, 'recipients', errors, { exactlyOne: true });
		const params = v.object(fields.params, 'params', errors);
		const save = patternPhonebook(fields.phonebook, errors);
		errors.throwIfAny();
		const found = store.findPattern(code);
		if (!found) throw notFound(TEXT.patternNotFound, '404-1');
		if (found.status !== 'active') errors.add('code', RULES.patternInactive(code));
		const empty = checkPatternParams(found, params, errors);
		const fill = (placeholder, name) => (Object.hasOwn(params, name) ? String(params[name] ?? '') : placeholder);
		const message = found.message.replace(/%(\w+)%/g, fill);
		const after = (entry) => {
			// The documents say nothing about empty values: accepted, and noted for tests to see.
			for (const variable of empty) store.state.emptyPatternValues.push({ outboxId: entry.id, code, variable });
			entry.emptyVariables = empty;
			if (save) entry.phonebookSave = savePatternRecipient(save, list[0]);
		};
		return { from, items: [{ message, recipients: RecipientSet.of(list), after }] };
	}

	/**
	 * `phonebook: {id, name?, pre?, email?, options?}`: the recipient is also saved into that
	 * phonebook. The id must name an existing phonebook and the option keys its custom fields.
	 */
	function patternPhonebook(value, errors) {
		if (value === undefined || value === null) return null;
		if (!v.isPlainObject(value)) {
			errors.add('phonebook', RULES.object('phonebook'));
			return null;
		}
		const id = v.integer(value.id, 'phonebook.id', errors);
		const book = id === null ? null : store.findPhonebook(id);
		if (id !== null && !book) errors.add('phonebook.id', RULES.invalid('phonebook.id'));
		const data = {
			name: v.optionalString(value.name, 'phonebook.name', errors),
			pre: v.optionalString(value.pre, 'phonebook.pre', errors),
			email: v.optionalString(value.email, 'phonebook.email', errors),
			options: {},
		};
		if (value.options !== undefined && value.options !== null) {
			if (!v.isPlainObject(value.options)) errors.add('phonebook.options', RULES.object('phonebook.options'));
			else {
				for (const [key, raw] of Object.entries(value.options)) {
					if (!book || !book.options.includes(Number(key))) errors.add(`phonebook.options.${key}`, RULES.notAllowed(`phonebook.options.${key}`));
					else data.options[key] = String(raw ?? '');
				}
			}
		}
		return book ? { book, data } : null;
	}

	/** After the send: `added`, `exists` (already there) or `full` (100 000 numbers: only sent). */
	function savePatternRecipient({ book, data }, number) {
		return store.addContact(book, { ...data, number });
	}

	function votp(fields, errors) {
		const code = v.text(fields.message, 'message', errors);
		if (code !== null && !/^\d{1,14}$/.test(code)) errors.add('message', RULES.votpDigits('message'));
		const params = v.object(fields.params, 'params', errors) || {};
		const list = v.recipients(params.recipients, 'params.recipients', errors, { exactlyOne: true });
		return { from: SYSTEM_SENDERS.votp, items: [{ message: code, recipients: RecipientSet.of(list) }] };
	}

	/**
	 * `{type:'all', phonebook_ids, start, size}` / `{type:'detail', phonebook_id, number_ids}`.
	 * `start` is a row number from 1: the pages' only example is "1", the Persian page calls it
	 * "starting row number" and, unlike the region pages, gives no default 0 — so "0" is refused.
	 */
	function phonebook(fields, errors) {
		const from = sender(fields, errors);
		const message = v.text(fields.message, 'message', errors);
		const numbers = [];
		v.array(fields.params, 'params', errors, { max: MAX_PHONEBOOK_PARAMS }).forEach((p, i) => {
			const base = `params.${i}`;
			if (!v.isPlainObject(p)) errors.add(base, RULES.object(base));
			else if (p.type === 'all') phonebookAll(p, base, numbers, errors);
			else if (p.type === 'detail') phonebookDetail(p, base, numbers, errors);
			else errors.add(`${base}.type`, (v.isBlank(p.type) ? RULES.required : RULES.invalid)(`${base}.type`));
		});
		return { from, items: [{ message, recipients: RecipientSet.of(numbers) }] };
	}

	function phonebookAll(p, base, numbers, errors) {
		const start = v.optionalInteger(p.start, `${base}.start`, errors, { min: 1 });
		const size = v.optionalInteger(p.size, `${base}.size`, errors);
		v.array(p.phonebook_ids, `${base}.phonebook_ids`, errors).forEach((id, j) => {
			const book = /^\d+$/.test(String(id)) ? store.findPhonebook(id) : null;
			if (!book) errors.add(`${base}.phonebook_ids.${j}`, RULES.invalid(`${base}.phonebook_ids.${j}`));
			else {
				const from = (start ?? 1) - 1;
				const rows = book.contacts.slice(from, size === null ? undefined : from + size);
				for (const contact of rows) numbers.push(contact.number);
			}
		});
	}

	/** `number_ids` are contact ids (contact-list `id`) of that phonebook. */
	function phonebookDetail(p, base, numbers, errors) {
		const book = v.isBlank(p.phonebook_id) || !/^\d+$/.test(String(p.phonebook_id)) ? null : store.findPhonebook(p.phonebook_id);
		if (!book) {
			const rule = v.isBlank(p.phonebook_id) ? RULES.required : RULES.invalid;
			errors.add(`${base}.phonebook_id`, rule(`${base}.phonebook_id`));
		}
		v.array(p.number_ids, `${base}.number_ids`, errors).forEach((id, j) => {
			const key = `${base}.number_ids.${j}`;
			const n = v.integer(id, key, errors);
			if (n === null || !book) return;
			const contact = store.findContact(n);
			if (!contact || contact.phonebookId !== book.id) errors.add(key, RULES.invalid(key));
			else numbers.push(contact.number);
		});
	}

	const BUILDERS = {
		webservice: textToRecipients,
		normal: textToRecipients,
		peer_to_peer: peerToPeer,
		peer_to_peer_file: peerToPeerFile,
		file: fileSend,
		postal_code: postalCode,
		country,
		geolocation,
		job,
		keyword,
		keyword_phonebook: keywordPhonebook,
		pattern,
		votp,
		phonebook,
	};

	/** Same type, sender, recipients and text within 40 s → HTTP 429 (send_time is ignored). */
	function fingerprint(type, from, items) {
		const key = JSON.stringify([type, from.number, items.map((i) => [i.message, i.recipients.segments])]);
		return crypto.createHash('sha1').update(key).digest('hex');
	}

	function rejectDuplicate(print) {
		const now = clock.now();
		const recent = store.state.recentSends;
		for (const [key, at] of recent) if (now - at >= DUPLICATE_WINDOW_MS) recent.delete(key);
		if (recent.has(print)) throw new ApiError(429, '429-1', TEXT.duplicateSend);
	}

	function send(req) {
		const { fields, files } = readInput(req);
		const errors = new FieldErrors();
		const type = fields.sending_type;
		if (v.isBlank(type)) errors.add('sending_type', RULES.required('sending_type'));
		else if (!Object.hasOwn(BUILDERS, type)) errors.add('sending_type', RULES.invalid('sending_type'));
		errors.throwIfAny();
		const sendAt = sendTime(fields.send_time, errors);
		const { from, items } = BUILDERS[type](fields, errors, files);
		checkAudience(items, errors);
		errors.throwIfAny();
		const print = fingerprint(type, from, items);
		rejectDuplicate(print);
		const entries = items.map(({ after, ...item }) => {
			const entry = store.createOutbox({ ...item, sendingType: type, sender: from, sendAt, userIp: req.remoteAddress });
			if (after) after(entry);
			return entry;
		});
		store.state.recentSends.set(print, clock.now());
		return ok({ message_outbox_ids: entries.map((e) => e.id) });
	}

	function calculatePrice({ body }) {
		const errors = new FieldErrors();
		const line = v.isBlank(body.number) ? null : store.findSender(String(body.number));
		if (v.isBlank(body.number)) errors.add('number', RULES.required('number'));
		else if (!line) errors.add('number', RULES.invalid('number'));
		const message = v.text(body.message, 'message', errors);
		errors.throwIfAny();
		const { lang, parts } = smsInfo(message);
		const data = {
			mci_price: parts * partPrice(lang, 'mci'),
			other_price: parts * partPrice(lang, 'other'),
			parts,
		};
		return ok(data, { message: 'calculate successfully' });
	}

	/** Only a scheduled send, at least 5 minutes before it goes out. */
	function cancel({ body }) {
		const errors = new FieldErrors();
		const id = v.integer(body.message_outbox_id, 'message_outbox_id', errors);
		errors.throwIfAny();
		const entry = store.findOutbox(id);
		if (!entry) throw notFound(TEXT.messageNotFound);
		const now = clock.now();
		if (stateIdOf(entry, now) !== 5 || entry.sendAt - now < MIN_LEAD_MS) {
			errors.add('message_outbox_id', TEXT.cancelNotAllowed).throwIfAny();
		}
		entry.fixedState = 7;
		return ok(null);
	}

	return [
		{ method: 'POST', path: '/api/send', handler: send, multipart: true },
		{ method: 'POST', path: '/api/send/calculate-price', handler: calculatePrice },
		{ method: 'POST', path: '/api/send/cancel', handler: cancel },
	];
}

/** Something to send, but not more than IPPanel's one-million-recipient limit. */
function checkAudience(items, errors) {
	if (errors.has()) return;
	if (!items.length || items.some((i) => i.recipients.count === 0)) errors.add('params', TEXT.noRecipients);
	else if (items.some((i) => i.recipients.count > MAX_RECIPIENTS)) {
		errors.add('params', RULES.maxItems('recipients', MAX_RECIPIENTS));
	}
}

/** Missing or mistyped variables are refused; the names of empty ones ('' or spaces) come back. */
function checkPatternParams(found, params, errors) {
	const names = new Set(found.variables.map((x) => x.name));
	const empty = [];
	for (const variable of found.variables) {
		const name = `params.${variable.name}`;
		const value = params[variable.name];
		if (value === undefined || value === null) errors.add(name, RULES.required(name));
		else if (typeof value === 'object') errors.add(name, RULES.format(name));
		else if (String(value).trim() === '') empty.push(variable.name);
		else if (variable.type === 'integer' && !/^\d+$/.test(String(value))) errors.add(name, RULES.integer(name));
		else if (variable.len > 0 && String(value).length > variable.len) {
			errors.add(name, RULES.maxLength(name, variable.len));
		}
	}
	for (const key of Object.keys(params)) {
		if (!names.has(key)) errors.add(`params.${key}`, RULES.notAllowed(`params.${key}`));
	}
	return empty;
}

const seedOf = (value) => crypto.createHash('md5').update(JSON.stringify(value ?? null)).digest().readUInt32BE(0) % 1e6;

module.exports = { createSendRoutes };
