'use strict';

const E164 = /^\+[1-9]\d{6,14}$/;

const isE164 = (value) => typeof value === 'string' && E164.test(value);

/** Iranian mobile operator from the prefix after +989 (others: Rightel, MVNOs, abroad). */
function operatorOf(number) {
	const match = /^\+989(\d\d)/.exec(number);
	if (!match) return 'other';
	const p = Number(match[1]);
	if ((p >= 10 && p <= 19) || (p >= 90 && p <= 94)) return 'mci';
	if ((p >= 1 && p <= 5) || p === 30 || p === 33 || (p >= 35 && p <= 39) || p === 41) return 'irancell';
	return 'other';
}

// Persian (U+06F0…) and Arabic-Indic (U+0660…) digits to ASCII.
const toLatinDigits = (s) =>
	s
		.replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
		.replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660));

/** File uploads may hold local numbers (09…); the JSON send types take E.164 only. */
function normalizeLocal(raw) {
	const s = toLatinDigits(String(raw)).replace(/[\s-]/g, '');
	if (/^09\d{9}$/.test(s)) return `+98${s.slice(1)}`;
	if (/^9\d{9}$/.test(s)) return `+98${s}`;
	if (/^989\d{9}$/.test(s)) return `+${s}`;
	if (/^00\d+$/.test(s)) return `+${s.slice(2)}`;
	return s;
}

// Synthetic recipients (phonebooks, region sends, seeded bulks) are computed from an index.
const SYNTHETIC_PREFIXES = ['912', '935', '919', '901', '990', '936', '913', '938'];
// Per operator, for region and job audiences (MCI, Irancell, others: Rightel).
const OPERATOR_PREFIXES = { mci: ['912', '919', '913', '990'], irancell: ['935', '901', '936', '938'], other: ['921', '920', '922'] };

function syntheticNumber(seed, index, prefixes = SYNTHETIC_PREFIXES) {
	const prefix = prefixes[(seed + index) % prefixes.length];
	const suffix = String((seed * 7919 + index) % 1e7).padStart(7, '0');
	return `+98${prefix}${suffix}`;
}

/**
 * The recipients of one outbox entry: explicit lists and virtual ranges, so a
 * million-recipient send costs a few bytes.
 */
class RecipientSet {
	constructor() {
		this.segments = [];
		this.count = 0;
	}

	static of(list) {
		return new RecipientSet().addList(list);
	}

	addList(list) {
		if (list.length) this.segments.push({ start: this.count, size: list.length, list });
		this.count += list.length;
		return this;
	}

	addSynthetic(seed, size, offset = 0, prefixes = undefined) {
		if (size > 0) this.segments.push({ start: this.count, size, seed, offset, ...(prefixes ? { prefixes } : {}) });
		this.count += Math.max(0, size);
		return this;
	}

	at(index) {
		const seg = this.segments.find((s) => index >= s.start && index < s.start + s.size);
		if (!seg) return undefined;
		const i = index - seg.start;
		return seg.list ? seg.list[i] : syntheticNumber(seg.seed, seg.offset + i, seg.prefixes);
	}

	forEach(fn) {
		let index = 0;
		for (const seg of this.segments) {
			for (let i = 0; i < seg.size; i++, index++) {
				fn(seg.list ? seg.list[i] : syntheticNumber(seg.seed, seg.offset + i, seg.prefixes), index);
			}
		}
	}
}

module.exports = { isE164, operatorOf, normalizeLocal, syntheticNumber, RecipientSet, OPERATOR_PREFIXES };
