'use strict';
/**
 * Expected values shared by the headless cases (cases.js) and the live trigger check
 * (trigger.js): what the examples must send, and what the emulator's seed holds.
 */
const { recipientStatus, stateIdOf, STATES_WITH_RECIPIENTS } = require('../../dev/emulator/delivery');

const DAY = 86400;
const RECIPIENT_STATUS = ['sent_to_operator', 'operator_received', 'delivered', 'not_delivered', 'blacklisted'];

/** examples/inbound-auto-reply.json: the webservice send answering one inbound message. */
function autoReplySend(inbound) {
	return {
		method: 'POST',
		path: '/api/send',
		body: {
			sending_type: 'webservice',
			from_number: inbound.number,
			message: `Thank you, we received your message: "${inbound.message}". We will get back to you soon.`,
			params: { recipients: [inbound.from] },
		},
	};
}

/** One inbound message as the IPPanel Trigger emits it (helpers/reportShapes.ts shapeInboxRow). */
function inboundItem({ messages_inbox_id, from, number, message, time }) {
	return {
		messages_inbox_id,
		from,
		number,
		message,
		type: 'normal',
		time,
		seen: false,
		time_iso: new Date(time * 1000).toISOString(),
	};
}

/** Yesterday in UTC (the e2e n8n's GENERIC_TIMEZONE) as seen at `at`: Unix-second bounds and the date. */
function yesterdayUtc(at) {
	const now = new Date(at);
	const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) / 1000;
	const from = today - DAY;
	return { from, to: today - 1, date: new Date(from * 1000).toISOString().slice(0, 10) };
}

/** The emulator's outbox entries created within [from, to] (Unix seconds), newest first as new_list lists them. */
function seededRowsCreatedIn(emulator, from, to) {
	return emulator.state.outbox
		.filter((entry) => {
			const time = Math.floor(entry.createdAt / 1000);
			return time >= from && time <= to;
		})
		.reverse();
}

/**
 * The Recipients node's items for these bulks: every recipient in order, with the delivery
 * state the emulator gives it now (seeded sends are hours old: their states are final).
 */
function expectedRecipients(emulator, entries) {
	const now = emulator.now();
	const rules = { blacklist: new Set(), undeliverable: new Set() };
	const items = [];
	for (const entry of entries) {
		if (!STATES_WITH_RECIPIENTS.has(stateIdOf(entry, now))) continue;
		entry.recipients.forEach((recipient) => {
			const code = recipientStatus(entry, recipient, now, rules);
			items.push({
				bulk_id: entry.id,
				recipient,
				message: entry.message,
				is_readable: true,
				msg_parts: entry.info.parts,
				message_status: code,
				status: RECIPIENT_STATUS[code],
				is_delivered: code === 2,
				is_failed: code === 3 || code === 4,
			});
		});
	}
	return items;
}

module.exports = { autoReplySend, inboundItem, yesterdayUtc, seededRowsCreatedIn, expectedRecipients };
