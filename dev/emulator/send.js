'use strict';

const crypto = require('node:crypto');
const { TEXT, RULES } = require('./messages');
const { ApiError, FieldErrors, ok, notFound } = require('./envelope');
const { RecipientSet, isE164, normalizeLocal, syntheticNumber } = require('./recipients');
const { smsInfo, partPrice } = require('./sms');
const { parseUtc } = require('./clock');
const { parseCsv } = require('./csv');
const { SYSTEM_SENDERS } = require('./seed');
const { stateIdOf } = require('./delivery');
const v = require('./validate');

const DUPLICATE_WINDOW_MS = 40 * 1000;
const MIN_LEAD_MS = 5 * 60 * 1000;
const MAX_LEAD_MS = 92 * 24 * 3600 * 1000; // "up to 3 months"
const SECOND = 1000;
const MAX_FILE_ROWS = 10000;
const MAX_PHONEBOOK_PARAMS = 100;
const MAX_RECIPIENTS = 1000000;
const DEFAULT_MINIMAL_RECIPIENTS = 10;

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

function createSendRoutes({ store, clock }) {
	function sender(fields, errors, system) {
		const value = fields.from_number;
		if (v.isBlank(value)) {
			errors.add('from_number', RULES.required('from_number'));
			return null;
		}
		const found = store.findSender(String(value)) || (system && system.number === value ? system : null);
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

	function uploadedRows(files, errors) {
		const file = files.find((f) => f.field === 'files[]' || f.field === 'files');
		if (!file) {
			errors.add('files', RULES.required('files'));
			return null;
		}
		// The real API also reads XLSX; the emulator only reads CSV/TXT.
		if (!/\.(csv|txt)$/i.test(file.filename || '')) {
			errors.add('files', TEXT.unsupportedFile);
			return null;
		}
		const rows = parseCsv(file.content.toString('utf8'));
		const hasHeader = rows.length && !/\d{6,}/.test(rows[0][0]);
		return { file, rows: hasHeader ? rows.slice(1) : rows };
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

	/**
	 * Region / bank / keyword sends: the audience is computed by IPPanel, so the emulator
	 * makes virtual recipients from the `size`s in `params` (postal code: mci/irancell/other).
	 * Types without a documented shape ("minimal") fall back to a small audience.
	 */
	function audience(fields, errors, { minimal }) {
		const from = sender(fields, errors, SYSTEM_SENDERS.bank);
		const message = v.text(fields.message, 'message', errors);
		const set = new RecipientSet();
		const params = minimal ? [].concat(fields.params || []) : v.array(fields.params, 'params', errors);
		params.forEach((p, i) => {
			if (v.isPlainObject(p) && Array.isArray(p.recipients)) {
				set.addList(v.recipients(p.recipients, `params.${i}.recipients`, errors));
			} else {
				set.addSynthetic(seedOf(p), audienceSize(p));
			}
		});
		set.addList(v.recipients(fields.other_recipients, 'other_recipients', errors, { optional: true }));
		if (!set.count && minimal) set.addSynthetic(seedOf(fields), DEFAULT_MINIMAL_RECIPIENTS);
		return { from, items: [{ message, recipients: set }] };
	}

	function pattern(fields, errors) {
		const from = sender(fields, errors);
		if (v.isBlank(fields.code)) errors.add('code', RULES.required('code'));
		const code = String(fields.code ?? '');
		const list = v.recipients(fields.recipients, 'recipients', errors, { exactlyOne: true });
		const params = v.object(fields.params, 'params', errors);
		errors.throwIfAny();
		const found = store.findPattern(code);
		if (!found) throw notFound(TEXT.patternNotFound, '404-1');
		if (found.status !== 'active') errors.add('code', RULES.patternInactive(code));
		checkPatternParams(found, params, errors);
		const fill = (placeholder, name) => (Object.hasOwn(params, name) ? String(params[name]) : placeholder);
		const message = found.message.replace(/%(\w+)%/g, fill);
		return { from, items: [{ message, recipients: RecipientSet.of(list) }] };
	}

	function votp(fields, errors) {
		const code = v.text(fields.message, 'message', errors);
		if (code !== null && !/^\d{1,14}$/.test(code)) errors.add('message', RULES.votpDigits('message'));
		const params = v.object(fields.params, 'params', errors) || {};
		const list = v.recipients(params.recipients, 'params.recipients', errors, { exactlyOne: true });
		return { from: SYSTEM_SENDERS.votp, items: [{ message: code, recipients: RecipientSet.of(list) }] };
	}

	/** `{type:'all', phonebook_ids, start (1-based), size}` / `{type:'detail', phonebook_id, number_ids}`. */
	function phonebook(fields, errors) {
		const from = sender(fields, errors);
		const message = v.text(fields.message, 'message', errors);
		const set = new RecipientSet();
		v.array(fields.params, 'params', errors, { max: MAX_PHONEBOOK_PARAMS }).forEach((p, i) => {
			const base = `params.${i}`;
			if (!v.isPlainObject(p)) errors.add(base, RULES.object(base));
			else if (p.type === 'all') phonebookAll(p, base, set, errors);
			else if (p.type === 'detail') phonebookDetail(p, base, set, errors);
			else errors.add(`${base}.type`, (v.isBlank(p.type) ? RULES.required : RULES.invalid)(`${base}.type`));
		});
		return { from, items: [{ message, recipients: set }] };
	}

	function phonebookAll(p, base, set, errors) {
		const start = Math.max(1, Number.parseInt(p.start, 10) || 1);
		const size = v.isBlank(p.size) ? Infinity : Math.max(0, Number.parseInt(p.size, 10) || 0);
		v.array(p.phonebook_ids, `${base}.phonebook_ids`, errors).forEach((id, j) => {
			const book = store.findPhonebook(id);
			if (!book) errors.add(`${base}.phonebook_ids.${j}`, RULES.invalid(`${base}.phonebook_ids.${j}`));
			else set.addSynthetic(book.id, Math.min(size, book.count - (start - 1)), start - 1);
		});
	}

	function phonebookDetail(p, base, set, errors) {
		const book = v.isBlank(p.phonebook_id) ? null : store.findPhonebook(p.phonebook_id);
		if (!book) {
			const rule = v.isBlank(p.phonebook_id) ? RULES.required : RULES.invalid;
			errors.add(`${base}.phonebook_id`, rule(`${base}.phonebook_id`));
		}
		const ids = v.array(p.number_ids, `${base}.number_ids`, errors);
		const numbers = ids.map((id, j) => v.integer(id, `${base}.number_ids.${j}`, errors));
		if (book) set.addList(numbers.filter((n) => n !== null).map((n) => syntheticNumber(book.id, n)));
	}

	const BUILDERS = {
		webservice: textToRecipients,
		normal: textToRecipients,
		peer_to_peer: peerToPeer,
		peer_to_peer_file: peerToPeerFile,
		file: fileSend,
		postal_code: (f, e) => audience(f, e, { minimal: false }),
		country: (f, e) => audience(f, e, { minimal: true }),
		geolocation: (f, e) => audience(f, e, { minimal: true }),
		job: (f, e) => audience(f, e, { minimal: true }),
		keyword: (f, e) => audience(f, e, { minimal: true }),
		keyword_phonebook: (f, e) => audience(f, e, { minimal: true }),
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
		const entries = items.map((item) =>
			store.createOutbox({ ...item, sendingType: type, sender: from, sendAt, userIp: req.remoteAddress }),
		);
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

function checkPatternParams(found, params, errors) {
	const names = new Set(found.variables.map((x) => x.name));
	for (const variable of found.variables) {
		const name = `params.${variable.name}`;
		const value = params[variable.name];
		if (v.isBlank(value)) errors.add(name, RULES.required(name));
		else if (variable.type === 'integer' && !/^\d+$/.test(String(value))) errors.add(name, RULES.integer(name));
		else if (variable.len > 0 && String(value).length > variable.len) {
			errors.add(name, RULES.maxLength(name, variable.len));
		}
	}
	for (const key of Object.keys(params)) {
		if (!names.has(key)) errors.add(`params.${key}`, RULES.notAllowed(`params.${key}`));
	}
}

/** Audience of one region/bank criterion: the sum of per-operator sizes, or `size`/`count`. */
function audienceSize(p) {
	if (!v.isPlainObject(p)) return 0;
	const perOperator = ['mci', 'irancell', 'other'].filter((op) => v.isPlainObject(p[op]));
	const sizes = perOperator.length ? perOperator.map((op) => p[op].size) : [p.size ?? p.count];
	return sizes.reduce((sum, s) => sum + Math.max(0, Number.parseInt(s, 10) || 0), 0);
}

const seedOf = (value) => crypto.createHash('md5').update(JSON.stringify(value ?? null)).digest().readUInt32BE(0) % 1e6;

module.exports = { createSendRoutes };
