'use strict';

const { unixSeconds } = require('./clock');
const { operatorOf } = require('./recipients');

// state_id → [state, status] (IPPanel's outbox-list documentation; only 6 "finish" is shown verbatim there).
const STATES = {
	0: ['create', 'در حال ایجاد'],
	1: ['monitoring', 'در صف بررسی'],
	2: ['sending', 'در حال ارسال'],
	3: ['reject', 'رد شده'],
	4: ['invalid_recipients', 'گیرندگان نامعتبر'],
	5: ['queue', 'در صف ارسال'],
	6: ['finish', 'پایان یافته'],
	7: ['cancel', 'لغو شده'],
	8: ['no_credit', 'اعتبار ناکافی'],
	9: ['error', 'خطای سیستمی'],
};

/**
 * Emulator-clock timeline, relative to an entry's send time:
 * 0–2 s state 1 (monitoring), 2–5 s state 2 (sending), then 6 (finish).
 * Each recipient: message_status 0 until 5–10 s, 1 until 10–60 s, then final (2, 3 or 4).
 */
const TIMELINE = {
	monitorUntil: 2000,
	finishAt: 5000,
	operatorFrom: 5000,
	operatorSpan: 5000,
	finalFrom: 10000,
	finalSpan: 50000,
};
const SETTLED_AFTER = TIMELINE.finalFrom + TIMELINE.finalSpan;

/** States whose recipients exist in the recipients report. */
const STATES_WITH_RECIPIENTS = new Set([1, 2, 5, 6]);

function stateIdOf(entry, now) {
	if (entry.fixedState !== null) return entry.fixedState;
	const elapsed = now - entry.sendAt;
	if (elapsed < 0) return 5;
	if (elapsed < TIMELINE.monitorUntil) return 1;
	if (elapsed < TIMELINE.finishAt) return 2;
	return 6;
}

/** FNV-1a of "<outbox id>:<recipient>", then a murmur-style finalizer to spread the bits. */
function hash32(id, number) {
	const key = `${id}:${number}`;
	let h = 0x811c9dc5;
	for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
	h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
	h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
	return (h ^ (h >>> 16)) >>> 0;
}

/** Mostly delivered (2), ~10 % not delivered (3), ~3 % blacklisted (4); rules can force one. */
function finalStatus(h, number, rules) {
	if (rules.blacklist.has(number)) return 4;
	if (rules.undeliverable.has(number)) return 3;
	const roll = h % 100;
	if (roll < 3) return 4;
	if (roll < 13) return 3;
	return 2;
}

function recipientStatus(entry, number, now, rules) {
	const elapsed = now - entry.sendAt;
	const h = hash32(entry.id, number);
	const operatorAt = TIMELINE.operatorFrom + (((h >>> 8) & 0xff) / 0xff) * TIMELINE.operatorSpan;
	const finalAt = TIMELINE.finalFrom + ((h >>> 16) / 0xffff) * TIMELINE.finalSpan;
	if (elapsed < operatorAt) return 0;
	if (elapsed < finalAt) return 1;
	return finalStatus(h, number, rules);
}

/** One row of POST /api/report/new_list, field for field as the document shows it. */
function outboxRow(entry, now) {
	const stateId = stateIdOf(entry, now);
	const [state, status] = STATES[stateId];
	return {
		username: entry.username,
		number_color: '#95E871',
		number: entry.number,
		number_id: entry.numberId,
		messages_outbox_id: String(entry.id),
		state,
		type: entry.type,
		time_send: String(unixSeconds(entry.sendAt)),
		time: String(unixSeconds(entry.createdAt)),
		rcpts_count: String(entry.count),
		exit_count: String(stateId === 6 ? entry.count : 0),
		status,
		partner_id: null,
		in_delivery_line: 0,
		valid: 'approve',
		message: entry.message,
		part: String(entry.info.parts),
		cost: entry.cost,
		summary: entry.summary,
		user_ip: entry.userIp,
		user_id: entry.userId,
		files_path: entry.filesPath,
		parent_id: null,
		state_id: stateId,
	};
}

/** GET /api/report/by_bulk: the list row plus `return` and `reject_comment`. */
function byBulkRow(entry, now) {
	const row = {};
	for (const [key, value] of Object.entries(outboxRow(entry, now))) {
		row[key] = value;
		if (key === 'status') row.return = 0;
		if (key === 'user_id') row.reject_comment = null;
	}
	return row;
}

const STAT_KEYS = ['pending', 'sent', 'delivered', 'failed', 'blacklist'];
const STAT_OF_STATUS = ['pending', 'sent', 'delivered', 'failed', 'blacklist'];

// The document mixes types: zero counts are numbers, others strings ("fa": "1").
const statValue = (n) => (n === 0 ? 0 : String(n));

function bulkStats(entry, now, rules) {
	if (entry.statsCache) return entry.statsCache;
	const counts = {};
	for (const key of STAT_KEYS) counts[key] = { irancell: { en: 0, fa: 0 }, mci: { en: 0, fa: 0 } };
	const stateId = stateIdOf(entry, now);
	if (STATES_WITH_RECIPIENTS.has(stateId)) {
		const lang = entry.info.lang;
		entry.recipients.forEach((number) => {
			const operator = operatorOf(number);
			if (operator === 'other') return; // the answer only has irancell and mci
			counts[STAT_OF_STATUS[recipientStatus(entry, number, now, rules)]][operator][lang] += 1;
		});
	}
	const data = {};
	for (const key of ['blacklist', 'failed', 'pending', 'sent', 'delivered']) {
		const c = counts[key];
		data[`operators_${key}`] = {
			irancell: { en: statValue(c.irancell.en), fa: statValue(c.irancell.fa) },
			mci: { en: statValue(c.mci.en), fa: statValue(c.mci.fa) },
		};
	}
	const settled = entry.fixedState !== null || now - entry.sendAt >= SETTLED_AFTER;
	if (settled) entry.statsCache = data; // nothing changes any more
	return data;
}

module.exports = {
	STATES_WITH_RECIPIENTS,
	stateIdOf,
	recipientStatus,
	outboxRow,
	byBulkRow,
	bulkStats,
};
