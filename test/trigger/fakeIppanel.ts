/**
 * A small in-memory IPPanel for the trigger tests: the inbox, the outbox list, bulk stats and
 * recipients, answered as the real API does (envelope, newest first, `meta.last_page`), and
 * computed afresh for every request, so rows added between two page requests shift the pages.
 * `beforeAnswer` runs before each answer: it can add rows mid-poll or return a failure.
 */
import http from 'http';
import type { AddressInfo } from 'net';
import type { IDataObject } from 'n8n-workflow';

import { API_KEY } from '../harness';

export interface SeenRequest {
	method: string;
	path: string;
	query: IDataObject;
	body: IDataObject;
}

export interface Answer {
	status: number;
	body: unknown;
}

export interface Recipient {
	recipient: string;
	message_status: number;
}

export interface OutboxMessage {
	id: number;
	/** Creation time, Unix seconds. */
	time: number;
	state_id: number;
	message: string;
	recipients: Recipient[];
	/**
	 * Not in the outbox list yet: a send IPPanel has created (its id and time are taken) but lists
	 * only a little later, possibly after newer sends were already listed.
	 */
	hidden?: boolean;
}

const DONE = { status: true, message: 'انجام شد', message_parameters: [], message_code: '200-1' };

export const fail = (status: number, message: string, code = '400-1'): Answer => ({
	status,
	body: { data: null, meta: { status: false, message, message_parameters: [], message_code: code, errors: {} } },
});

function paged(rows: IDataObject[], page: number, perPage: number, path: string): Answer {
	const total = rows.length;
	const lastPage = Math.max(1, Math.ceil(total / perPage));
	const slice = rows.slice((page - 1) * perPage, page * perPage);
	const from = slice.length ? (page - 1) * perPage + 1 : null;
	return {
		status: 200,
		body: {
			data: slice,
			meta: { current_page: page, from, last_page: lastPage, path, per_page: perPage, to: from === null ? null : from + slice.length - 1, total, ...DONE },
		},
	};
}

/** The outbox row as `new_list` sends it: ids and counts as strings, `state_id` a number. */
function outboxRow(message: OutboxMessage): IDataObject {
	return {
		username: 'demo',
		number: '+983000505',
		number_id: '123654',
		messages_outbox_id: String(message.id),
		state: 'finish',
		type: 'webservice',
		time_send: String(message.time),
		time: String(message.time),
		rcpts_count: String(message.recipients.length),
		exit_count: String(message.recipients.length),
		status: 'پایان یافته',
		message: message.message,
		cost: 1000 * message.recipients.length,
		state_id: message.state_id,
	};
}

function statsOf(message: OutboxMessage): IDataObject {
	const count = (status: number) => message.recipients.filter((r) => r.message_status === status).length;
	const split = (n: number) => ({ irancell: { en: 0, fa: 0 }, mci: { en: 0, fa: String(n) } });
	return {
		operators_blacklist: split(count(4)),
		operators_failed: split(count(3)),
		operators_pending: split(count(0) + count(1)),
		operators_sent: split(0),
		operators_delivered: split(count(2)),
	};
}

export class FakeIppanel {
	url = '';

	requests: SeenRequest[] = [];

	/** Inbox rows in arrival order (ids grow). */
	inbox: IDataObject[] = [];

	outbox: OutboxMessage[] = [];

	beforeAnswer?: (request: SeenRequest) => Answer | void;

	private nextInboxId = 5001;

	private nextOutboxId = 900001;

	private server = http.createServer((req, res) => this.handle(req, res));

	async start(): Promise<string> {
		await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
		return this.url;
	}

	async stop(): Promise<void> {
		await new Promise((resolve) => this.server.close(resolve));
	}

	addInbound(fields: Partial<{ from: string; number: string; message: string; time: number }> = {}): IDataObject {
		const row = {
			messages_inbox_id: this.nextInboxId++,
			from: fields.from ?? '+989121234567',
			number: fields.number ?? '+983000505',
			message: fields.message ?? `message ${this.nextInboxId - 1}`,
			type: 'normal',
			time: fields.time ?? Math.floor(Date.now() / 1000),
			seen: '0',
		};
		this.inbox.push(row);
		return row;
	}

	addOutbox(fields: Partial<Omit<OutboxMessage, 'id'>> = {}): OutboxMessage {
		const message: OutboxMessage = {
			id: this.nextOutboxId++,
			time: fields.time ?? Math.floor(Date.now() / 1000),
			state_id: fields.state_id ?? 1,
			message: fields.message ?? 'hello',
			recipients: fields.recipients ?? [{ recipient: '+989121234567', message_status: 0 }],
			...(fields.hidden ? { hidden: true } : {}),
		};
		this.outbox.push(message);
		return message;
	}

	/** Requests since `mark` (an index into `requests`), as "METHOD path". */
	since(mark: number): string[] {
		return this.requests.slice(mark).map((r) => `${r.method} ${r.path}`);
	}

	private route(request: SeenRequest): Answer {
		const { method, path, query, body } = request;
		const page = Number(body.page ?? query.page ?? 1);
		if (method === 'POST' && path === '/v1/api/report/messages-inbox') {
			const fromId = Number((body.filters as IDataObject | undefined)?.from_id ?? 0);
			const rows = this.inbox.filter((row) => (row.messages_inbox_id as number) > fromId).reverse();
			return paged(rows.map((row) => ({ ...row })), page, Number(body.per_page ?? 10), '/api/report/messages-inbox');
		}
		if (method === 'POST' && path === '/v1/api/report/new_list') {
			const from = Number((body.filters as IDataObject | undefined)?.create_from_date ?? 0);
			const rows = this.outbox.filter((m) => m.time >= from && !m.hidden).reverse().map(outboxRow);
			return paged(rows, page, Number(body.limit ?? 10), '/api/report/new_list');
		}
		const message = this.outbox.find((m) => String(m.id) === String(query.bulk_id));
		if (method === 'GET' && (path === '/v1/api/report/bulk_stats' || path === '/v1/api/report/recipients')) {
			if (!message) return fail(404, 'پیام مورد نظر یافت نشد');
			if (path.endsWith('bulk_stats')) return { status: 200, body: { data: statsOf(message), meta: DONE } };
			const rows = message.recipients.map((r) => ({
				recipient: r.recipient,
				message: message.message,
				is_readable: true,
				msg_parts: '1',
				message_status: String(r.message_status),
			}));
			return paged(rows, page, Number(query.per_page ?? 10), '/api/report/recipients');
		}
		return fail(404, 'آدرس مورد نظر یافت نشد');
	}

	private handle(req: http.IncomingMessage, res: http.ServerResponse) {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const url = new URL(req.url ?? '/', 'http://localhost');
			const text = Buffer.concat(chunks).toString();
			const request: SeenRequest = {
				method: req.method ?? 'GET',
				path: url.pathname,
				query: Object.fromEntries(url.searchParams),
				body: text ? (JSON.parse(text) as IDataObject) : {},
			};
			this.requests.push(request);
			const answer =
				req.headers.authorization !== API_KEY
					? fail(401, 'اطلاعات وارد شده صحیح نمی باشد')
					: (this.beforeAnswer?.(request) ?? this.route(request));
			res.writeHead(answer.status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(answer.body));
		});
	}
}
