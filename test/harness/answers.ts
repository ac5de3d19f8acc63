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

export const BAD_TOKEN = fail('اطلاعات وارد شده صحیح نمی باشد', '400-1');
