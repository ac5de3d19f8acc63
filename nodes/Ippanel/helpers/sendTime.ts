import { DateTime, FixedOffsetZone, IANAZone } from 'luxon';
import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parameterError } from './errors';

/** IPPanel's window for scheduled sends (README: at least 5 minutes, at most 3 months ahead). */
const MIN_AHEAD_MS = 5 * 60_000;
const MAX_AHEAD_MONTHS = 3;

const ISO_LIKE =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** `Z`, `+03:30` or `+0330` as a fixed zone. */
function fixedZone(offset: string): FixedOffsetZone {
	if (offset.toUpperCase() === 'Z') return FixedOffsetZone.utcInstance;
	const sign = offset.startsWith('-') ? -1 : 1;
	const digits = offset.slice(1).replace(':', '');
	return FixedOffsetZone.instance(sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))));
}

/**
 * The instant a date-time parameter means. n8n gives the date picker's value without an offset
 * (wall time in the workflow's zone); expressions may give an ISO string with an offset, a Date
 * or a Luxon DateTime. Undefined when the value is not a date-time. Throws for an unknown time zone.
 */
export function parseDateTime(value: unknown, timeZone: string): Date | undefined {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
	let text = value;
	if (typeof value === 'object' && value !== null && typeof (value as { toISO?: unknown }).toISO === 'function') {
		text = (value as { toISO: () => string }).toISO();
	}
	if (typeof text !== 'string') return undefined;
	const match = ISO_LIKE.exec(text.trim());
	if (!match) return undefined;
	const [, year, month, day, hour = '00', minute = '00', second = '00', offset] = match;
	if (+hour > 23) return undefined; // Luxon would read 24:00 as the next midnight
	if (!offset && !IANAZone.isValidZone(timeZone)) throw new RangeError(`Unknown time zone ${timeZone}`);
	// Luxon refuses 2025-02-30 or 25:00, and puts a wall time skipped by a DST change after the gap.
	const wallTime = { year: +year, month: +month, day: +day, hour: +hour, minute: +minute, second: +second };
	const date = DateTime.fromObject(wallTime, { zone: offset ? fixedZone(offset) : timeZone });
	return date.isValid ? date.toJSDate() : undefined;
}

/** `YYYY-MM-DD HH:MM:SS` in UTC, the format `send_time` takes. */
export function formatUtc(date: Date): string {
	return date.toISOString().slice(0, 19).replace('T', ' ');
}

/** Why IPPanel would refuse this send time, or undefined when it is inside the allowed window. */
export function sendTimeProblem(date: Date, now: Date): string | undefined {
	const latest = new Date(now.getTime());
	latest.setUTCMonth(latest.getUTCMonth() + MAX_AHEAD_MONTHS);
	if (date.getTime() <= now.getTime()) return 'is in the past';
	if (date.getTime() < now.getTime() + MIN_AHEAD_MS) return 'is less than 5 minutes from now';
	if (date.getTime() > latest.getTime()) return 'is more than 3 months from now';
	return undefined;
}

/**
 * The `send_time` for a Send Time parameter value read in the workflow's time zone, or undefined
 * when none is set. Throws before any request when IPPanel would refuse it.
 */
export function toSendTime(
	node: INode,
	value: unknown,
	{ timeZone, itemIndex, now = new Date(Date.now()) }: { timeZone: string; itemIndex: number; now?: Date },
): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	let date: Date | undefined;
	try {
		date = parseDateTime(value, timeZone);
	} catch {
		throw new NodeOperationError(node, `The workflow time zone "${timeZone}" is not known`, {
			itemIndex,
			description: 'Set a valid time zone in the workflow settings (for example Asia/Tehran).',
		});
	}
	const at = { parameter: 'additionalFields.sendTime', itemIndex };
	if (!date) {
		throw parameterError(
			node,
			at,
			`Send Time "${String(value)}" is not a date and time`,
			'Pick a date and time, or give an ISO date-time such as 2025-03-12T19:00:00.',
		);
	}
	const problem = sendTimeProblem(date, now);
	if (problem) {
		throw parameterError(
			node,
			at,
			`Send Time ${formatUtc(date)} UTC ${problem}`,
			`IPPanel schedules sends at least 5 minutes and at most 3 months ahead. The value "${String(value)}" was read in the workflow time zone ${timeZone}; now is ${formatUtc(now)} UTC. Leave Send Time empty to send now.`,
		);
	}
	return formatUtc(date);
}
