import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { flattenStats, shapeOutboxRow } from '../../Ippanel/helpers/reportShapes';
import { apiRequest } from '../../Ippanel/transport';
import type { TriggerEvent } from './interfaces';
import { bulkIdOf, isFinal, pollOutboxWindow, recentOutbox, SAMPLE_ROWS, type OutboxCursor } from './outboxWindow';

/** One event: the outbox row as Report → Get shapes it, with `stats` as Report → Get Stats shapes them. */
async function finishedEvent(this: IPollFunctions, row: IDataObject): Promise<IDataObject> {
	const bulkId = bulkIdOf(row);
	const { data } = await apiRequest.call(this, 'GET', '/api/report/bulk_stats', { qs: { bulk_id: bulkId } });
	return { ...shapeOutboxRow(row), stats: flattenStats(bulkId, data as IDataObject | null) };
}

/** A message is done once it reached a final `state_id`; until then it stays open and is re-read. */
export const outboxMessageFinished: TriggerEvent<OutboxCursor> = {
	async poll(previous, settings) {
		const silent = previous === undefined && !settings.includeExisting;
		const events: IDataObject[] = [];
		const state = await pollOutboxWindow.call(this, previous, settings.lookBackSeconds, async (row, bulk) => {
			if (!isFinal(row)) return;
			if (!silent) events.push(await finishedEvent.call(this, row));
			bulk.done = true;
		});
		return { events, state };
	},

	async latest() {
		for await (const row of recentOutbox.call(this)) {
			if (isFinal(row)) return await finishedEvent.call(this, row);
		}
		return undefined;
	},

	nothingYet: {
		message: 'No finished outbox message to show yet',
		description: `None of the account's latest ${SAMPLE_ROWS} outbox messages has reached a final state. Send an SMS with the IPPanel node, wait until it is sent, then fetch again.`,
	},
};
