'use strict';

// The number banks behind region and job sends: look-ups (provinces, counties, cities,
// genders, job categories) and audience counts. v1 under /api/send/banks/…, v2 under
// /v2/api/send/banks/… (the server strips a leading /v1, so /v1/v2/api/… lands here too).

const crypto = require('node:crypto');
const seed = require('./seed');
const { TEXT, RULES } = require('./messages');
const { ApiError, FieldErrors, ok, notFound } = require('./envelope');
const { operatorOf } = require('./recipients');
const v = require('./validate');

const OPERATORS = ['mci', 'irancell', 'other'];
const YEAR_SPAN = seed.BIRTH_YEARS.to - seed.BIRTH_YEARS.from + 1;

/** The bank: geography from the seed, counts computed from per-city totals and fixed shares. */
function createBank() {
	const counties = seed.COUNTIES.map(([id, provinceId, name]) => ({ id, provinceId, name }));
	const cities = seed.COUNTIES.flatMap(([countyId, provinceId, , list]) =>
		list.map(([id, name, mci, irancell, other]) => ({ id, countyId, provinceId, name, counts: { mci, irancell, other } })),
	);
	const province = (id) => seed.PROVINCES.find((p) => String(p.id) === String(id)) || null;
	const county = (id) => counties.find((c) => String(c.id) === String(id)) || null;
	const city = (id) => cities.find((c) => String(c.id) === String(id)) || null;

	/**
	 * Numbers per operator in a region (every level optional), for a gender (0/absent: all),
	 * birth years (inclusive, Solar Hijri) and a number prefix such as 912 (only its operator,
	 * a quarter of it for three digits, a tenth less per further digit).
	 */
	function regionCounts({ provinceId, countyId, cityId, gender, yearFrom, yearTo, prefix } = {}) {
		const scope = cities.filter(
			(c) =>
				(provinceId == null || c.provinceId === Number(provinceId)) &&
				(countyId == null || c.countyId === Number(countyId)) &&
				(cityId == null || c.id === Number(cityId)),
		);
		const from = Math.max(seed.BIRTH_YEARS.from, yearFrom ?? seed.BIRTH_YEARS.from);
		const to = Math.min(seed.BIRTH_YEARS.to, yearTo ?? seed.BIRTH_YEARS.to);
		let share = Math.max(0, to - from + 1) / YEAR_SPAN;
		if (gender) share *= seed.GENDER_SHARE[gender] ?? 0;
		const prefixOperator = prefix ? operatorOf(`+98${String(prefix).padEnd(10, '0')}`) : null;
		if (prefix) share *= 0.25 / 10 ** Math.max(0, String(prefix).length - 3);
		const result = { mci: 0, irancell: 0, other: 0 };
		for (const c of scope) {
			for (const op of OPERATORS) if (!prefixOperator || prefixOperator === op) result[op] += c.counts[op];
		}
		for (const op of OPERATORS) result[op] = Math.floor(result[op] * share);
		return result;
	}

	/** A postal-code area: a stable size from the code itself. */
	function postalCounts(code, { gender, yearFrom, yearTo } = {}) {
		const h = crypto.createHash('md5').update(`postal:${code}`).digest();
		const base = { mci: 5000 + (h.readUInt16BE(0) % 45000), irancell: 3000 + (h.readUInt16BE(2) % 25000), other: 200 + (h[4] % 2000) };
		const from = Math.max(seed.BIRTH_YEARS.from, yearFrom ?? seed.BIRTH_YEARS.from);
		const to = Math.min(seed.BIRTH_YEARS.to, yearTo ?? seed.BIRTH_YEARS.to);
		let share = Math.max(0, to - from + 1) / YEAR_SPAN;
		if (gender) share *= seed.GENDER_SHARE[gender] ?? 0;
		for (const op of OPERATORS) base[op] = Math.floor(base[op] * share);
		return base;
	}

	const jobCategory = (id) => seed.JOB_CATEGORIES.find((c) => String(c.id) === String(id)) || null;
	const subCategories = (mainId) =>
		seed.JOB_SUB_CATEGORIES.filter(([, main]) => main === Number(mainId)).map(([id, main, name, mci, irancell, other]) => ({
			id,
			mainId: main,
			name,
			counts: { mci, irancell, other },
		}));

	function jobCounts(mainId, subId) {
		const subs = subCategories(mainId).filter((s) => subId == null || s.id === Number(subId));
		const result = { mci: 0, irancell: 0, other: 0 };
		for (const s of subs) for (const op of OPERATORS) result[op] += s.counts[op];
		return result;
	}

	return { province, county, city, counties, cities, regionCounts, postalCounts, jobCategory, subCategories, jobCounts };
}

