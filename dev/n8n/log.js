'use strict';
/** What the real-n8n tooling prints: `[n8n-env]` lines, progress of long steps, log tails. */
const fs = require('fs');
const { execFile } = require('child_process');
const { seconds } = require('./clock');

function log(msg) {
	process.stdout.write(`[n8n-env] ${msg}\n`);
}

/** Megabytes under dir (du), or null: shows that a long install is moving. */
function sizeMb(dir) {
	if (!dir || !fs.existsSync(dir)) return Promise.resolve(null);
	return new Promise((resolve) =>
		execFile('du', ['-sm', dir], { timeout: 10000 }, (err, stdout) => {
			const mb = err ? NaN : parseInt(stdout, 10);
			resolve(Number.isFinite(mb) ? mb : null);
		}),
	);
}

/**
 * Prints "<phase> ..." now, then the elapsed time (and the size of watchDir) every `everyMs`
 * until done() or fail(): a long install shows it is moving, a hung one shows it is not.
 */
function progress(phase, watchDir, everyMs = 20000) {
	const started = Date.now();
	log(`${phase} ...`);
	let stopped = false;
	const timer = setInterval(async () => {
		const elapsed = seconds(Date.now() - started);
		const mb = await sizeMb(watchDir);
		if (stopped) return;
		log(`${phase}: ${elapsed} elapsed${mb === null ? '' : `, ${mb} MB on disk`}`);
	}, everyMs);
	timer.unref();
	const stop = () => {
		stopped = true;
		clearInterval(timer);
	};
	return {
		done() {
			stop();
			const ms = Date.now() - started;
			log(`${phase}: done in ${seconds(ms)}`);
			return ms;
		},
		fail() {
			stop();
			log(`${phase}: failed after ${seconds(Date.now() - started)}`);
		},
	};
}

/** The last lines of a log file ('' when it does not exist). */
function tail(file, lines = 40) {
	let text = '';
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch {
		/* no log yet */
	}
	return text.split('\n').slice(-lines).join('\n');
}

module.exports = { log, progress, tail };
