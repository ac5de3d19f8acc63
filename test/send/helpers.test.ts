/** The send helpers as pure functions (compiled code from dist/): normalization, send time, parts. */
import type { INode } from 'n8n-workflow';

import { normalizeNumber, normalizeRecipients, splitRecipients } from '../../dist/nodes/Ippanel/helpers/recipients';
import { formatUtc, parseDateTime, toSendTime } from '../../dist/nodes/Ippanel/helpers/sendTime';
import { checkMessage, countParts } from '../../dist/nodes/Ippanel/helpers/smsParts';
import { parseCsv } from '../../dist/nodes/Ippanel/helpers/csv';

const node = { name: 'IPPanel', type: 'n8n-nodes-ippanel-edge.ippanel', parameters: {} } as unknown as INode;

describe('normalizeNumber', () => {
	const valid: Array<[string, string]> = [
		['09121234567', '+989121234567'],
		['9121234567', '+989121234567'],
		['989121234567', '+989121234567'],
		['00989121234567', '+989121234567'],
		['+989121234567', '+989121234567'],
		['+98 912 123 4567', '+989121234567'],
		['+98 (912) 123-4567', '+989121234567'],
		['0912-123-4567', '+989121234567'],
		['0912 123 4567', '+989121234567'],
		['+9809121234567', '+989121234567'],
		['۰۹۱۲۱۲۳۴۵۶۷', '+989121234567'],
		['٠٩١٢١٢٣٤٥٦٧', '+989121234567'],
		['+۹۸۹۳۵۱۲۳۴۵۶۷', '+989351234567'],
		['\u200E09901234567\u200F', '+989901234567'],
		['+447911123456', '+447911123456'],
		['00447911123456', '+447911123456'],
		['+1 415 555 2671', '+14155552671'],
		['+4915112345678', '+4915112345678'],
	];
	test.each(valid)('%s → %s', (input, expected) => {
		expect(normalizeNumber(input)).toBe(expected);
	});

	const invalid = [
		'',
		'0912123456', // one digit short
		'091212345678', // one digit long
		'+98912123456', // short after +98
		'+982112345678', // Tehran landline: not a mobile
		'02112345678',
		'12345',
		'447911123456', // international without + or 00
		'+1234567', // 7 digits: too short for E.164
		'+1234567890123456', // 16 digits: too long
		'+0912123456', // country code cannot start with 0
		'0912abc4567',
		'hello',
		'+',
	];
	test.each(invalid)('rejects %p', (input) => {
		expect(normalizeNumber(input)).toBeUndefined();
	});
});

describe('splitRecipients / normalizeRecipients', () => {
	test('splits on commas, semicolons, new lines, spaces; a spaced single number stays one', () => {
		expect(splitRecipients('09121234567,09351234567;09901234567\n+98 912 000 0000\r\n09130000000 09140000000')).toEqual([
			'09121234567',
			'09351234567',
			'09901234567',
			'+98 912 000 0000',
			'09130000000',
			'09140000000',
		]);
	});

	test('takes arrays (numbers too) and drops duplicates in every spelling, keeping order', () => {
		expect(
			normalizeRecipients(node, ['09121234567', 9351234567, '+989121234567', '۰۹۱۲۱۲۳۴۵۶۷', '0935 123 4567'], {
				parameter: 'recipients',
				itemIndex: 0,
			}),
		).toEqual(['+989121234567', '+989351234567']);
	});

	test('names every bad number, the parameter and the item', () => {
		expect(() =>
			normalizeRecipients(node, '09121234567, 0912, abc', { parameter: 'recipients', itemIndex: 3 }),
		).toThrow('These are not phone numbers IPPanel can send to: "0912", "abc" (parameter "recipients", item 3)');
	});

	test('an empty list is an error unless optional', () => {
		expect(() => normalizeRecipients(node, ' , ', { parameter: 'recipients', itemIndex: 0 })).toThrow(
			'No recipients given (parameter "recipients", item 0)',
		);
		expect(normalizeRecipients(node, '', { parameter: 'otherRecipients', itemIndex: 0, required: false })).toEqual([]);
	});
});

