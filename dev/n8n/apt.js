'use strict';
/** Debian packages the real-n8n suites need (Redis, PostgreSQL, chromium), installed when missing. */
const { run } = require('./processes');
const { log, progress } = require('./log');

/**
 * apt-get install the packages ({ name, probe() }) whose probe fails, one `apt-get update`
 * first. Needs root. No time limit; progress lines while it runs. Returns { installed: [names] }.
 */
async function ensureDebianPackages(packages) {
	const missing = packages.filter((p) => !p.probe());
	if (!missing.length) return { installed: [] };
	if (typeof process.getuid === 'function' && process.getuid() !== 0) {
		throw new Error(`missing ${missing.map((p) => p.name).join(', ')}; install them (apt-get) or run as root`);
	}
	const names = missing.map((p) => p.name);
	const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const p = progress(`apt-get install ${names.join(' ')}`);
	try {
		await run('apt-get', ['update'], { env: aptEnv });
		await run('apt-get', ['install', '-y', '--no-install-recommends', ...names], { env: aptEnv });
	} catch (err) {
		p.fail();
		throw err;
	}
	p.done();
	for (const pkg of missing) if (!pkg.probe()) throw new Error(`apt-get installed ${pkg.name}, but it is still not found`);
	log(`installed ${names.join(', ')}`);
	return { installed: names };
}

module.exports = { ensureDebianPackages };
