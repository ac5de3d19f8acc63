import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { shapeOutboxRow, shapeRecipientRow, toNumber } from '../../Ippanel/helpers/reportShapes';
import { apiPages, apiRequest, firstSeen, type Pagination } from '../../Ippanel/transport';
import type { TriggerEvent } from './interfaces';
import { bulkIdOf, isFinal, pollOutboxWindow, recentOutbox, SAMPLE_ROWS, stateOf, type OutboxCursor } from './outboxWindow';

/** `state_id` 6: the only final outbox state whose recipients get delivery reports. */
const SENT = 6;
/** `message_status` values that end a recipient's delivery: delivered, not delivered, blacklisted. */
const FINAL_STATUSES = new Set([2, 3, 4]);
const RECIPIENTS = '/api/report/recipients';
/** The recipients endpoint's page; the pager follows `last_page` if IPPanel caps it lower. */
const PAGE_SIZE = 1000;
/** "Fetch Test Event" looks at the recipients of at most this many sent messages. */
const SAMPLE_BULKS = 10;

function recipientPages(bulkId: string): Pagination {
	return { method: 'GET', endpoint: RECIPIENTS, qs: { bulk_id: bulkId }, pageIn: 'qs', sizeParam: 'per_page', pageSize: PAGE_SIZE };
}

function deliveryEvent(bulk: IDataObject, recipient: IDataObject): IDataObject {
	return { bulk_id: Number(bulkIdOf(bulk)), ...shapeRecipientRow(recipient), outbox: shapeOutboxRow(bulk) };
}

/** Every recipient of a bulk once (a recipient is keyed by its number), with its status as a number. */
async function* recipientsOf(this: IPollFunctions, bulkId: string): AsyncGenerator<{ number: string; status: number; row: IDataObject }> {
	const isNew = firstSeen((row: IDataObject) => String(row.recipient));
	for await (const rows of apiPages.call(this, recipientPages(bulkId))) {
		for (const row of rows.filter(isNew)) {
			yield { number: String(row.recipient), status: Number(toNumber(row.message_status)), row };
		}
	}
}

/**
 * One event per recipient per final status. A sent message stays open, its recipients re-read
 * each poll, until every recipient has a final status; `emittedStatuses` remembers what was emitted so far
 * (only for open messages: a done message keeps just its id and time). Other final states
 * (rejected, cancelled, …) never get delivery reports and are done at once.
 */
export const deliveryStatusChanged: TriggerEvent<OutboxCursor> = {
	async poll(previous, settings) {
		const silent = previous === undefined && !settings.includeExisting;
		const events: IDataObject[] = [];
		const state = await pollOutboxWindow.call(this, previous, settings.lookBackSeconds, async (row, bulk) => {
			if (!isFinal(row)) return; // IPPanel gives delivery statuses once the message is final
			if (stateOf(row) !== SENT) {
				bulk.done = true;
				return;
			}
			const emitted = bulk.emittedStatuses ?? {};
			let open = false;
			let any = false;
			for await (const { number, status, row: recipient } of recipientsOf.call(this, bulkIdOf(row))) {
				any = true;
				if (!FINAL_STATUSES.has(status)) {
					open = true;
					continue;
				}
				const bit = 1 << status;
				if ((emitted[number] ?? 0) & bit) continue;
				emitted[number] = (emitted[number] ?? 0) | bit;
				if (!silent) events.push(deliveryEvent(row, recipient));
			}
			if (any && !open) {
				bulk.done = true;
				delete bulk.emittedStatuses;
			} else {
				bulk.emittedStatuses = emitted;
			}
		});
		return { events, state };
	},

	async latest() {
		let bulks = 0;
		for await (const row of recentOutbox.call(this)) {
			if (stateOf(row) !== SENT) continue;
			// The first page of recipients only: a sample must not walk a million-recipient send.
			const { data } = await apiRequest.call(this, 'GET', RECIPIENTS, { qs: { bulk_id: bulkIdOf(row), page: 1, per_page: PAGE_SIZE } });
			const recipient = (Array.isArray(data) ? (data as IDataObject[]) : []).find((r) =>
				FINAL_STATUSES.has(Number(toNumber(r.message_status))),
			);
			if (recipient) return deliveryEvent(row, recipient);
			if (++bulks >= SAMPLE_BULKS) break;
		}
		return undefined;
	},

	nothingYet: {
		message: 'No delivery report to show yet',
		description: `No recipient of the account's latest sent messages (up to ${SAMPLE_BULKS} of the latest ${SAMPLE_ROWS} outbox messages) has a final delivery status yet. Send an SMS, wait for the operator's delivery report, then fetch again.`,
	},
};
