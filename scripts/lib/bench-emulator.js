'use strict';
/**
 * The IPPanel emulator (dev/emulator) for the benchmarks, in a child process of its own so
 * that its CPU and memory are never counted as the measured node's. Driven through its
 * /__emulator control endpoints.
 */
const path = require('path');
const { spawn } = require('child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const { CREDENTIALS } = require(path.join(ROOT, 'dev', 'emulator'));

const START_TIMEOUT_MS = 15000;

/**
 * Starts dev/emulator/cli.js on `port` (0 = any free port) and resolves with
 * { baseUrl, control(method, route, body), count(path), stop() }.
 */
function startEmulator(port = 0) {
	const child = spawn(process.execPath, [path.join(ROOT, 'dev', 'emulator', 'cli.js'), '--port', String(port)], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let exited = false;
	const exit = new Promise((resolve) => child.once('exit', () => resolve((exited = true))));
	const stop = async () => {
		if (!exited) child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
		await exit;
		clearTimeout(timer);
	};
	return new Promise((resolve, reject) => {
		let out = '';
		const timer = setTimeout(() => {
			stop();
			reject(new Error(`the emulator did not start in ${START_TIMEOUT_MS / 1000} s: ${out}`));
		}, START_TIMEOUT_MS);
		const collect = (chunk) => {
			out += chunk;
			const match = /listening on (\S+)/.exec(out);
			if (!match) return;
			clearTimeout(timer);
			resolve(emulatorHandle(match[1], child, stop));
		};
		child.stdout.on('data', collect);
		child.stderr.on('data', collect);
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`the emulator exited (${code}): ${out}`));
		});
	});
}

function emulatorHandle(baseUrl, child, stop) {
	const controlUrl = `${baseUrl.replace(/\/v1$/, '')}/__emulator`;
	async function control(method, route, body) {
		const response = await fetch(`${controlUrl}${route}`, {
			method,
			headers: { 'content-type': 'application/json' },
			body: body ? JSON.stringify(body) : undefined,
			signal: AbortSignal.timeout(30000),
		});
		const answer = await response.json();
		if (!answer.ok) throw new Error(`emulator ${method} ${route}: ${answer.error}`);
		return answer;
	}
	return {
		baseUrl,
		pid: child.pid,
		apiKey: CREDENTIALS.apiKey,
		control,
		/** Seed data, clock, faults and request log back to the start (also clears the 40 s duplicate-send guard). */
		reset: () => control('POST', '/reset'),
		clearRequests: () => control('POST', '/clear-requests'),
		/** Requests logged since the last reset / clear, all of them or those to one path (without /v1). */
		async count(apiPath) {
			if (!apiPath) return (await control('GET', '/state')).state.requests;
			return (await control('GET', `/requests?path=${encodeURIComponent(apiPath)}`)).requests.length;
		},
		/** The logged requests (bodies included), optionally to one path. */
		async requests(apiPath) {
			const route = apiPath ? `/requests?path=${encodeURIComponent(apiPath)}` : '/requests';
			return (await control('GET', route)).requests;
		},
		stop,
	};
}

module.exports = { startEmulator, CREDENTIALS };
