/**
 * examples/regional-campaign.json through the engine against the emulator: the scheduled
 * campaign sends exactly one paid request, within its caps, and is refused whole when the cap
 * or the audience does not allow it.
 */
import { apiKeyCredentials, runNode } from '../harness';
import { loadExample } from '../harness/examples';
import { EMULATOR_API_KEY, useEmulator } from '../harness/emulator';

const example = loadExample('regional-campaign.json');
const trigger = example.ofType('n8n-nodes-base.scheduleTrigger');
const campaign = example.next(trigger.name);
const { emu, baseUrl } = useEmulator();

const run = (parameters = campaign.parameters) =>
	runNode({ parameters, timezone: 'Asia/Tehran', credentials: apiKeyCredentials(baseUrl(), EMULATOR_API_KEY) });

describe('example: scheduled regional campaign with a spending cap', () => {
	test('is Schedule Trigger → IPPanel Send by Region with Max Cost and Max Recipients', () => {
		expect(trigger.parameters.rule).toEqual({ interval: [{ field: 'weeks', weeksInterval: 1, triggerAtDay: [6], triggerAtHour: 10, triggerAtMinute: 0 }] });
		expect([campaign.type, campaign.parameters.resource, campaign.parameters.operation]).toEqual(['n8n-nodes-ippanel-edge.ippanel', 'send', 'region']);
		expect(campaign.parameters.additionalFields).toEqual({ maxCost: 3000000, maxRecipients: 5000 });
	});

	test('checks the region, counts the audience, prices it, then sends once', async () => {
		const result = await run();
		expect(result.error).toBeUndefined();
		expect(emu.requests.map(({ method, path, query, body }) => ({ method, path, query, body }))).toEqual([
			{ method: 'GET', path: '/api/send/banks/provinces', query: {}, body: null },
			{ method: 'GET', path: '/api/send/banks/counties', query: { province_id: '89' }, body: null },
			{ method: 'GET', path: '/api/send/banks/cities', query: { county_id: '212' }, body: null },
			{
				method: 'GET',
				path: '/api/send/banks/counts',
				query: { province_id: '89', county_id: '212', city_id: '82', birth_year_from: '1370', birth_year_to: '1380', gender_id: '2' },
				body: null,
			},
			{ method: 'POST', path: '/api/send/calculate-price', query: {}, body: { number: '+983000505', message: campaign.parameters.message } },
			{
				method: 'POST',
				path: '/api/send',
				query: {},
				body: {
					sending_type: 'country',
					from_number: '+983000505',
					message: campaign.parameters.message,
					params: [
						{
							bank: 'all',
							province_id: 89,
							county_id: 212,
							city_id: 82,
							gender: 2,
							age_from: 1370,
							age_to: 1380,
							mci: { start: 0, size: 3000 },
							irancell: { start: 0, size: 2000 },
							other: { start: 0, size: 0 },
						},
					],
				},
			},
		]);
		const [entry] = emu.state.outbox.slice(-1) as Array<{ id: number; sendingType: string; recipients?: { size: number } }>;
		expect(result.items).toEqual([
			{
				json: { sending_type: 'country', message_outbox_id: entry.id, message_outbox_ids: [entry.id], recipients_count: 5000, parts: 1, api_message: 'انجام شد' },
				pairedItem: { item: 0 },
			},
		]);
	});

	test('a lower spending cap refuses the whole campaign before the paid request', async () => {
		const result = await run({ ...campaign.parameters, additionalFields: { maxCost: 2_000_000, maxRecipients: 5000 } });
		expect(result.error?.message).toBe('Refused by Max Cost (maxCost): the estimated cost 2,750,000 Rials is over the cap of 2,000,000 Rials. Nothing was sent.');
		expect(emu.requests.filter((r) => r.path === '/api/send')).toHaveLength(0);
	});

	test('sizes beyond the audience of the filters are refused naming the field', async () => {
		const filters = { ...(campaign.parameters.regionFilters as object), prefix: '99912' };
		const result = await run({ ...campaign.parameters, regionFilters: filters });
		expect(result.error?.message).toMatch(/MCI \(Hamrah Aval\) Size 3,000 from row 0 reaches past the \d+ MCI \(Hamrah Aval\) numbers of this audience \(parameter "regionFilters.mciSize", item 0\)/);
		expect(emu.requests.filter((r) => r.path === '/api/send')).toHaveLength(0);
	});
});
