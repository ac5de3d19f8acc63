import type { INode } from 'n8n-workflow';

import { parameterError } from './errors';
import { asText, toLatinDigits } from './parameters';

/** Characters people paste inside a number: spaces, dashes, dots, brackets, and invisible direction marks. */
const NUMBER_NOISE = /[\s\-.()\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/**
 * One typed phone number in E.164 (`+989121234567`), or undefined when it is not a number
 * IPPanel can send to. Iranian mobiles are accepted in every way people write them; other
 * countries need `+` or `00` and their country code.
 */
export function normalizeNumber(raw: string): string | undefined {
	let number = toLatinDigits(raw).replace(NUMBER_NOISE, '');
	if (number.startsWith('00')) number = `+${number.slice(2)}`;
	if (/^\+98/.test(number)) {
		// "+98 0912…" is a common way of writing it too.
		const national = number.slice(3).replace(/^0/, '');
		return /^9\d{9}$/.test(national) ? `+98${national}` : undefined;
	}
	if (/^\+[1-9]\d{7,14}$/.test(number)) return number;
	if (/^09\d{9}$/.test(number)) return `+98${number.slice(1)}`;
	if (/^9\d{9}$/.test(number)) return `+98${number}`;
	if (/^989\d{9}$/.test(number)) return `+${number}`;
	return undefined;
}

/**
 * The entries of a recipients value: text split on commas, semicolons and new lines, or the
 * elements of an array. A piece with spaces is one number when it reads as one (`+98 912 123 4567`),
 * otherwise a space-separated list.
 */
export function splitRecipients(value: unknown): string[] {
	const pieces = (Array.isArray(value) ? value : [value])
		.filter((entry) => entry !== null && entry !== undefined)
		.flatMap((entry) => String(entry).split(/[,;\n\r،؛]+/));
	return pieces
		.map((piece) => piece.trim())
		.filter(Boolean)
		.flatMap((piece) => (normalizeNumber(piece) !== undefined ? [piece] : piece.split(/\s+/)));
}

/**
 * The distinct E.164 recipients of a parameter, in the order given. Throws, naming every bad
 * entry, the parameter and the item, before anything is sent.
 */
export function normalizeRecipients(
	node: INode,
	value: unknown,
	{ parameter, itemIndex, required = true }: { parameter: string; itemIndex: number; required?: boolean },
): string[] {
	for (const entry of Array.isArray(value) ? value : [value]) asText(node, entry, { parameter, itemIndex });
	const entries = splitRecipients(value);
	const numbers = new Set<string>();
	const bad: string[] = [];
	for (const entry of entries) {
		const number = normalizeNumber(entry);
		if (number === undefined) bad.push(entry);
		else numbers.add(number);
	}
	if (bad.length) {
		const shown = bad.slice(0, 5).map((entry) => `"${entry}"`).join(', ');
		const more = bad.length > 5 ? ` and ${bad.length - 5} more` : '';
		throw parameterError(
			node,
			{ parameter, itemIndex },
			`${bad.length === 1 ? 'This is not a phone number' : 'These are not phone numbers'} IPPanel can send to: ${shown}${more}`,
			'Write Iranian mobiles as 09121234567, 9121234567, 989121234567 or +989121234567 (Persian digits are fine), and other countries with + or 00 and the country code. Separate numbers with commas, semicolons or new lines.',
		);
	}
	if (required && numbers.size === 0) {
		throw parameterError(node, { parameter, itemIndex }, 'No recipients given', 'Give at least one phone number, for example 09121234567.');
	}
	return [...numbers];
}
