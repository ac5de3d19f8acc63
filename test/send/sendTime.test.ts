/**
 * Send Time through the engine: the workflow's time zone setting decides how the picked wall
 * time is read, across daylight-saving switches and in Tehran (no DST, +03:30). The clock is
 * fixed so that the dates stay inside IPPanel's window of 5 minutes to 3 months ahead.
 */
import { apiKeyCredentials, runNode } from '../harness';
import { BASE, FROM, recordSends } from './fixtures';

async function sendTimeSent(sendTime: string, timezone: string): Promise<string | undefined> {
	const { bodies } = recordSends();
	const result = await runNode({
		parameters: {
			resource: 'send',
			operation: 'webservice',
			fromNumber: FROM,
			recipients: '09121234567',
			message: 'Hello',
			additionalFields: { sendTime },
		},
		credentials: apiKeyCredentials(BASE),
		timezone,
	});
	expect(result.error).toBeUndefined();
	return bodies[0]?.send_time;
}

const atInstant = (iso: string) => jest.spyOn(Date, 'now').mockImplementation(() => Date.parse(iso));

afterEach(() => jest.restoreAllMocks());

describe('Send Time in the workflow time zone, through the engine', () => {
	test.each([
		// Berlin moved its clocks from 02:00 CET (+01:00) to 03:00 CEST (+02:00) on 2026-03-29.
		['2026-03-28T19:00:00', 'Europe/Berlin', '2026-03-28 18:00:00'],
		['2026-03-29T01:30:00', 'Europe/Berlin', '2026-03-29 00:30:00'],
		['2026-03-29T03:30:00', 'Europe/Berlin', '2026-03-29 01:30:00'],
		['2026-03-29T19:00:00', 'Europe/Berlin', '2026-03-29 17:00:00'],
		// 02:30 never happened that night: it is read as the same time after the gap, 03:30 CEST.
		['2026-03-29T02:30:00', 'Europe/Berlin', '2026-03-29 01:30:00'],
		// Tehran keeps +03:30 all year (no DST since 2022), also in summer.
		['2026-03-25T19:00:00', 'Asia/Tehran', '2026-03-25 15:30:00'],
		['2026-06-01T19:00:00', 'Asia/Tehran', '2026-06-01 15:30:00'],
	])('spring: %s in %s is sent as %s UTC', async (sendTime, timezone, expected) => {
		atInstant('2026-03-20T12:00:00Z');
		expect(await sendTimeSent(sendTime, timezone)).toBe(expected);
	});

	test.each([
		// New York moved its clocks back from 02:00 EDT (-04:00) to 01:00 EST (-05:00) on 2026-11-01.
		['2026-10-31T19:00:00', 'America/New_York', '2026-10-31 23:00:00'],
		['2026-11-02T19:00:00', 'America/New_York', '2026-11-03 00:00:00'],
		// 01:30 happened twice that night: the first one (EDT) is meant.
		['2026-11-01T01:30:00', 'America/New_York', '2026-11-01 05:30:00'],
	])('autumn: %s in %s is sent as %s UTC', async (sendTime, timezone, expected) => {
		atInstant('2026-10-20T12:00:00Z');
		expect(await sendTimeSent(sendTime, timezone)).toBe(expected);
	});

	test('an unknown workflow time zone is refused before any request', async () => {
		atInstant('2026-03-20T12:00:00Z');
		const { bodies } = recordSends();
		const result = await runNode({
			parameters: { resource: 'send', operation: 'webservice', fromNumber: FROM, recipients: '09121234567', message: 'Hi', additionalFields: { sendTime: '2026-03-25T19:00:00' } },
			credentials: apiKeyCredentials(BASE),
			timezone: 'Mars/Olympus_Mons',
		});
		expect(result.error?.message).toBe('The workflow time zone "Mars/Olympus_Mons" is not known');
		expect(bodies).toEqual([]);
	});
});