const isId = (value) => /^\d+$/.test(String(value ?? '').trim());

function createBankRoutes({ bank, options: opts }) {
	const list = (rows) => ok(rows, { bare: true });

	/** An unknown parent id: the English pages answer 422, the Persian ones 404 (`lookupErrorStyle`). */
	function unknownParent(field, faMessage) {
		if (opts.lookupErrorStyle === 'fa') throw notFound(faMessage, '404-1');
		new FieldErrors().add(field, RULES.selected(field)).throwIfAny();
	}

	const provinces = () => list(seed.PROVINCES.map((p) => ({ id: p.id, name: p.name })));

	function counties({ query }) {
		if (v.isBlank(query.province_id)) new FieldErrors().add('province_id', RULES.required('province_id')).throwIfAny();
		const found = isId(query.province_id) ? bank.province(query.province_id) : null;
		if (!found) unknownParent('province_id', TEXT.provinceNotFound);
		return list(bank.counties.filter((c) => c.provinceId === found.id).map((c) => ({ id: c.id, name: c.name })));
	}

	function cities({ query }) {
		if (v.isBlank(query.county_id)) new FieldErrors().add('county_id', RULES.required('county_id')).throwIfAny();
		const found = isId(query.county_id) ? bank.county(query.county_id) : null;
		if (!found) unknownParent('county_id', TEXT.countyNotFound);
		return list(bank.cities.filter((c) => c.countyId === found.id).map((c) => ({ id: c.id, name: c.name })));
	}

	const genders = () => ok(seed.GENDERS.map((g) => ({ ...g })));

	/** Province, county and city ids that exist and nest; `required` lists the ones that must be given. */
	function region(query, required, errors) {
		const ids = {};
		for (const field of ['province_id', 'county_id', 'city_id']) {
			if (v.isBlank(query[field])) {
				if (required.includes(field)) {
					errors.add(field, field === 'province_id' ? TEXT.provinceRequired : RULES.required(field));
				}
				continue;
			}
			if (!isId(query[field])) errors.add(field, RULES.selected(field));
			else ids[field] = Number(query[field]);
		}
		if (ids.province_id !== undefined && !bank.province(ids.province_id)) errors.add('province_id', RULES.selected('province_id'));
		const county = ids.county_id !== undefined ? bank.county(ids.county_id) : null;
		if (ids.county_id !== undefined && (!county || (ids.province_id !== undefined && county.provinceId !== ids.province_id))) {
			errors.add('county_id', RULES.selected('county_id'));
		}
		const city = ids.city_id !== undefined ? bank.city(ids.city_id) : null;
		if (
			ids.city_id !== undefined &&
			(!city ||
				(ids.county_id !== undefined && city.countyId !== ids.county_id) ||
				(ids.province_id !== undefined && city.provinceId !== ids.province_id))
		) {
			errors.add('city_id', RULES.selected('city_id'));
		}
		return { provinceId: ids.province_id, countyId: ids.county_id, cityId: ids.city_id };
	}

	/** A missing required id: 422 with the Persian page's own message. */
	function throwCountErrors(errors) {
		if (!errors.has()) return;
		const missing = Object.values(errors.errors).flat().includes(TEXT.provinceRequired);
		if (missing) throw new ApiError(422, '400-2', TEXT.missingParams, errors.errors);
		errors.throwIfAny();
	}

	const countAnswer = (c) => ok({ mci_count: c.mci, irancell_count: c.irancell, other_count: c.other }, { message: TEXT.count });

	/** v1: province, county and city ids all required (both pages). */
	function countsV1({ query }) {
		const errors = new FieldErrors();
		const ids = region(query, ['province_id', 'county_id', 'city_id'], errors);
		const yearFrom = v.optionalInteger(query.birth_year_from, 'birth_year_from', errors, { min: 1300, max: 1410 });
		const yearTo = v.optionalInteger(query.birth_year_to, 'birth_year_to', errors, { min: 1300, max: 1410 });
		const gender = v.optionalInteger(query.gender_id, 'gender_id', errors, { min: 0, max: 2 });
		if (!v.isBlank(query.number_prefix) && !/^\d{2,6}$/.test(String(query.number_prefix))) {
			errors.add('number_prefix', RULES.digitsBetween('number_prefix', 2, 6));
		}
		throwCountErrors(errors);
		const prefix = v.isBlank(query.number_prefix) ? null : String(query.number_prefix);
		return countAnswer(bank.regionCounts({ ...ids, gender, yearFrom, yearTo, prefix }));
	}

	/** v2: only the province id is required. */
	function countsV2({ query }) {
		const errors = new FieldErrors();
		const ids = region(query, ['province_id'], errors);
		const yearFrom = v.optionalInteger(query.from_age, 'from_age', errors, { min: 1300, max: 1410 });
		const yearTo = v.optionalInteger(query.to_age, 'to_age', errors, { min: 1300, max: 1410 });
		const gender = v.optionalInteger(query.gender, 'gender', errors, { min: 1, max: 2 });
		if (!v.isBlank(query.pre) && !/^\d{1,6}$/.test(String(query.pre))) errors.add('pre', RULES.integer('pre'));
		throwCountErrors(errors);
		const prefix = v.isBlank(query.pre) ? null : String(query.pre);
		return countAnswer(bank.regionCounts({ ...ids, gender, yearFrom, yearTo, prefix }));
	}

	const categories = () => list(seed.JOB_CATEGORIES.map((c) => ({ ...c })));

	function subCategories({ query }) {
		const errors = new FieldErrors();
		if (v.isBlank(query.main_category_id)) errors.add('main_category_id', RULES.required('main_category_id'));
		else if (!isId(query.main_category_id) || !bank.jobCategory(query.main_category_id)) {
			errors.add('main_category_id', RULES.selected('main_category_id'));
		}
		errors.throwIfAny();
		const main = bank.jobCategory(query.main_category_id);
		return list(bank.subCategories(main.id).map((s) => ({ id: s.id, name: s.name, main_id: String(main.id), main_name: main.name })));
	}

	/** `operator_id` 1 MCI, 2 Irancell, 13 others; `start`/`size` narrow each operator's count. */
	function jobCount({ query }) {
		const errors = new FieldErrors();
		if (v.isBlank(query.main_category_id)) errors.add('main_category_id', RULES.required('main_category_id'));
		else if (!isId(query.main_category_id) || !bank.jobCategory(query.main_category_id)) {
			errors.add('main_category_id', TEXT.jobCategoryInvalid);
		}
		const sub = v.optionalInteger(query.sub_category_id, 'sub_category_id', errors);
		if (sub !== null && !errors.has('main_category_id') && !bank.subCategories(query.main_category_id).some((s) => s.id === sub)) {
			errors.add('sub_category_id', RULES.selected('sub_category_id'));
		}
		const operator = v.optionalInteger(query.operator_id, 'operator_id', errors);
		if (operator !== null && !seed.OPERATOR_IDS[operator]) errors.add('operator_id', RULES.selected('operator_id'));
		const start = v.optionalInteger(query.start, 'start', errors) ?? 0;
		const size = v.optionalInteger(query.size, 'size', errors);
		errors.throwIfAny();
		const counts = bank.jobCounts(query.main_category_id, sub);
		for (const op of OPERATORS) {
			const wanted = operator === null || seed.OPERATOR_IDS[operator] === op;
			const left = Math.max(0, counts[op] - start);
			counts[op] = wanted ? (size === null ? left : Math.min(size, left)) : 0;
		}
		return countAnswer(counts);
	}

	const routes = [];
	for (const prefix of ['', '/v2']) {
		routes.push(
			{ method: 'GET', path: `${prefix}/api/send/banks/provinces`, handler: provinces },
			{ method: 'GET', path: `${prefix}/api/send/banks/counties`, handler: counties },
			{ method: 'GET', path: `${prefix}/api/send/banks/cities`, handler: cities },
			{ method: 'GET', path: `${prefix}/api/send/banks/counts`, handler: prefix ? countsV2 : countsV1 },
		);
	}
	routes.push(
		{ method: 'GET', path: '/api/send/banks/genders', handler: genders },
		{ method: 'GET', path: '/api/send/jobs/categories', handler: categories },
		{ method: 'GET', path: '/api/send/jobs/sub-categories', handler: subCategories },
		{ method: 'GET', path: '/api/send/jobs/number-count', handler: jobCount },
	);
	return routes;
}

module.exports = { createBank, createBankRoutes, OPERATORS };
