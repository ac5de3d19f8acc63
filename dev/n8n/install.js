'use strict';
/**
 * Installs into the cache, once: a folder is ready when its `.complete` marker exists (written
 * only after a successful install); otherwise it is emptied and installed again, under a lock
 * (processes.js) so that two scripts never install into it at once. npm runs without a time
 * limit of its own (a first n8n install takes minutes on a busy machine) and prints a progress
 * line every 20 s meanwhile.
 */
const fs = require('fs');
const path = require('path');
const { run, withLock } = require('./processes');
const { progress } = require('./log');

const MARKER = '.complete';

/** `npm <args>` in cwd, with progress lines ("<phase>: 40.0 s elapsed, 812 MB on disk"). Returns the ms it took. */
async function npm(args, { cwd, env, phase, watchDir }) {
	const p = progress(phase, watchDir);
	try {
		await run('npm', args, { cwd, env });
	} catch (err) {
		p.fail();
		throw err;
	}
	return p.done();
}

/**
 * Makes `dir` by `install(dir)` (an empty dir is given; write files, run npm) unless its marker
 * exists. Returns { installed, ms }. The marker holds `info` and the time it was written.
 */
async function installOnce(dir, lockName, install, info = {}, ready = () => true) {
	const done = () => fs.existsSync(path.join(dir, MARKER)) && ready();
	if (done()) return { installed: false, ms: 0 };
	return withLock(lockName, async () => {
		if (done()) return { installed: false, ms: 0 };
		const started = Date.now();
		// An interrupted install may leave half-extracted packages: start over.
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(dir, { recursive: true });
		const extra = await install(dir);
		fs.writeFileSync(path.join(dir, MARKER), JSON.stringify({ ...info, ...extra, finishedAt: new Date().toISOString() }, null, 2) + '\n');
		return { installed: true, ms: Date.now() - started };
	});
}

module.exports = { npm, installOnce };
