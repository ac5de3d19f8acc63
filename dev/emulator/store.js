'use strict';

const seed = require('./seed');
const { smsInfo, partPrice, VOTP_PRICE } = require('./sms');
const { RecipientSet, operatorOf, syntheticNumber } = require('./recipients');
const { formatUtc, unixSeconds } = require('./clock');

// `type` of the outbox row per sending_type; voice OTP shows as "sendvoice" in the by_bulk example.
const OUTBOX_TYPE = { votp: 'sendvoice' };
const summaryOf = (sendingType, message) =>
	sendingType === 'votp' ? `ارسال کد فعالسازی صوتی : ${message}` : null;

/** Deterministic pseudo-random numbers (mulberry32) so generated data is reproducible. */
function prng(seedValue) {
	let a = seedValue >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** `texts`: one message per recipient (keyword sends), else every recipient gets `info`. */
function priceOf(info, recipients, sendingType, texts) {
	if (sendingType === 'votp') return VOTP_PRICE * recipients.count;
	let total = 0;
	recipients.forEach((number, i) => {
		const own = texts ? smsInfo(texts[i]) : info;
		total += own.parts * partPrice(own.lang, operatorOf(number));
	});
	return total;
}

/** Sender lines beyond the seeded three: `+9850002000`, `+9850002001`, … */
function extraLines(count) {
	const lines = [];
	for (let i = 0; i < count; i++) {
		lines.push({
			id: seed.EXTRA_LINE_BASE.id + i,
			number: `+${seed.EXTRA_LINE_BASE.number + i}`,
			operator_id: 1 + (i % 3),
			alias: null,
			gets: i % 2,
			is_66_char: 0,
		});
	}
	return lines;
}

function createStore(options, clock) {
	const rules = {
		blacklist: new Set(options.blacklist || []),
		undeliverable: new Set(options.undeliverable || []),
	};
	const state = {};

	function reset() {
		const now = clock.now();
		for (const key of Object.keys(state)) delete state[key];
		Object.assign(state, {
			credit: options.credit ?? seed.SEED_CREDIT,
			yesterdayCredit: (options.credit ?? seed.SEED_CREDIT) + 12500,
			creditUpdatedAt: now,
			numbers: [],
			patterns: seed.PATTERNS.map((p, i) => {
				const createdAt = now - (i + 1) * 7 * 86400000;
				return { description: 'description', isShare: false, website: null, ...p, createdAt, updatedAt: createdAt };
			}),
			phonebooks: [],
			options: seed.OPTIONS.map(({ at, ...o }) => ({ ...o, createdAt: now - at * 86400000 })),
			contacts: new Map(), // id → contact, across phonebooks
			exports: [], // export requests (they return no rows)
			emptyPatternValues: [], // pattern sends that had a variable with an empty value
			nextContactId: seed.FIRST_CONTACT_ID,
			nextOptionId: seed.FIRST_OPTION_ID,
			nextPhonebookId: seed.FIRST_PHONEBOOK_ID,
			outbox: [], // oldest first; reports walk it backwards
			outboxById: new Map(),
			inbox: [],
			tokens: new Map(),
			recentSends: new Map(), // fingerprint → emulator time, for the 40 s duplicate rule
			nextOutboxId: seed.FIRST_OUTBOX_ID,
			nextInboxId: seed.FIRST_INBOX_ID,
		});
		setSenderLines(options.senderLines ?? seed.NUMBERS.length);
		seed.PHONEBOOKS.forEach((spec, i) => seedPhonebook(spec, now - (i + 30) * 86400000));
		for (const spec of seed.OUTBOX) seedOutbox(spec, now);
		for (const msg of seed.INBOX) addInbound({ ...msg, time: now + msg.at });
	}

	function seedOutbox(spec, now) {
		const createdAt = now + spec.at;
		createOutbox({
			sendingType: spec.sendingType,
			sender: findSender(spec.sender) || systemSender(spec.sender),
			message: spec.message,
			recipients: RecipientSet.of(spec.recipients),
			createdAt,
			sendAt: spec.sendIn ? createdAt + spec.sendIn : createdAt,
			fixedState: spec.fixedState ?? null,
			charge: false,
		});
	}

	/** The account's sender lines: the seeded three, then generated ones up to `count`. */
	function setSenderLines(count) {
		const total = Math.max(1, Number(count) || 0);
		const base = seed.NUMBERS.slice(0, total).map((n) => ({ ...n }));
		state.numbers = [...base, ...extraLines(total - base.length)];
		return state.numbers.length;
	}

	function createPhonebook({ id, title, options = [], createdAt }) {
		const book = {
			id: id ?? state.nextPhonebookId++,
			title,
			options: [...options],
			contacts: [],
			byNumber: new Map(),
			createdAt,
			updatedAt: createdAt,
			exportStatus: 0,
			importStatus: 0,
		};
		state.phonebooks.push(book);
		return book;
	}

	function seedPhonebook(spec, createdAt) {
		const book = createPhonebook({ ...spec, createdAt });
		book.updatedAt = createdAt + 86400000;
		const people = spec.people || [];
		for (let i = 0; i < spec.size; i++) {
			const person = people[i] || {};
			addContact(book, { number: syntheticNumber(book.id, i), ...person }, createdAt + i * 60000);
		}
	}

	/** Adds one contact: `'added'`, `'exists'` (same number in that phonebook) or `'full'`. */
	function addContact(book, data, at = clock.now()) {
		if (book.byNumber.has(data.number)) return 'exists';
		if (book.contacts.length >= seed.PHONEBOOK_CAPACITY) return 'full';
		const contact = {
			id: state.nextContactId++,
			phonebookId: book.id,
			number: data.number,
			pre: data.pre ?? '',
			name: data.name ?? '',
			email: data.email ?? '',
			options: { ...(data.options || {}) },
			createdAt: at,
			updatedAt: at,
		};
		book.contacts.push(contact);
		book.byNumber.set(contact.number, contact);
		state.contacts.set(contact.id, contact);
		book.updatedAt = at;
		return 'added';
	}

	function removeContact(contact) {
		const book = findPhonebook(contact.phonebookId);
		state.contacts.delete(contact.id);
		if (!book) return;
		book.contacts = book.contacts.filter((c) => c.id !== contact.id);
		if (book.byNumber.get(contact.number) === contact) book.byNumber.delete(contact.number);
		book.updatedAt = clock.now();
	}

	/** Moves/renumbers a contact, keeping the per-phonebook number index right. */
	function replaceContact(contact, data) {
		const from = findPhonebook(contact.phonebookId);
		const to = findPhonebook(data.phonebookId);
		if (from) {
			from.contacts = from.contacts.filter((c) => c.id !== contact.id);
			from.byNumber.delete(contact.number);
		}
		Object.assign(contact, data, { updatedAt: clock.now() });
		to.contacts.push(contact);
		to.contacts.sort((a, b) => a.id - b.id);
		to.byNumber.set(contact.number, contact);
		to.updatedAt = clock.now();
	}

	function removePhonebook(book) {
		for (const contact of book.contacts) state.contacts.delete(contact.id);
		state.phonebooks = state.phonebooks.filter((b) => b !== book);
	}

	function removeOption(option) {
		state.options = state.options.filter((o) => o !== option);
		for (const book of state.phonebooks) book.options = book.options.filter((id) => id !== option.id);
		for (const contact of state.contacts.values()) delete contact.options[option.id];
	}

	const findOption = (id) => state.options.find((o) => String(o.id) === String(id)) || null;
	const findContact = (id) => state.contacts.get(Number(id)) || null;

	const findSender = (number) => state.numbers.find((n) => n.number === number) || null;
	const systemSender = (number) => Object.values(seed.SYSTEM_SENDERS).find((s) => s.number === number);
	const findPattern = (code) => state.patterns.find((p) => p.code === code) || null;
	const findPhonebook = (id) => state.phonebooks.find((p) => String(p.id) === String(id)) || null;
	const findOutbox = (id) => state.outboxById.get(Number(id)) || null;

	/**
	 * Records one outbox entry. Immediate sends are charged now; scheduled ones when
	 * they go out (`settle`), as IPPanel prices them at send time.
	 */
	function createOutbox(spec) {
		const now = clock.now();
		const info = smsInfo(spec.message);
		const createdAt = spec.createdAt ?? now;
		const entry = {
			id: state.nextOutboxId++,
			sendingType: spec.sendingType,
			type: OUTBOX_TYPE[spec.sendingType] || spec.sendingType,
			number: spec.sender.number,
			numberId: String(spec.sender.id),
			message: spec.message,
			info,
			recipients: spec.recipients,
			texts: spec.texts ?? null, // per-recipient text (keyword sends); `message` is the template
			count: spec.recipients.count,
			createdAt,
			sendAt: spec.sendAt ?? createdAt,
			price: priceOf(info, spec.recipients, spec.sendingType, spec.texts),
			cost: 0,
			charged: false,
			fixedState: spec.fixedState ?? null,
			summary: summaryOf(spec.sendingType, spec.message),
			filesPath: spec.filesPath ?? null,
			username: seed.PROFILE.user_name,
			userId: String(seed.PROFILE.user_id),
			userIp: spec.userIp ?? null,
			statsCache: null,
		};
		if (entry.sendAt <= now) {
			if (spec.charge === false) prepaid(entry);
			else charge(entry);
		}
		state.outbox.push(entry);
		state.outboxById.set(entry.id, entry);
		return entry;
	}

	function charge(entry) {
		entry.charged = true;
		if (state.credit < entry.price) {
			entry.fixedState = 8; // insufficient credit
			return;
		}
		state.credit = Math.round((state.credit - entry.price) * 100) / 100;
		state.creditUpdatedAt = clock.now();
		entry.cost = entry.price;
	}

	/** Seeded history: already paid for, credit untouched. */
	function prepaid(entry) {
		entry.charged = true;
		if (entry.fixedState === null) entry.cost = entry.price;
	}

	/** Charges scheduled sends whose time has come (called before each request and on advance). */
	function settle() {
		const now = clock.now();
		for (const p of state.patterns) {
			if (p.status === 'pending' && p.approveAt !== null && p.approveAt !== undefined && p.approveAt <= now) {
				p.status = 'active';
				p.updatedAt = p.approveAt;
			}
		}
		for (const entry of state.outbox) {
			if (!entry.charged && entry.fixedState === null && entry.sendAt <= now) charge(entry);
		}
	}

	function addInbound({ from, to, message, time } = {}) {
		const row = {
			messages_inbox_id: state.nextInboxId++,
			from: from || '+989120000000',
			number: to || state.numbers[0].number,
			message: message ?? '',
			type: 'normal',
			time: unixSeconds(time ?? clock.now()),
			seen: '0',
		};
		state.inbox.push(row);
		return row;
	}

	const SAMPLE_TEXTS = ['سلام', 'لغو11', 'ممنون از پیگیری', 'Yes', 'کد سفارش من چیست؟', 'STOP'];

	function generateInbound(n) {
		const random = prng(state.nextInboxId);
		const rows = [];
		for (let i = 0; i < n; i++) {
			rows.push(
				addInbound({
					from: syntheticNumber(Math.floor(random() * 1e6), i),
					to: state.numbers[Math.floor(random() * state.numbers.length)].number,
					message: SAMPLE_TEXTS[Math.floor(random() * SAMPLE_TEXTS.length)],
				}),
			);
		}
		return rows;
	}

	/** A finished send with `recipients` virtual recipients (cheap even for millions). */
	function seedBulk({ recipients = 1000, message = 'پیام انبوه آزمایشی', sendingType = 'webservice' } = {}) {
		const createdAt = clock.now() - 10 * 60 * 1000;
		const set = new RecipientSet().addSynthetic(state.nextOutboxId % 100000, Number(recipients));
		const entry = createOutbox({
			sendingType,
			sender: state.numbers[0],
			message,
			recipients: set,
			createdAt,
			sendAt: createdAt,
			charge: false,
		});
		return entry.id;
	}

	function creditView() {
		return {
			credit: state.credit,
			yesterday_credit: state.yesterdayCredit,
			gift: 0,
			gift_expires_at: null,
			updated_at: formatUtc(state.creditUpdatedAt),
		};
	}

	reset();

	return {
		state,
		rules,
		reset,
		settle,
		findSender,
		systemSender,
		findPattern,
		findPhonebook,
		findOption,
		findContact,
		findOutbox,
		setSenderLines,
		createPhonebook,
		addContact,
		removeContact,
		replaceContact,
		removePhonebook,
		removeOption,
		createOutbox,
		addInbound,
		generateInbound,
		seedBulk,
		creditView,
	};
}

module.exports = { createStore };
