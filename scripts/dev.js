#!/usr/bin/env node
'use strict';
/**
 * `npm run dev`: a real n8n (2.41.1, on Node 24 from the npm registry) with this package
 * installed the way users get it, wired to the local IPPanel emulator.
 *
 *   npm run dev                          emulator on 8787, n8n on http://127.0.0.1:5678
 *   npm run dev -- --port 5700 --emulator-port 8790
 *   IPPANEL_API_KEY=... npm run dev      credential points at the real IPPanel instead
 *   npm run dev -- --real                (same; needs IPPANEL_API_KEY, optional IPPANEL_BASE_URL)
 *   npm run dev -- --delay 100           the emulator answers every request after 100 ms, a real
 *                                        round trip (or IPPANEL_EMULATOR_DELAY_MS=100 npm run dev)
 *
 * State (workflows you build, the login) lives in .n8n-dev/ and survives restarts; the
 * examples/*.json workflows are re-imported on every start. Ctrl-C stops everything.
 */
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { paths } = require('../dev/n8n/paths');
const { seconds } = require('../dev/n8n/clock');
const { log } = require('../dev/n8n/log');
const { ensureRuntime } = require('../dev/n8n/runtime');
const { portIsFree, randomPort } = require('../dev/n8n/ports');
const { buildAndPack, installTarball } = require('../dev/n8n/package');
const { hashPassword, importCredentials, importWorkflows, makeN8nEnv, startN8n } = require('../dev/n8n/cli');
const { ippanelCredential, loadExamples } = require('../dev/n8n/examples');
const { createEmulator } = require('../dev/emulator');

const DEV_FOLDER = path.join(paths.root, '.n8n-dev');
const OWNER_EMAIL = 'dev@example.com';
const CREDENTIAL_ID = 'ippanelDevCred01';
const REAL_BASE_URL = 'https://edge.ippanel.com/v1';

function parseArgs(argv) {
	const opts = { real: false, port: 5678, emulatorPort: 8787, delayMs: undefined };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--real') opts.real = true;
		else if (arg === '--port') opts.port = Number(argv[++i]);
		else if (arg === '--emulator-port') opts.emulatorPort = Number(argv[++i]);
		else if (arg === '--delay') {
			opts.delayMs = Number(argv[++i]);
			if (!Number.isFinite(opts.delayMs) || opts.delayMs < 0) throw new Error('--delay needs a number of milliseconds ≥ 0');
		}
		else if (arg === '--help' || arg === '-h') {
			const header = fs.readFileSync(__filename, 'utf8').split('/**')[1].split('*/')[0];
			console.log(header.replace(/^ \* ?/gm, '').trim());
			process.exit(0);
		} else throw new Error(`unknown argument: ${arg}`);
	}
	if (process.env.IPPANEL_API_KEY) opts.real = true;
	if (opts.real && !process.env.IPPANEL_API_KEY) {
		throw new Error('--real needs IPPANEL_API_KEY (and optionally IPPANEL_BASE_URL) in the environment');
	}
	return opts;
}

/** Login and encryption key are made once and kept, so browser sessions and data survive. */
function loadDevSecrets() {
	const file = path.join(DEV_FOLDER, 'dev-login.json');
	if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8'));
	const secrets = {
		email: OWNER_EMAIL,
		// n8n wants 8+ characters with a digit and an upper-case letter.
		password: `Dev-${crypto.randomBytes(6).toString('hex')}-Pw1`,
		encryptionKey: crypto.randomBytes(24).toString('hex'),
	};
	fs.mkdirSync(DEV_FOLDER, { recursive: true });
	fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
	return secrets;
}

async function startTarget(opts) {
	if (opts.real) {
		const baseUrl = process.env.IPPANEL_BASE_URL || REAL_BASE_URL;
		return { baseUrl, apiKey: process.env.IPPANEL_API_KEY, name: 'IPPanel', emulator: null };
	}
	// Without --delay the emulator takes IPPANEL_EMULATOR_DELAY_MS (default 0).
	const emulator = createEmulator(opts.delayMs === undefined ? {} : { delayMs: opts.delayMs });
	const baseUrl = await emulator.start(opts.emulatorPort);
	log(`IPPanel emulator at ${baseUrl}${emulator.delayMs ? `, answering after ${emulator.delayMs} ms` : ''}`);
	return { baseUrl, apiKey: 'emulator-api-key', name: 'IPPanel (local emulator)', emulator };
}

