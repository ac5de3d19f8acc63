'use strict';

// GSM 03.38 basic set; anything outside it (and its extension table) forces UCS-2.
const GSM_BASIC = new Set(
	'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡' +
		'ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM_EXTENDED = new Set('^{}\\[~]|€\f');

const MAX_CHARS = 1400;
const MAX_PARTS = 20;

// Emulator tariff (Rial per part). IPPanel publishes none; any fixed rule does.
const PRICE_PER_PART = {
	fa: { mci: 500, other: 550 },
	en: { mci: 250, other: 275 },
};
const VOTP_PRICE = 1000;

/** Language and part count: UCS-2 70 / 67 per part, GSM 160 / 153 per part. */
function smsInfo(text) {
	const chars = [...String(text)];
	const gsm = chars.every((c) => GSM_BASIC.has(c) || GSM_EXTENDED.has(c));
	if (gsm) {
		const length = chars.reduce((n, c) => n + (GSM_EXTENDED.has(c) ? 2 : 1), 0);
		return { lang: 'en', length, parts: length <= 160 ? 1 : Math.ceil(length / 153) };
	}
	const length = String(text).length; // UTF-16 code units, as UCS-2 counts them
	return { lang: 'fa', length, parts: length <= 70 ? 1 : Math.ceil(length / 67) };
}

function partPrice(lang, operator) {
	return PRICE_PER_PART[lang][operator === 'mci' ? 'mci' : 'other'];
}

module.exports = { smsInfo, partPrice, MAX_CHARS, MAX_PARTS, VOTP_PRICE };
