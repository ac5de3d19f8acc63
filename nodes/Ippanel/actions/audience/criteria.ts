import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../helpers/errors';
import { asText, toLatinDigits } from '../../helpers/parameters';
import { apiRequest } from '../../transport';
import {
	OPERATORS,
	readBirthYears,
	readGender,
	readOperatorBlocks,
	readPrefix,
	type OperatorBlocks,
	type OperatorKey,
} from '../send/bankFilters';

/**
 * The audiences of IPPanel's number banks: a region (province → county → city, v1 `country`
 * look-ups at /api/send/banks/…) or a job category (→ sub-category). Shared by Send → By Region /
 * By Job and Audience → Count. Ids are checked against IPPanel's look-ups (free reads) before any
 * paid request, so an unknown province or a county of another province is named, not sent.
 */

/** Per-execution cache of look-ups and counts, so each is asked once. */
export type LookupCache = Map<string, Promise<unknown>>;

export const provinceField: INodeProperties = {
	displayName: 'Province Name or ID',
	name: 'provinceId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getProvinces' },
	required: true,
	default: '',
	description:
		'The province whose numbers to reach (IPPanel\'s region bank). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const countyField: INodeProperties = {
	displayName: 'County Name or ID',
	name: 'countyId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getCounties', loadOptionsDependsOn: ['provinceId'] },
	default: '',
	description:
		'Narrow to one county (shahrestan) of the province; leave empty for the whole province. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const cityField: INodeProperties = {
	displayName: 'City Name or ID',
	name: 'cityId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getCities', loadOptionsDependsOn: ['countyId'] },
	default: '',
	description:
		'Narrow to one city of the county; leave empty for the whole county. IPPanel counts audiences per city only: choose one to see the audience in a dry run and to have sizes checked against it. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const jobCategoryField: INodeProperties = {
	displayName: 'Job Category Name or ID',
	name: 'jobCategoryId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getJobCategories' },
	required: true,
	default: '',
	description:
		'The job category whose numbers to reach (IPPanel\'s job bank). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const jobSubCategoryField: INodeProperties = {
	displayName: 'Job Sub-Category Name or ID',
	name: 'jobSubCategoryId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getJobSubCategories', loadOptionsDependsOn: ['jobCategoryId'] },
	default: '',
	description:
		'Narrow to one sub-category of the job category; leave empty for the whole category. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/** Size and Start per operator (Irancell, MCI), shared by the region and job filters. */
const IRANCELL_MCI_OPTIONS: INodeProperties[] = [
	{
		displayName: 'Irancell Size',
		name: 'irancellSize',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'How many Irancell numbers to send to. When no operator size is set, IPPanel sends to every number of the audience (and Max Recipients / Max Cost refuse, as the count is not known before sending).',
	},
	{ displayName: 'Irancell Start', name: 'irancellStart', type: 'number', typeOptions: { minValue: 0 }, default: 0, description: 'The row of the Irancell numbers to start from (0: the first)' },
	{
		displayName: 'MCI (Hamrah Aval) Size',
		name: 'mciSize',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'How many MCI (Hamrah-e Aval) numbers to send to. When no operator size is set, IPPanel sends to every number of the audience (and Max Recipients / Max Cost refuse, as the count is not known before sending).',
	},
	{ displayName: 'MCI (Hamrah Aval) Start', name: 'mciStart', type: 'number', typeOptions: { minValue: 0 }, default: 0, description: 'The row of the MCI (Hamrah-e Aval) numbers to start from (0: the first)' },
];

/** Size and Start of the other operators. */
const OTHER_OPERATOR_OPTIONS: INodeProperties[] = [
	{
		displayName: 'Other Operators Size',
		name: 'otherSize',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'How many numbers of other operators (RighTel and others) to send to. When no operator size is set, IPPanel sends to every number of the audience (and Max Recipients / Max Cost refuse, as the count is not known before sending).',
	},
	{ displayName: 'Other Operators Start', name: 'otherStart', type: 'number', typeOptions: { minValue: 0 }, default: 0, description: 'The row of the other operators\' numbers to start from (0: the first)' },
];

/** `regionFilters` of Send → By Region and Audience → Count Region (sizes only matter to the send). */
export const regionFiltersField: INodeProperties = {
	displayName: 'Filters',
	name: 'regionFilters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	options: [
		{ displayName: 'Birth Year From', name: 'birthYearFrom', type: 'number', default: 1370, description: 'Earliest birth year, Solar Hijri, 1300–1410 (for example 1370)' },
		{ displayName: 'Birth Year To', name: 'birthYearTo', type: 'number', default: 1380, description: 'Latest birth year, Solar Hijri, 1300–1410 (for example 1380)' },
		{
			displayName: 'Gender',
			name: 'gender',
			type: 'options',
			options: [
				{ name: 'All', value: 0 },
				{ name: 'Female', value: 2 },
				{ name: 'Male', value: 1 },
			],
			default: 0,
			description: 'Whom to reach',
		},
		...IRANCELL_MCI_OPTIONS,
		{ displayName: 'Number Prefix', name: 'prefix', type: 'string', default: '', placeholder: '912', description: 'Only numbers starting with these 2 to 6 digits (without the leading 0), for example 912' },
		...OTHER_OPERATOR_OPTIONS,
	],
};

