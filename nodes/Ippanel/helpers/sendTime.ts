import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** IPPanel's window for scheduled sends (README: at least 5 minutes, at most 3 months ahead). */
const MIN_AHEAD_MS = 5 * 60_000;
const MAX_AHEAD_MONTHS = 3;

const ISO_LIKE =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** How far the zone's wall clock is ahead of UTC at an instant, in ms (Intl only: no date library). */
function zoneOffsetMs(timeZone: string, instantMs: number): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(instantMs));
	const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
	const wallAsUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
	return wallAsUtc - Math.floor(instantMs / 1000) * 1000;
}

/** The instant at which the zone's clocks show this wall time (written as if it were UTC). */
function wallTimeToInstant(wallAsUtcMs: number, timeZone: string): number {
	const firstGuess = wallAsUtcMs - zoneOffsetMs(timeZone, wallAsUtcMs);
	// Near a DST change the offset at the guess can differ from the one at the wall time.
	return wallAsUtcMs - zoneOffsetMs(timeZone, firstGuess);
}

function offsetMs(offset: string): number {
	if (offset.toUpperCase() === 'Z') return 0;
	const sign = offset.startsWith('-') ? -1 : 1;
	const digits = offset.slice(1).replace(':', '');
	return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
}

/**
 * The instant a date-time parameter means. n8n gives the date picker's value without an offset
 * (wall time in the workflow's zone); expressions may give an ISO string with an offset, a Date
 * or a Luxon DateTime. Undefined when the value is not a date-time.
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
	const wall = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
	const check = new Date(wall);
	if (check.getUTCMonth() !== Number(month) - 1 || check.getUTCDate() !== Number(day) || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) {
		return undefined; // 2025-02-30, 25:00 …
	}
	return new Date(offset ? wall - offsetMs(offset) : wallTimeToInstant(wall, timeZone));
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
	{ timeZone, itemIndex, now = new Date() }: { timeZone: string; itemIndex: number; now?: Date },
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
	if (!date) {
		throw new NodeOperationError(
			node,
			`Send Time "${String(value)}" is not a date and time (parameter "additionalFields.sendTime", item ${itemIndex})`,
			{ itemIndex, description: 'Pick a date and time, or give an ISO date-time such as 2025-03-12T19:00:00. Nothing was sent.' },
		);
	}
	const problem = sendTimeProblem(date, now);
	if (problem) {
		throw new NodeOperationError(
			node,
			`Send Time ${formatUtc(date)} UTC ${problem} (parameter "additionalFields.sendTime", item ${itemIndex})`,
			{
				itemIndex,
				description: `IPPanel schedules sends at least 5 minutes and at most 3 months ahead. The value "${String(value)}" was read in the workflow time zone ${timeZone}; now is ${formatUtc(now)} UTC. Leave Send Time empty to send now. Nothing was sent.`,
			},
		);
	}
	return formatUtc(date);
}
