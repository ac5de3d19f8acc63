'use strict';

/** Routes: `{ method, path: '/api/patterns/:code', handler, auth?: false, multipart?: true }`. */
function createRouter(routes) {
	const compiled = routes.map((route) => {
		const keys = [];
		const source = route.path.replace(/:(\w+)/g, (_, key) => {
			keys.push(key);
			return '([^/]+)';
		});
		return { route, keys, regex: new RegExp(`^${source}/?$`) };
	});

	/** `{ route, params }`, or `{ status: 404 | 405 }`. */
	function match(method, path) {
		let pathMatched = false;
		for (const { route, keys, regex } of compiled) {
			const m = regex.exec(path);
			if (!m) continue;
			pathMatched = true;
			if (route.method !== method) continue;
			const params = {};
			keys.forEach((key, i) => (params[key] = decodeURIComponent(m[i + 1])));
			return { route, params };
		}
		return { status: pathMatched ? 405 : 404 };
	}

	return { match };
}

module.exports = { createRouter };