/** `jobFilters` of Send → By Job and Audience → Count Job. */
export const jobFiltersField: INodeProperties = {
	displayName: 'Filters',
	name: 'jobFilters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	options: [...IRANCELL_MCI_OPTIONS, ...OTHER_OPERATOR_OPTIONS],
};

/** A region or job audience as IPPanel counts it, per operator. */
export interface AudienceCounts {
	mci: number;
	irancell: number;
	other: number;
}

export interface RegionCriteria {
	provinceId: number;
	countyId?: number;
	cityId?: number;
	gender: number;
	birthYearFrom?: number;
	birthYearTo?: number;
	prefix?: string;
	operators: OperatorBlocks;
}

export interface JobCriteria {
	categoryId: number;
	subCategoryId?: number;
	operators: OperatorBlocks;
}

function cached<T>(cache: LookupCache, key: string, load: () => Promise<T>): Promise<T> {
	if (!cache.has(key)) cache.set(key, load());
	return cache.get(key) as Promise<T>;
}

async function lookup(this: IExecuteFunctions, cache: LookupCache, endpoint: string, qs: IDataObject, itemIndex: number): Promise<IDataObject[]> {
	return await cached(cache, JSON.stringify([endpoint, qs]), async () => {
		const { data } = await apiRequest.call(this, 'GET', endpoint, { qs, itemIndex });
		return Array.isArray(data) ? (data as IDataObject[]) : [];
	});
}

/** An id parameter: digits (Persian digits too), undefined when empty and optional. */
function readId(this: IExecuteFunctions, parameter: string, itemIndex: number, label: string, required: boolean): number | undefined {
	const at = { parameter, itemIndex };
	const raw = toLatinDigits(asText(this.getNode(), this.getNodeParameter(parameter, itemIndex, ''), at)).trim();
	if (!raw) {
		if (!required) return undefined;
		throw parameterError(this.getNode(), at, `No ${label} chosen`, `Choose a ${label} from the list.`);
	}
	if (!/^\d{1,9}$/.test(raw)) throw parameterError(this.getNode(), at, `The ${label} ID "${raw}" is not a number`, `Choose a ${label} from the list.`);
	return Number(raw);
}

/** Checks `id` is one of the look-up's rows; the error names the parameter and what it must belong to. */
async function mustBeIn(
	this: IExecuteFunctions,
	cache: LookupCache,
	{ endpoint, qs, id, parameter, label, parent }: { endpoint: string; qs: IDataObject; id: number; parameter: string; label: string; parent: string },
	itemIndex: number,
): Promise<string> {
	const rows = await lookup.call(this, cache, endpoint, qs, itemIndex);
	const found = rows.find((row) => Number(row.id) === id);
	if (!found) {
		throw parameterError(
			this.getNode(),
			{ parameter, itemIndex },
			`${label} ${id} is not ${parent}`,
			`Choose the ${label.toLowerCase()} from the list (it shows only what IPPanel offers there).`,
		);
	}
	return String(found.name ?? id);
}

/** The region parameters of the item, each id checked against IPPanel's look-ups. */
export async function readRegion(this: IExecuteFunctions, itemIndex: number, cache: LookupCache): Promise<RegionCriteria & { names: string[] }> {
	const provinceId = readId.call(this, 'provinceId', itemIndex, 'province', true)!;
	const countyId = readId.call(this, 'countyId', itemIndex, 'county', false);
	const cityId = readId.call(this, 'cityId', itemIndex, 'city', false);
	if (cityId !== undefined && countyId === undefined) {
		throw parameterError(this.getNode(), { parameter: 'countyId', itemIndex }, 'A city is chosen without its county', 'Choose the county first, then the city.');
	}
	const filters = this.getNodeParameter('regionFilters', itemIndex, {}) as IDataObject;
	const years = readBirthYears.call(this, filters, 'regionFilters', itemIndex);
	const criteria: RegionCriteria = {
		provinceId,
		countyId,
		cityId,
		gender: readGender.call(this, filters, 'regionFilters', itemIndex),
		birthYearFrom: years.from,
		birthYearTo: years.to,
		prefix: readPrefix.call(this, filters, 'regionFilters', itemIndex),
		operators: readOperatorBlocks.call(this, filters, 'regionFilters', itemIndex),
	};
	const names = [
		await mustBeIn.call(this, cache, { endpoint: '/api/send/banks/provinces', qs: {}, id: provinceId, parameter: 'provinceId', label: 'Province', parent: "one of IPPanel's provinces" }, itemIndex),
	];
	if (countyId !== undefined) {
		names.push(await mustBeIn.call(this, cache, { endpoint: '/api/send/banks/counties', qs: { province_id: provinceId }, id: countyId, parameter: 'countyId', label: 'County', parent: `a county of province ${provinceId} (${names[0]})` }, itemIndex));
	}
	if (cityId !== undefined) {
		names.push(await mustBeIn.call(this, cache, { endpoint: '/api/send/banks/cities', qs: { county_id: countyId }, id: cityId, parameter: 'cityId', label: 'City', parent: `a city of county ${countyId} (${names[1]})` }, itemIndex));
	}
	return { ...criteria, names };
}

