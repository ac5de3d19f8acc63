/**
 * Fixes the wall clock (Date, and so Luxon's now, n8n's $now and $today) at `iso` until
 * `jest.useRealTimers()`; timers, ticks and I/O run as usual. A test that computes "today"
 * itself and lets n8n compute it too then reads one instant, never two on either side of a
 * midnight.
 */
export function fixWallClock(iso: string): Date {
	const now = new Date(iso);
	jest.useFakeTimers({
		now,
		doNotFake: [
			'hrtime',
			'nextTick',
			'performance',
			'queueMicrotask',
			'requestAnimationFrame',
			'cancelAnimationFrame',
			'requestIdleCallback',
			'cancelIdleCallback',
			'setImmediate',
			'clearImmediate',
			'setInterval',
			'clearInterval',
			'setTimeout',
			'clearTimeout',
		],
	});
	return now;
}
