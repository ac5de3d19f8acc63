'use strict';

/** Wall clock plus an offset that tests move forward with `advance(ms)`. */
function createClock() {
	let offset = 0;
	return {
		now: () => Date.now() + offset,
		advance(ms) {
			offset += Number(ms) || 0;
		},
		reset() {
			offset = 0;
		},
		get offset() {
			return offset;
		},
	};
}

const unixSeconds = (ms) => Math.floor(ms / 1000);

/** `YYYY-MM-DD HH:MM:SS` in UTC, the format IPPanel uses for `send_time`. */
function formatUtc(ms) {
	return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

function parseUtc(text) {
	const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(String(text));
	if (!m) return null;
	const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
	return formatUtc(ms) === text ? ms : null; // rejects 2025-02-30 and the like
}

module.exports = { createClock, unixSeconds, formatUtc, parseUtc };
