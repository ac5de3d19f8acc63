'use strict';

const { TEXT, RULES } = require('./messages');
const { ApiError, FieldErrors, ok, paged, pageParams, notFound } = require('./envelope');
const { outboxRow, byBulkRow, bulkStats, recipientStatus, stateIdOf, STATES_WITH_RECIPIENTS } = require('./delivery');
const { smsInfo } = require('./sms');
const v = require('./validate');

const globToRegExp = (glob) =>
	new RegExp(`^${String(glob).replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i');

const atLeast = (field) => (row, value) => Number(row[field]) >= Number(value);
const atMost = (field) => (row, value) => Number(row[field]) <= Number(value);

/** new_list filters (IPPanel's outbox-list documentation); dates are Unix-second strings, bounds inclusive. */
const OUTBOX_FILTERS = {
	username: (row, value) => value === '*' || globToRegExp(value).test(row.username),
	number: (row, value) => row.number === String(value),
	messages_outbox_id: (row, value) => row.messages_outbox_id === String(value),
	create_from_date: atLeast('time'),
	create_to_date: atMost('time'),
	send_from_date: atLeast('time_send'),
	send_to_date: atMost('time_send'),
	from_exit_count: atLeast('exit_count'),
	to_exit_count: atMost('exit_count'),
	message: (row, value) => row.message.includes(String(value)),
	state_id: (row, value) => row.state_id === Number(value),
};

function createReportRoutes({ store, clock }) {
	/** The outbox entry named by a required query/body field, or 422 / 404. */
	function outboxFrom(source, field) {
		const errors = new FieldErrors();
		if (v.isBlank(source[field])) errors.add(field, RULES.required(field));
		errors.throwIfAny();
		const entry = store.findOutbox(source[field]);
		if (!entry) throw notFound(TEXT.messageNotFound);
		return entry;
	}

	function newList({ body }) {
		const input = v.isPlainObject(body) ? body : {};
		const filters = Object.entries(v.isPlainObject(input.filters) ? input.filters : {}).filter(
			([key, value]) => OUTBOX_FILTERS[key] && !v.isBlank(value),
		);
		const state = filters.find(([key]) => key === 'state_id');
		if (state && !/^[0-9]$/.test(String(state[1]))) throw new ApiError(422, '400-31', TEXT.invalidState);
		const now = clock.now();
		const rows = [];
		for (let i = store.state.outbox.length - 1; i >= 0; i--) {
			const row = outboxRow(store.state.outbox[i], now);
			if (filters.every(([key, value]) => OUTBOX_FILTERS[key](row, value))) rows.push(row);
		}
		const paging = pageParams(input.page, input.limit);
		return paged(rows.length, paging, '/api/report/new_list', (i) => rows[i]);
	}

	function byBulk({ query }) {
		return ok(byBulkRow(outboxFrom(query, 'messages_outbox_id'), clock.now()), { bare: true });
	}

	/** Pre-2025-06 form `POST /api/report/by_bulk/{id}`. */
	function byBulkLegacy({ params }) {
		return byBulk({ query: { messages_outbox_id: params.id } });
	}

	function stats({ query }) {
		const entry = outboxFrom(query, 'bulk_id');
		return ok(bulkStats(entry, clock.now(), store.rules));
	}

	/** Rows are computed from the index, so a 100 000-recipient bulk costs nothing to page. */
	function recipients({ query }) {
		const entry = outboxFrom(query, 'bulk_id');
		const now = clock.now();
		const total = STATES_WITH_RECIPIENTS.has(stateIdOf(entry, now)) ? entry.count : 0;
		const msgParts = String(entry.info.parts);
		return paged(total, pageParams(query.page, query.per_page), '/api/report/recipients', (i) => {
			const number = entry.recipients.at(i);
			const text = entry.texts ? entry.texts[i] : null; // keyword sends: each recipient's own text
			return {
				recipient: number,
				message: text ?? entry.message,
				is_readable: true,
				msg_parts: text === null ? msgParts : String(smsInfo(text).parts),
				message_status: String(recipientStatus(entry, number, now, store.rules)),
			};
		});
	}

	/** Newest first; `from_id` is exclusive (only ids above it). */
	function inbox({ body }) {
		const input = v.isPlainObject(body) ? body : {};
		const filters = v.isPlainObject(input.filters) ? input.filters : {};
		const fromId = Number(filters.from_id) || 0;
		const rows = store.state.inbox.filter((m) => m.messages_inbox_id > fromId).reverse();
		const paging = pageParams(input.page, input.per_page);
		return paged(rows.length, paging, '/api/report/messages-inbox', (i) => ({ ...rows[i] }));
	}

	return [
		{ method: 'POST', path: '/api/report/new_list', handler: newList },
		{ method: 'GET', path: '/api/report/by_bulk', handler: byBulk },
		{ method: 'POST', path: '/api/report/by_bulk/:id', handler: byBulkLegacy },
		{ method: 'GET', path: '/api/report/bulk_stats', handler: stats },
		{ method: 'GET', path: '/api/report/recipients', handler: recipients },
		{ method: 'POST', path: '/api/report/messages-inbox', handler: inbox },
	];
}

module.exports = { createReportRoutes };
