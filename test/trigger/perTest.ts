import { virtualClock, type VirtualClock } from './clock';
import { FakeIppanel } from './fakeIppanel';

/**
 * The jest hooks every trigger suite shares: a fresh FakeIppanel for each test
 * and, with `{ clock: true }`, a virtual clock. Tests read them through the returned object
 * (`fake.api`, `fake.clock`), which the hooks refill before each test.
 */
export function fakeIppanelPerTest({ clock = false } = {}): { api: FakeIppanel; clock: VirtualClock } {
	const current = {} as { api: FakeIppanel; clock: VirtualClock };
	beforeEach(async () => {
		current.api = new FakeIppanel();
		await current.api.start();
		if (clock) current.clock = virtualClock();
	});
	afterEach(async () => {
		jest.restoreAllMocks();
		await current.api.stop();
	});
	return current;
}
