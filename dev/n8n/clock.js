'use strict';
/** Time helpers of the real-n8n tooling: waiting, limits, durations for the log. */

function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

function seconds(ms) {
	return `${(ms / 1000).toFixed(1)} s`;
}

/**
 * fn's result, or a rejection "timed out after N s" when it takes longer than `timeoutMs`.
 * No limit when timeoutMs is null, 0 or Infinity (installs: see runtime.js).
 */
async function withTimeout(fn, timeoutMs) {
	if (!timeoutMs || !Number.isFinite(timeoutMs)) return fn();
	let timer;
	try {
		return await Promise.race([
			fn(),
			new Promise((_, reject) => {
				timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs / 1000} s`)), timeoutMs);
			}),
		]);
	} finally {
		clearTimeout(timer);
	}
}

/**
 * Times named phases of a run: `await timed('import', fn)`. `summary()` ends the run: it sets
 * `timings.total` (since the timer was made) and lists every phase for the log.
 */
function phaseTimer() {
	const started = Date.now();
	const timings = {};
	async function timed(name, fn) {
		const started = Date.now();
		try {
			return await fn();
		} finally {
			timings[name] = Date.now() - started;
		}
	}
	const summary = () => {
		timings.total = Date.now() - started;
		return `timings: ${Object.entries(timings).map(([k, ms]) => `${k} ${seconds(ms)}`).join(', ')}`;
	};
	return { timings, timed, summary };
}

module.exports = { sleep, seconds, withTimeout, phaseTimer };