describe('send time', () => {
	const now = new Date('2025-03-10T12:00:00Z');

	test.each([
		// The docs' example: 19:00 Tehran is 15:30 UTC.
		['2025-03-12T19:00:00', 'Asia/Tehran', '2025-03-12 15:30:00'],
		['2025-03-12 19:00', 'Asia/Tehran', '2025-03-12 15:30:00'],
		['2025-03-12T19:00:00', 'UTC', '2025-03-12 19:00:00'],
		// Berlin: CET (+01:00) in winter, CEST (+02:00) in summer.
		['2025-03-12T19:00:00', 'Europe/Berlin', '2025-03-12 18:00:00'],
		['2025-05-20T19:00:00', 'Europe/Berlin', '2025-05-20 17:00:00'],
		// The evening the clocks went forward (2025-03-30 02:00 → 03:00).
		['2025-03-30T20:15:45', 'Europe/Berlin', '2025-03-30 18:15:45'],
		// An explicit offset wins over the workflow zone.
		['2025-03-12T19:00:00+03:30', 'Europe/Berlin', '2025-03-12 15:30:00'],
		['2025-03-12T19:00:00.000Z', 'Asia/Tehran', '2025-03-12 19:00:00'],
	])('%s in %s → %s UTC', (value, timeZone, expected) => {
		expect(toSendTime(node, value, { timeZone, itemIndex: 0, now })).toBe(expected);
	});

	test('a Date and a Luxon-like DateTime are read as instants', () => {
		expect(formatUtc(parseDateTime(new Date('2025-04-01T08:09:10Z'), 'Asia/Tehran')!)).toBe('2025-04-01 08:09:10');
		const luxonLike = { toISO: () => '2025-04-01T11:39:10.000+03:30' };
		expect(toSendTime(node, luxonLike, { timeZone: 'UTC', itemIndex: 0, now })).toBe('2025-04-01 08:09:10');
	});

	test('empty means now', () => {
		expect(toSendTime(node, '', { timeZone: 'Asia/Tehran', itemIndex: 0, now })).toBeUndefined();
	});

	test.each([
		['2025-03-10T15:00:00', 'is in the past'], // 11:30 UTC
		['2025-03-10T15:33:00', 'is less than 5 minutes from now'], // 12:03 UTC
		['2025-06-10T16:00:00', 'is more than 3 months from now'],
	])('%s Tehran: %s', (value, problem) => {
		expect(() => toSendTime(node, value, { timeZone: 'Asia/Tehran', itemIndex: 2, now })).toThrow(
			`UTC ${problem} (parameter "additionalFields.sendTime", item 2)`,
		);
	});

	test('5 minutes ahead and exactly 3 months ahead are accepted', () => {
		expect(toSendTime(node, '2025-03-10T12:05:00Z', { timeZone: 'UTC', itemIndex: 0, now })).toBe('2025-03-10 12:05:00');
		expect(toSendTime(node, '2025-06-10T12:00:00Z', { timeZone: 'UTC', itemIndex: 0, now })).toBe('2025-06-10 12:00:00');
	});

	test('not a date', () => {
		expect(() => toSendTime(node, 'tomorrow', { timeZone: 'UTC', itemIndex: 1, now })).toThrow(
			'Send Time "tomorrow" is not a date and time (parameter "additionalFields.sendTime", item 1)',
		);
		expect(() => toSendTime(node, '2025-02-30T10:00:00', { timeZone: 'UTC', itemIndex: 1, now })).toThrow('is not a date');
	});
});

describe('parts', () => {
	test.each([
		['a'.repeat(160), 'GSM-7', 1],
		['a'.repeat(161), 'GSM-7', 2],
		['a'.repeat(306), 'GSM-7', 2],
		['a'.repeat(307), 'GSM-7', 3],
		['{'.repeat(80), 'GSM-7', 1], // extension characters count twice
		['{'.repeat(81), 'GSM-7', 2],
		['س'.repeat(70), 'UCS-2', 1],
		['س'.repeat(71), 'UCS-2', 2],
		['س'.repeat(134), 'UCS-2', 2],
		['س'.repeat(135), 'UCS-2', 3],
		[`${'a'.repeat(69)}س`, 'UCS-2', 1], // one Persian letter makes it all UCS-2
	].map(([text, encoding, parts]) => [`${[...text].length} × ${text[0]}${text.length > 1 && text.at(-1) !== text[0] ? ` + ${text.at(-1)}` : ''} → ${encoding}, ${parts} part(s)`, text, encoding, parts] as const))(
		'%s',
		(_label, text, encoding, parts) => {
			expect(countParts(text)).toEqual({ encoding, characters: [...text].length, parts });
		},
	);

	test('limits: empty, over 20 parts, over 1,400 characters', () => {
		expect(() => checkMessage(node, '  ', { parameter: 'message', itemIndex: 0 })).toThrow('The message is empty (parameter "message", item 0)');
		expect(() => checkMessage(node, 'س'.repeat(1341), { parameter: 'message', itemIndex: 1 })).toThrow(
			'The message is too long: 1341 characters, 21 parts (parameter "message", item 1)',
		);
		expect(checkMessage(node, 'س'.repeat(1340), { parameter: 'message', itemIndex: 0 }).parts).toBe(20);
		expect(() => checkMessage(node, 'a'.repeat(1401), { parameter: 'message', itemIndex: 0 })).toThrow('1401 characters, 10 parts');
	});
});

describe('parseCsv', () => {
	test('quotes, doubled quotes, commas and new lines inside cells, CRLF, BOM, blank lines', () => {
		expect(parseCsv('\uFEFFrecipient,message\r\n09121234567,"Hi, ""Ali""\nsee you"\r\n\r\n09351234567,سلام\n')).toEqual([
			['recipient', 'message'],
			['09121234567', 'Hi, "Ali"\nsee you'],
			['09351234567', 'سلام'],
		]);
	});
});
