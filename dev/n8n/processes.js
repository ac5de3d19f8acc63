'use strict';
/**
 * Child processes of the real-n8n tooling. Each runs in its own process group, so that a
 * time limit or a stop can kill its grandchildren too (n8n's task runners, npm's scripts).
 * That also means Ctrl-C on the terminal does not reach them: every live group is killed
 * when this process exits, however it exits. Plus a lock between processes (two scripts
 * installing into the same cache folder at once).
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');
const { sleep, seconds } = require('./clock');
const { log } = require('./log');
const { paths } = require('./paths');

const liveGroups = new Set();
function track(child) {
	liveGroups.add(child.pid);
	child.on('exit', () => liveGroups.delete(child.pid));
}
process.on('exit', () => {
	for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
});
// A signal kills Node without the 'exit' event: turn it into an exit, unless the script
// has its own handler (dev.js stops n8n gracefully first).
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	process.on(sig, () => {
		if (process.listenerCount(sig) === 1) process.exit(128 + os.constants.signals[sig]);
	});
}

function killGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
	} catch {
		try {
			process.kill(pid, signal);
		} catch {
			/* already gone */
		}
	}
}

/**
 * Spawn a command and resolve with { code, stdout, stderr }. Rejects on a non-zero
 * exit unless opts.allowFail. opts.timeoutMs kills the process group when exceeded.
 * opts.echo streams output to this process's stdout/stderr as it arrives.
 */
function run(cmd, args, opts = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, {
			cwd: opts.cwd || paths.root,
			env: opts.env || process.env,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		track(child);
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => {
			stdout += d;
			if (opts.echo) process.stdout.write(d);
		});
		child.stderr.on('data', (d) => {
			stderr += d;
			if (opts.echo) process.stderr.write(d);
		});
		let timer;
		if (opts.timeoutMs) {
			timer = setTimeout(() => {
				killGroup(child.pid, 'SIGKILL');
				reject(new Error(`${cmd} ${args.join(' ')}: timed out after ${seconds(opts.timeoutMs)}`));
			}, opts.timeoutMs);
		}
		child.on('error', (err) => {
			clearTimeout(timer);
			reject(err);
		});
		child.on('close', (code) => {
			clearTimeout(timer);
			const res = { code, stdout, stderr };
			if (code !== 0 && !opts.allowFail) {
				const last = (stderr || stdout).split('\n').slice(-25).join('\n');
				const err = new Error(`${cmd} ${args.join(' ')} exited with ${code}\n${last}`);
				err.result = res;
				reject(err);
			} else resolve(res);
		});
	});
}

/**
 * Spawns a long-running process in its own process group (killed when this script exits), its
 * stdout and stderr written to logFile (and echoed with `echo`). `stop(graceMs)` sends SIGTERM,
 * SIGKILL after graceMs, and always SIGKILLs the group at the end: task runners and other
 * children live in it.
 */
function spawnGroup(cmd, args, { env: childEnv, cwd, logFile, echo = false, uid, gid, graceMs: defaultGraceMs = 15000 }) {
	fs.mkdirSync(path.dirname(logFile), { recursive: true });
	const out = fs.createWriteStream(logFile);
	const child = spawn(cmd, args, { env: childEnv, cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true, uid, gid });
	track(child);
	let exited = false;
	const exit = new Promise((resolve) =>
		child.on('exit', (code, signal) => {
			exited = true;
			resolve({ code, signal });
		}),
	);
	for (const stream of [child.stdout, child.stderr]) {
		stream.on('data', (d) => {
			out.write(d);
			if (echo) process.stdout.write(d);
		});
	}
	async function stop(graceMs = defaultGraceMs) {
		if (!exited) {
			killGroup(child.pid, 'SIGTERM');
			const timedOut = await Promise.race([exit.then(() => false), sleep(graceMs).then(() => true)]);
			if (timedOut) {
				killGroup(child.pid, 'SIGKILL');
				await Promise.race([exit, sleep(5000)]);
			}
		}
		killGroup(child.pid, 'SIGKILL');
		await new Promise((resolve) => out.end(resolve));
	}
	return { child, exit, alive: () => !exited, stop };
}

function pidAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (err) {
		return err.code === 'EPERM';
	}
}

/**
 * Runs fn holding the lock <cache>/<name>.lock, so that two scripts (dev + e2e) started together
 * do not install into the same folder at once. mkdir is atomic; a lock left by a dead process is
 * taken over. Waits for the other holder as long as it lives (an install has no time limit).
 */
async function withLock(name, fn) {
	fs.mkdirSync(paths.cache, { recursive: true });
	const lockDir = path.join(paths.cache, `${name}.lock`);
	const waitStarted = Date.now();
	let lastSaid = 0;
	for (;;) {
		try {
			fs.mkdirSync(lockDir);
			fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
			break;
		} catch (err) {
			if (err.code !== 'EEXIST') throw err;
			let owner = 0;
			try {
				owner = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8'));
			} catch {
				/* being written: the next round reads it */
			}
			// No pid after 10 s: its maker died between mkdir and writing the pid.
			const orphan = !owner && Date.now() - fs.statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs > 10000;
			if ((owner && !pidAlive(owner)) || orphan) {
				fs.rmSync(lockDir, { recursive: true, force: true });
				continue;
			}
			if (owner && Date.now() - lastSaid >= 20000) {
				log(`waiting for another install (pid ${owner}, ${name}) to finish: ${seconds(Date.now() - waitStarted)} so far`);
				lastSaid = Date.now();
			}
			await sleep(2000);
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(lockDir, { recursive: true, force: true });
	}
}

module.exports = { run, spawnGroup, withLock };
