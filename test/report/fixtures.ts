/** Answers shaped like IPPanel's, for the report tests. */

export { BASE, ok, page } from '../harness/answers';

/** A `new_list` row as IPPanel's outbox-list documentation shows it (ids, counts and times as strings). */
export function outboxRow(id: number, overrides: Record<string, unknown> = {}) {
	return {
		username: 'demo',
		number_color: '#95E871',
		number: '+983000505',
		number_id: '123654',
		messages_outbox_id: String(id),
		state: 'finish',
		type: 'webservice',
		time_send: '1745409418',
		time: '1745409400',
		rcpts_count: '2',
		exit_count: '2',
		status: 'پایان یافته',
		partner_id: null,
		in_delivery_line: 0,
		valid: 'approve',
		message: 'متن پیام',
		part: null,
		cost: 3990.2,
		summary: null,
		user_ip: null,
		user_id: null,
		files_path: null,
		parent_id: null,
		state_id: 6,
		...overrides,
	};
}

/** A recipients row: `msg_parts` / `message_status` arrive as strings. */
export function recipientRow(index: number, status: number | string = '2') {
	return {
		recipient: `+98912${String(index).padStart(7, '0')}`,
		message: 'متن پیام',
		is_readable: true,
		msg_parts: '1',
		message_status: typeof status === 'number' ? status : String(status),
	};
}
