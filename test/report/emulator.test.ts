/** Report operations against the local IPPanel emulator: a seeded 5,000-recipient bulk, read back whole. */
import { apiKeyCredentials, runNode } from '../harness';
import { EMULATOR_API_KEY, useEmulator } from '../harness/emulator';

const { emu, baseUrl } = useEmulator();

describe('Report against the emulator', () => {
	test('Get Recipients reads a 5,000-recipient bulk in 5 pages, and its statuses add up to Get Stats', async () => {
		const bulkId = String(emu.seedBulk({ recipients: 5000 }));
		const credentials = apiKeyCredentials(baseUrl(), EMULATOR_API_KEY);
		const stats = await runNode({ parameters: { resource: 'report', operation: 'stats', bulkId }, credentials });
		const before = emu.requests.length;
		const recipients = await runNode({ parameters: { resource: 'report', operation: 'recipients', bulkId, returnAll: true }, credentials });
		expect(recipients.error).toBeUndefined();

		const pages = emu.requests.slice(before).filter((r) => r.path === '/api/report/recipients');
		expect(pages.map((r) => [r.query.page, r.query.per_page])).toEqual([1, 2, 3, 4, 5].map((p) => [String(p), '1000']));
		expect(recipients.items).toHaveLength(5000);
		expect(new Set(recipients.items.map((i) => i.json.recipient)).size).toBe(5000);

		const count = (status: string) => recipients.items.filter((i) => i.json.status === status).length;
		const summary = stats.items[0].json;
		expect(summary.total).toBe(5000);
		expect(summary.delivered).toBe(count('delivered'));
		expect(summary.failed).toBe(count('not_delivered'));
		expect(summary.blacklisted).toBe(count('blacklisted'));
		expect(summary.delivered).toBeGreaterThan(0);
		expect(summary.delivery_rate).toBe(Math.round((count('delivered') / 5000) * 10000) / 100);
	});

	test('Get Many finds the seeded bulk by its ID filter and Get returns the same row', async () => {
		const bulkId = emu.seedBulk({ recipients: 10 });
		const credentials = apiKeyCredentials(baseUrl(), EMULATOR_API_KEY);
		const list = await runNode({
			parameters: { resource: 'report', operation: 'list', returnAll: true, filters: { messages_outbox_id: String(bulkId) } },
			credentials,
		});
		const one = await runNode({ parameters: { resource: 'report', operation: 'getById', bulkId: String(bulkId) }, credentials });
		expect(list.items.map((i) => i.json.messages_outbox_id)).toEqual([bulkId]);
		expect(one.items[0].json).toMatchObject({ messages_outbox_id: bulkId, rcpts_count: 10, state_name: list.items[0].json.state_name });
	});
});
