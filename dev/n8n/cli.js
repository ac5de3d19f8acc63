'use strict';
/**
 * n8n's command line on Node 24: the environment of a private user folder, `n8n import:*`,
 * `n8n execute`, and `n8n start` until its editor answers.
 */
const fs = require('fs');
const path = require('path');
const { paths } = require('./paths');
const { node24Env, requireFromN8n } = require('./runtime');
const { run, spawnGroup } = require('./processes');
const { log, tail } = require('./log');
const { sleep, seconds } = require('./clock');

/** bcrypt hash for N8N_INSTANCE_OWNER_PASSWORD_HASH, with the bcryptjs n8n itself ships. */
function hashPassword(password) {
	return requireFromN8n('bcryptjs').hashSync(password, 10);
}

/**
 * The environment for every n8n process of one user folder: Node 24, private user
 * folder, nothing phoning home, loopback only, owner set without the setup screen.
 */
function makeN8nEnv({ userFolder, encryptionKey, port, brokerPort, owner, logLevel = 'warn', extra = {} }) {
	const env = node24Env({
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: encryptionKey,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_DISABLED_MODULES: 'mcp-registry',
		N8N_HOST: '127.0.0.1',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_SECURE_COOKIE: 'false',
		N8N_LOG_LEVEL: logLevel,
		// Community packages are loaded from .n8n/nodes; never fetch them from the registry.
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		...extra,
	});
	if (port) {
		env.N8N_PORT = String(port);
		env.N8N_EDITOR_BASE_URL = `http://127.0.0.1:${port}/`;
	}
	// Task-runner broker: a server and a CLI command of the same folder, or dev and e2e
	// at once, would otherwise both want the default 5679.
	if (brokerPort) env.N8N_RUNNERS_BROKER_PORT = String(brokerPort);
	if (owner) {
		env.N8N_INSTANCE_OWNER_MANAGED_BY_ENV = 'true';
		env.N8N_INSTANCE_OWNER_EMAIL = owner.email;
		env.N8N_INSTANCE_OWNER_PASSWORD_HASH = owner.passwordHash;
		env.N8N_INSTANCE_OWNER_FIRST_NAME = owner.firstName || 'Dev';
		env.N8N_INSTANCE_OWNER_LAST_NAME = owner.lastName || 'User';
	}
	return env;
}

/** Runs `n8n <args>` with Node 24. */
function n8nCli(args, env, opts = {}) {
	return run(paths.nodeExe, [paths.n8nBin, ...args], {
		env,
		cwd: env.N8N_USER_FOLDER,
		timeoutMs: opts.timeoutMs || 3 * 60 * 1000,
		allowFail: opts.allowFail,
	});
}

async function importJson(kind, env, data, tmpDir) {
	fs.mkdirSync(tmpDir, { recursive: true });
	const file = path.join(tmpDir, `import-${kind}-${process.pid}-${Date.now()}.json`);
	fs.writeFileSync(file, JSON.stringify(data, null, 2));
	try {
		return await n8nCli([`import:${kind}`, `--input=${file}`], env);
	} finally {
		fs.rmSync(file, { force: true });
	}
}

const importCredentials = (env, credentials, tmpDir) => importJson('credentials', env, credentials, tmpDir);
const importWorkflows = (env, workflows, tmpDir) => importJson('workflow', env, workflows, tmpDir);

/**
 * `n8n execute --rawOutput` prints logs first, then the run JSON. Returns the JSON
 * starting at the first line beginning with `{`, or null.
 */
function parseRunOutput(stdout) {
	const lines = stdout.split('\n');
	const first = lines.findIndex((line) => line.startsWith('{'));
	if (first < 0) return null;
	// Log lines printed after the JSON (shutdown messages) are dropped one by one.
	for (let last = lines.length; last > first; last--) {
		try {
			return JSON.parse(lines.slice(first, last).join('\n'));
		} catch {
			/* try a shorter slice */
		}
	}
	return null;
}

/** `n8n execute --id=<workflowId> --rawOutput`: { code, stdout, stderr, run } (run: the parsed run JSON or null). */
async function executeWorkflow(env, workflowId, timeoutMs = 2 * 60 * 1000) {
	const res = await n8nCli(['execute', `--id=${workflowId}`, '--rawOutput'], env, { allowFail: true, timeoutMs });
	return { ...res, run: parseRunOutput(res.stdout) };
}

/**
 * The content of one binary property of an execution's output (as `n8n execute` prints it):
 * inline base64, or the file n8n's default filesystem mode wrote under the user folder.
 */
function readBinaryData(env, binary) {
	const match = /^filesystem(?:-v2)?:(.+)$/.exec(binary.id || '');
	if (!match) return Buffer.from(binary.data, 'base64');
	const storage = env.N8N_BINARY_DATA_STORAGE_PATH || path.join(env.N8N_USER_FOLDER, '.n8n', 'storage');
	return fs.readFileSync(path.join(storage, match[1]));
}

/** Polls url until it answers 200 or the deadline passes (or `alive()` turns false). */
async function waitForHttp(url, { timeoutMs, alive = () => true }) {
	const deadline = Date.now() + timeoutMs;
	let lastError = 'no answer';
	while (Date.now() < deadline) {
		if (!alive()) throw new Error(`process exited while waiting for ${url}`);
		try {
			const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
			if (res.ok) return;
			lastError = `HTTP ${res.status}`;
		} catch (err) {
			lastError = err.cause ? err.cause.code || err.cause.message : err.message;
		}
		await sleep(500);
	}
	throw new Error(`${url} not ready after ${seconds(timeoutMs)} (${lastError})`);
}

/**
 * Starts `n8n start` in its own process group, logging to logFile (and to the console
 * when echo), and resolves once /healthz and the editor answer. Returns { url, child, exit, stop() }.
 */
async function startN8n(env, { logFile, echo = false, timeoutMs = 2 * 60 * 1000 }) {
	const port = env.N8N_PORT || '5678';
	const url = `http://127.0.0.1:${port}`;
	const { child, exit, alive, stop } = spawnGroup(paths.nodeExe, [paths.n8nBin, 'start'], { env, cwd: env.N8N_USER_FOLDER, logFile, echo });
	const started = Date.now();
	try {
		await waitForHttp(`${url}/healthz`, { timeoutMs, alive });
		// /healthz answers before the editor's routes are mounted ("Cannot GET /signin").
		await waitForHttp(`${url}/signin`, { timeoutMs: timeoutMs - (Date.now() - started), alive });
	} catch (err) {
		await stop(3000);
		throw new Error(`n8n did not start: ${err.message}\n--- ${logFile} ---\n${tail(logFile)}`);
	}
	log(`n8n ready at ${url} in ${seconds(Date.now() - started)}`);
	return { url, child, exit, stop };
}

module.exports = { hashPassword, makeN8nEnv, n8nCli, importCredentials, importWorkflows, executeWorkflow, readBinaryData, waitForHttp, startN8n };
