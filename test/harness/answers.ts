/** Small builders for IPPanel answers, as the API documents them, and the base URL and sender line tests use. */
export const BASE = 'https://edge.example.test/v1';
export const FROM = '+983000505';

export const ok = (data: unknown, meta: Record<string, unknown> = {}) => ({
	data,
	meta: { status: true, message: 'انجام شد', message_parameters: [], message_code: '200-1', ...meta },
});

export const fail = (message: string, code: string, errors: Record<string, string[]> = {}) => ({
	data: null,
	meta: { status: false, message, message_parameters: [], message_code: code, errors },
});

/** A paged answer as Laravel's paginator writes it; by default the only page, of 100 rows. */
export function page(
	rows: unknown[],
	{ current = 1, last = 1, perPage = 100, total = rows.length }: { current?: number; last?: number; perPage?: number; total?: number } = {},
) {
	const from = rows.length ? (current - 1) * perPage + 1 : null;
	return ok(rows, { current_page: current, from, last_page: last, path: '/x', per_page: perPage, to: from === null ? null : from + rows.length - 1, total });
}

export const BAD_TOKEN = fail('اطلاعات وارد شده صحیح نمی باشد', '400-1');
