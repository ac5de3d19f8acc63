import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import type { TriggerSettings } from '../settings';

/** What one poll found, and the cursor to keep if the whole poll succeeded. */
export interface PollResult<State extends IDataObject> {
	events: IDataObject[];
	state: State;
}

/** One value of the trigger's `event` parameter. */
export interface TriggerEvent<State extends IDataObject = IDataObject> {
	/**
	 * Finds what happened since `previous` (undefined on the first poll: record the position,
	 * emit only with "Include Existing"). `previous` is a copy of the stored cursor: the caller
	 * stores the returned state only after the whole poll succeeded.
	 */
	poll(this: IPollFunctions, previous: State | undefined, settings: TriggerSettings): Promise<PollResult<State>>;
	/** The newest real event, for "Fetch Test Event"; undefined when the account has none. */
	latest(this: IPollFunctions, settings: TriggerSettings): Promise<IDataObject | undefined>;
	/** What "Fetch Test Event" says when `latest` found nothing. */
	nothingYet: { message: string; description: string };
}
