import type { INode } from 'n8n-workflow';

import { parameterError, type ParameterAt } from './errors';
/** Persian (۰-۹) and Arabic-Indic (٠-٩) digits to 0-9. */
export function toLatinDigits(text: string): string {
	return text.replace(/[\u06F0-\u06F9\u0660-\u0669]/g, (digit) => {
		const code = digit.charCodeAt(0);
		return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
	});
}

/**
 * A text parameter's value. Numbers are taken as text; an object or array (an expression such as
 * `{{ $json }}` that gives the whole item) is refused rather than sent as "[object Object]".
 */
export function asText(node: INode, value: unknown, at: ParameterAt): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'object' && !(value instanceof Date)) {
		throw parameterError(
			node,
			at,
			`Expected text but got ${Array.isArray(value) ? 'a list' : 'an object'}`,
			'The expression gives a whole object: pick the field that holds the text, for example {{ $json.mobile }} rather than {{ $json }}.',
		);
	}
	return String(value);
}

/** A count, position or limit: a whole number not below `min`. n8n does not enforce `minValue` on expressions. */
export function asWholeNumber(node: INode, value: unknown, at: ParameterAt & { min: number }): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < at.min) {
		throw parameterError(
			node,
			at,
			`Expected a whole number of at least ${at.min}, got ${JSON.stringify(value) ?? String(value)}`,
			`Set ${at.parameter} to a whole number such as ${at.min + 10}.`,
		);
	}
	return number;
}

/** How `readIdList` names the entries of one list parameter in its errors. */
export interface IdListWords {
	/** The error for entries that are not ids, e.g. `Not an ID`. */
	notOne: string;
	/** The error for an empty list, e.g. `No IDs given`. */
	none: string;
	hint: string;
	/** The most digits an entry may have. */
	maxDigits?: number;
}

/**
 * The distinct ids of a list parameter, in the order given: an array, or text separated by
 * commas, semicolons, spaces or new lines; Persian digits are read as 0-9. Every entry must be digits.
 */
export function readIdList(node: INode, value: unknown, at: ParameterAt, words: IdListWords): string[] {
	const ids = (Array.isArray(value) ? value : [value])
		.flatMap((entry) => toLatinDigits(String(entry ?? '')).split(/[\s,;]+/))
		.filter(Boolean);
	const digits = new RegExp(`^\\d{1,${words.maxDigits ?? ''}}$`);
	const bad = ids.filter((id) => !digits.test(id));
	if (bad.length) throw parameterError(node, at, `${words.notOne}: ${bad.map((id) => `"${id}"`).join(', ')}`, words.hint);
	if (!ids.length) throw parameterError(node, at, words.none, words.hint);
	return [...new Set(ids)];
}