async function main() {
	const opts = parseArgs(process.argv.slice(2));
	const t0 = Date.now();
	if (!(await portIsFree(opts.port))) throw new Error(`port ${opts.port} is in use (try --port)`);
	if (!opts.real && !(await portIsFree(opts.emulatorPort))) {
		throw new Error(`port ${opts.emulatorPort} is in use (try --emulator-port)`);
	}

	const runtime = await ensureRuntime();
	const tarball = await buildAndPack(path.join(paths.cache, 'pack'));
	await installTarball(tarball, DEV_FOLDER);

	const secrets = loadDevSecrets();
	const n8nEnv = makeN8nEnv({
		userFolder: DEV_FOLDER,
		encryptionKey: secrets.encryptionKey,
		port: opts.port,
		brokerPort: await randomPort(),
		owner: { email: secrets.email, passwordHash: hashPassword(secrets.password) },
		logLevel: process.env.N8N_LOG_LEVEL || 'info',
	});

	const target = await startTarget(opts);
	const stopAll = stopper(target.emulator);
	try {
		const credential = ippanelCredential({
			id: CREDENTIAL_ID,
			name: target.name,
			baseUrl: target.baseUrl,
			apiKey: target.apiKey,
		});
		await importCredentials(n8nEnv, [credential], DEV_FOLDER);
		const examples = loadExamples(credential);
		if (examples.length) await importWorkflows(n8nEnv, examples.map((e) => e.workflow), DEV_FOLDER);
		log(`imported credential "${credential.name}" and ${examples.length} example workflow(s)`);

		const server = await startN8n(n8nEnv, { logFile: path.join(DEV_FOLDER, 'n8n.log'), echo: true });
		stopAll.server = server;
		printBanner(server.url, secrets, target, examples, runtime, t0);
		const { code, signal } = await server.exit;
		if (!stopAll.stopping) {
			log(`n8n exited by itself (${signal || code}); stopping`);
			await stopAll();
			process.exit(code || 1);
		}
	} catch (err) {
		await stopAll();
		throw err;
	}
}

/** One shutdown path for Ctrl-C, SIGTERM and errors; safe to call twice. */
function stopper(emulator) {
	const stopAll = async () => {
		if (stopAll.stopping) return stopAll.stopping;
		stopAll.stopping = (async () => {
			if (stopAll.server) await stopAll.server.stop();
			if (emulator) await emulator.stop();
		})();
		return stopAll.stopping;
	};
	for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.once(sig, async () => {
			log(`${sig}: stopping n8n and the emulator ...`);
			await stopAll();
			process.exit(0);
		});
	}
	return stopAll;
}

function printBanner(url, secrets, target, examples, runtime, t0) {
	const lines = [
		'',
		'='.repeat(64),
		` n8n is running:  ${url}`,
		` log in with:     ${secrets.email}`,
		`                  ${secrets.password}`,
		` credential:      "${target.name}" -> ${target.baseUrl}`,
		...examples.map((e, i) => `${i ? '                  ' : ' examples:        '}${e.workflow.name}`),
		target.emulator
			? ' emulator log:    GET ' + new URL('/__emulator/requests', target.baseUrl).href
			: ' not the emulator: executing a send workflow sends real, billed SMS',
		` started in ${seconds(Date.now() - t0)}` +
			(runtime.n8n.installed ? ` (n8n installed in ${seconds(runtime.n8n.ms)})` : ''),
		target.emulator ? ' Ctrl-C stops n8n and the emulator.' : ' Ctrl-C stops n8n.',
		'='.repeat(64),
		'',
	];
	console.log(lines.filter((l) => l !== '').join('\n'));
}

main().catch((err) => {
	console.error(`dev: ${err.message}`);
	process.exit(1);
});
