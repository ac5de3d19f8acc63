'use strict';

const { ok, pageParams } = require('./envelope');

// The sender-numbers page gives no maximum; IPPanel's other lists stop at 100 or 1000. Lines past
// the 100th come only on further pages, when asked for (`page`, `per_page`).
const MAX_NUMBERS_PER_PAGE = 100;

function createAccountRoutes({ store }) {
	const credit = () => ok(store.creditView(), { bare: true });

	/** Documented without paging meta: a plain array. */
	function numbers({ query }) {
		const { page, perPage } = pageParams(query.page, query.per_page, { maxPerPage: MAX_NUMBERS_PER_PAGE });
		const rows = store.state.numbers.slice((page - 1) * perPage, page * perPage).map((n) => ({ ...n }));
		return ok(rows, { bare: true, message: 'Success' });
	}

	return [
		{ method: 'GET', path: '/api/payment/credit/mine', handler: credit },
		{ method: 'GET', path: '/api/number/numbers', handler: numbers },
	];
}

module.exports = { createAccountRoutes };
