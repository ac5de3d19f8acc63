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

function priceOf(info, recipients, sendingType) {
	if (sendingType === 'votp') return VOTP_PRICE * recipients.count;
	let total = 0;
	recipients.forEach((number) => {
		total += info.parts * partPrice(info.lang, operatorOf(number));
	});
	return total;
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
			numbers: seed.NUMBERS.map((n) => ({ ...n })),
			patterns: seed.PATTERNS.map((p, i) => ({ ...p, createdAt: now - (i + 1) * 7 * 86400000 })),
			phonebooks: seed.PHONEBOOKS.map((p, i) => ({ ...p, createdAt: now - (i + 30) * 86400000 })),
			outbox: [], // oldest first; reports walk it backwards
			outboxById: new Map(),
			inbox: [],
			tokens: new Map(),
			recentSends: new Map(), // fingerprint → emulator time, for the 40 s duplicate rule
			nextOutboxId: seed.FIRST_OUTBOX_ID,
			nextInboxId: seed.FIRST_INBOX_ID,
		});
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
			count: spec.recipients.count,
			createdAt,
			sendAt: spec.sendAt ?? createdAt,
			price: priceOf(info, spec.recipients, spec.sendingType),
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
		findOutbox,
		createOutbox,
		addInbound,
		generateInbound,
		seedBulk,
		creditView,
	};
}

module.exports = { createStore };
