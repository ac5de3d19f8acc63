/** A frozen wall clock (Unix seconds) for the trigger and the fake API alike; tests move it on. */
export interface VirtualClock {
	now: number;
	advance(seconds: number): void;
}

/** Replaces Date.now until the test ends (restored by jest's restoreMocks or `jest.restoreAllMocks`). */
export function virtualClock(start = 1_760_000_000): VirtualClock {
	const clock: VirtualClock = {
		now: start,
		advance(seconds) {
			clock.now += seconds;
		},
	};
	jest.spyOn(Date, 'now').mockImplementation(() => clock.now * 1000);
	return clock;
}