/** The job parameters of the item, checked against IPPanel's category look-ups. */
export async function readJob(this: IExecuteFunctions, itemIndex: number, cache: LookupCache): Promise<JobCriteria & { names: string[] }> {
	const categoryId = readId.call(this, 'jobCategoryId', itemIndex, 'job category', true)!;
	const subCategoryId = readId.call(this, 'jobSubCategoryId', itemIndex, 'job sub-category', false);
	const filters = this.getNodeParameter('jobFilters', itemIndex, {}) as IDataObject;
	const operators = readOperatorBlocks.call(this, filters, 'jobFilters', itemIndex);
	const names = [
		await mustBeIn.call(this, cache, { endpoint: '/api/send/jobs/categories', qs: {}, id: categoryId, parameter: 'jobCategoryId', label: 'Job category', parent: "one of IPPanel's job categories" }, itemIndex),
	];
	if (subCategoryId !== undefined) {
		names.push(await mustBeIn.call(this, cache, { endpoint: '/api/send/jobs/sub-categories', qs: { main_category_id: categoryId }, id: subCategoryId, parameter: 'jobSubCategoryId', label: 'Job sub-category', parent: `a sub-category of job category ${categoryId} (${names[0]})` }, itemIndex));
	}
	return { categoryId, subCategoryId, operators, names };
}

function toCounts(data: unknown): AudienceCounts {
	const answer = (data ?? {}) as IDataObject;
	return { mci: Number(answer.mci_count) || 0, irancell: Number(answer.irancell_count) || 0, other: Number(answer.other_count) || 0 };
}

/**
 * The audience of a region per operator (`GET /api/send/banks/counts`). Both pages require the
 * province, county and city: undefined when no city is chosen.
 */
export async function countRegion(this: IExecuteFunctions, region: RegionCriteria, itemIndex: number, cache: LookupCache): Promise<AudienceCounts | undefined> {
	if (region.cityId === undefined) return undefined;
	const qs: IDataObject = { province_id: region.provinceId, county_id: region.countyId, city_id: region.cityId };
	if (region.birthYearFrom !== undefined) qs.birth_year_from = region.birthYearFrom;
	if (region.birthYearTo !== undefined) qs.birth_year_to = region.birthYearTo;
	if (region.gender) qs.gender_id = region.gender;
	if (region.prefix) qs.number_prefix = region.prefix;
	return await cached(cache, JSON.stringify(['counts', qs]), async () => {
		const { data } = await apiRequest.call(this, 'GET', '/api/send/banks/counts', { qs, itemIndex });
		return toCounts(data);
	});
}

/** The audience of a job category per operator (`GET /api/send/jobs/number-count`). */
export async function countJob(this: IExecuteFunctions, job: JobCriteria, itemIndex: number, cache: LookupCache): Promise<AudienceCounts> {
	const qs: IDataObject = { main_category_id: job.categoryId };
	if (job.subCategoryId !== undefined) qs.sub_category_id = job.subCategoryId;
	return await cached(cache, JSON.stringify(['jobCounts', qs]), async () => {
		const { data } = await apiRequest.call(this, 'GET', '/api/send/jobs/number-count', { qs, itemIndex });
		return toCounts(data);
	});
}

/** Refuses sizes that reach past the audience: `start + size` above an operator's count. */
export function checkSizes(this: IExecuteFunctions, operators: OperatorBlocks, audience: AudienceCounts, collection: string, itemIndex: number): void {
	for (const { key, label } of OPERATORS) {
		const block = operators.blocks[key as OperatorKey];
		if (!block) continue;
		const available = audience[key as OperatorKey];
		if (block.start + block.size > available) {
			throw parameterError(
				this.getNode(),
				{ parameter: `${collection}.${key}Size`, itemIndex },
				`${label} Size ${block.size.toLocaleString('en-US')} from row ${block.start} reaches past the ${available.toLocaleString('en-US')} ${label} numbers of this audience`,
				`Lower ${label} Size (or Start) to fit: at most ${Math.max(0, available - block.start).toLocaleString('en-US')} from row ${block.start}. Audience → Count shows the numbers per operator.`,
			);
		}
	}
}

/** The audience as items and dry runs show it. */
export function audienceRow(audience: AudienceCounts): IDataObject {
	return { ...audience, total: audience.mci + audience.irancell + audience.other };
}

/** The sizes asked for per operator, as items and dry runs show them (null when none: every number). */
export function requestedRow(operators: OperatorBlocks): IDataObject | null {
	if (operators.total === undefined) return null;
	const row: IDataObject = {};
	for (const { key } of OPERATORS) row[key] = operators.blocks[key] ?? { start: 0, size: 0 };
	return { ...row, total: operators.total };
}

