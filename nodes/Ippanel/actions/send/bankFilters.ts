import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { parameterError } from '../../helpers/errors';
import { asWholeNumber, toLatinDigits } from '../../helpers/parameters';

/**
 * Readers shared by the sends to IPPanel's number banks (postal code, region, job) and the
 * audience counts: operator blocks, birth years, gender and number prefix, validated before any request.
 */

/** The operators whose `<key>Size` / `<key>Start` filters IPPanel takes, with their job/v2 operator ids. */
export const OPERATORS = [
	{ key: 'mci', id: 1, label: 'MCI (Hamrah Aval)' },
	{ key: 'irancell', id: 2, label: 'Irancell' },
	{ key: 'other', id: 13, label: 'Other Operators' },
] as const;

export type OperatorKey = (typeof OPERATORS)[number]['key'];

/** The birth years IPPanel's bank pages accept (Solar Hijri). */
export const BIRTH_YEARS = { min: 1300, max: 1410 } as const;

/** `{start, size}` per operator the user gave a size for; `total` is the sum of sizes (undefined: none given). */
export interface OperatorBlocks {
	blocks: Partial<Record<OperatorKey, { start: number; size: number }>>;
	total?: number;
}

/** Reads `<collection>.{mciSize, mciStart, irancellSize, …}`; a start without a size is ignored. */
export function readOperatorBlocks(
	this: IExecuteFunctions,
	filters: IDataObject,
	collection: string,
	itemIndex: number,
): OperatorBlocks {
	const count = (name: string) =>
		asWholeNumber(this.getNode(), filters[name] ?? 0, { parameter: `${collection}.${name}`, itemIndex, min: 0 });
	const result: OperatorBlocks = { blocks: {} };
	for (const { key } of OPERATORS) {
		const size = count(`${key}Size`);
		const start = count(`${key}Start`);
		if (size > 0) {
			result.blocks[key] = { start, size };
			result.total = (result.total ?? 0) + size;
		}
	}
	return result;
}

/**
 * The v1 operator blocks (`mci`, `irancell`, `other`): with any size set, all three are sent (the
 * English pages mark all three required) and an operator without a size gets `size: 0`, which
 * takes none of its numbers. With no size at all they are left out: the Persian pages say IPPanel
 * then sends to every number, which no block can express.
 */
export function v1Blocks({ blocks, total }: OperatorBlocks): IDataObject {
	if (total === undefined) return {};
	const out: IDataObject = {};
	for (const { key } of OPERATORS) out[key] = blocks[key] ?? { start: 0, size: 0 };
	return out;
}

/** The job send's `operator` list: `[{start, size, id}]` for each operator given a size. */
export function operatorList({ blocks }: OperatorBlocks): IDataObject[] {
	return OPERATORS.filter(({ key }) => blocks[key]).map(({ key, id }) => ({ ...blocks[key]!, id }));
}

/** Birth years from `<collection>.birthYearFrom/To`, each within 1300–1410 and in order; undefined when not set. */
export function readBirthYears(
	this: IExecuteFunctions,
	filters: IDataObject,
	collection: string,
	itemIndex: number,
): { from?: number; to?: number } {
	const year = (name: 'birthYearFrom' | 'birthYearTo') => {
		const value = filters[name];
		if (value === undefined || value === null || value === '' || value === 0) return undefined;
		const number = Number(toLatinDigits(String(value)));
		if (!Number.isInteger(number) || number < BIRTH_YEARS.min || number > BIRTH_YEARS.max) {
			throw parameterError(
				this.getNode(),
				{ parameter: `${collection}.${name}`, itemIndex },
				`Birth year ${JSON.stringify(value)} is outside ${BIRTH_YEARS.min}–${BIRTH_YEARS.max}`,
				`IPPanel takes Solar Hijri birth years from ${BIRTH_YEARS.min} to ${BIRTH_YEARS.max}, for example 1370.`,
			);
		}
		return number;
	};
	const from = year('birthYearFrom');
	const to = year('birthYearTo');
	if (from !== undefined && to !== undefined && from > to) {
		throw parameterError(
			this.getNode(),
			{ parameter: `${collection}.birthYearTo`, itemIndex },
			`Birth Year To (${to}) is before Birth Year From (${from})`,
			'Swap the two birth years.',
		);
	}
	return { from, to };
}

/** Gender 0 (all), 1 (male) or 2 (female). */
export function readGender(this: IExecuteFunctions, filters: IDataObject, collection: string, itemIndex: number): number {
	const gender = Number(filters.gender ?? 0);
	if (![0, 1, 2].includes(gender)) {
		throw parameterError(
			this.getNode(),
			{ parameter: `${collection}.gender`, itemIndex },
			`Unknown gender ${JSON.stringify(filters.gender)}`,
			'Use 0 for all, 1 for male or 2 for female.',
		);
	}
	return gender;
}

/** The number prefix (`pre`): 2 to 6 digits such as 912 or 0912 → 912; undefined when empty. */
export function readPrefix(this: IExecuteFunctions, filters: IDataObject, collection: string, itemIndex: number): string | undefined {
	const raw = toLatinDigits(String(filters.prefix ?? '')).trim();
	if (!raw) return undefined;
	const prefix = raw.replace(/^(\+98|0098|0)/, '');
	if (!/^\d{2,6}$/.test(prefix)) {
		throw parameterError(
			this.getNode(),
			{ parameter: `${collection}.prefix`, itemIndex },
			`Number prefix "${raw}" is not 2 to 6 digits`,
			'Give the first digits of the mobile numbers without the leading 0, for example 912 or 9123.',
		);
	}
	return prefix;
}
