#!/usr/bin/env node
'use strict';
/**
 * `npm run test:versions`: the n8n versions this package supports (test/versions/matrix.js).
 *
 *  1. the declared peer range is the one the matrix proves, and the compiled package uses
 *     nothing of n8n-workflow that the oldest supported n8n-workflow lacks;
 *  2. below the floor (n8n-workflow 1.82.0) loading the nodes fails — the floor is real;
 *  3. engine harness (test/versions/engine-run.js) on the oldest supported n8n's n8n-core +
 *     n8n-workflow (n8n itself cannot be installed here) and on the newest: a send, a 2,500-row
 *     export, three trigger polls, against the in-process emulator, with exact checks;
 *  4. the newest n8n that installs here (2.41.1), for real: the packed tarball installed as n8n
 *     does, the credential and the webservice-send example imported, `n8n execute`, and the exact
 *     request the emulator received (the row of test/e2e/cases.js).
 *
 * Engine folders are cached in .cache/versions/. Ports: n8n 5690–5699, emulator 8790–8799.
 * Options: --no-n8n (skip 4), --probe-installs (also re-check, with `npm install --dry-run`,
 * that the versions in matrix.probes still cannot be installed here; ~1–5 min each), --keep.
 * Prints `versions: N passed, N failed`.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const crypto = require('crypto');
const { spawn } = require('child_process');
const { createRequire } = require('module');
const { PACKAGE_NAME, paths } = require('../dev/n8n/paths');
const { seconds } = require('../dev/n8n/clock');
const { log } = require('../dev/n8n/log');
const { run } = require('../dev/n8n/processes');
const { ensureRuntime } = require('../dev/n8n/runtime');
const { freePort } = require('../dev/n8n/ports');
const { npm, installOnce } = require('../dev/n8n/install');
const { buildAndPack, ensureProjectDeps, installTarball, unpackTarball } = require('../dev/n8n/package');
const { importCredentials, importWorkflows, makeN8nEnv } = require('../dev/n8n/cli');
const { ippanelCredential, loadExamples } = require('../dev/n8n/examples');
const matrix = require('../test/versions/matrix');
const { Results, runSuite, runCase, assert, apiCalls } = require('../test/e2e/harness');
const cases = require('../test/e2e/cases');
const { createEmulator } = require('../dev/emulator');

const MINUTE = 60 * 1000;
const VERSIONS_CACHE = path.join(paths.cache, 'versions');
const ENGINE_RUN = path.join(paths.root, 'test', 'versions', 'engine-run.js');
const EXPORT_ROWS = 2500;

/** The folders of .cache/versions: name → exactly these packages. */
const engineDeps = (spec) => ({ 'n8n-core': spec['n8n-core'], 'n8n-workflow': spec['n8n-workflow'], '@n8n/di': spec['@n8n/di'] });
const FOLDERS = {
	[`workflow-${matrix.oldest['n8n-workflow']}`]: { 'n8n-workflow': matrix.oldest['n8n-workflow'] },
	[`workflow-${matrix.belowFloor['n8n-workflow']}`]: { 'n8n-workflow': matrix.belowFloor['n8n-workflow'] },
	[`engine-n8n-${matrix.oldest.n8n}`]: engineDeps(matrix.oldest),
	[`engine-n8n-${matrix.newest.n8n}`]: engineDeps(matrix.newest),
};

/** A folder of .cache/versions (FOLDERS), npm-installed once (no time limit, progress lines), then reused. */
async function ensureFolder(name) {
	const dir = path.join(VERSIONS_CACHE, name);
	const dependencies = FOLDERS[name];
	const specs = Object.entries(dependencies).map(([k, v]) => `${k}@${v}`).join(' ');
	await installOnce(dir, `versions-${name}`, async () => {
		fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: `ippanel-versions-${name}`, private: true, dependencies }, null, 2) + '\n');
		// --ignore-scripts: native optional pieces (isolated-vm, ssh2's cpu-features) do not build on Node 20 and are not needed.
		await npm(['install', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: dir, phase: `installing ${specs} into ${dir}`, watchDir: dir });
	});
	return dir;
}

/** Unpacks the tarball into <dir>/node_modules/<package>, where `n8n-workflow` resolves to dir's. */
function placePackage(tarball, dir) {
	return unpackTarball(tarball, path.join(dir, 'node_modules', PACKAGE_NAME));
}

function runChild(args, extraEnv, timeoutMs = 3 * MINUTE) {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [ENGINE_RUN, ...args], { env: { ...process.env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		let err = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (err += d));
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.on('close', (code) => {
			clearTimeout(timer);
			const last = out.trim().split('\n').pop();
			try {
				resolve(JSON.parse(last));
			} catch {
				reject(new Error(`engine-run exited ${code} without a result\n${(err || out).slice(-2000)}`));
			}
		});
	});
}

/** Names the compiled package reads from n8n-workflow (`n8n_workflow_1.X` in dist/). */
function workflowNamesUsed(packageDir) {
	const names = new Set();
	const walk = (dir) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const file = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(file);
			else if (file.endsWith('.js')) for (const m of fs.readFileSync(file, 'utf8').matchAll(/n8n_workflow_\d+\.(\w+)/g)) names.add(m[1]);
		}
	};
	walk(path.join(packageDir, 'dist'));
	return [...names].sort();
}

async function engineChecks(results, label, spec, tarball, emulator, baseUrl) {
	const dir = await ensureFolder(`engine-n8n-${spec.n8n}`);
	await results.check(`${label}: the compiled nodes load and run a send, a ${EXPORT_ROWS}-row export and three trigger polls`, async () => {
		const packageDir = await placePackage(tarball, dir);
		emulator.reset();
		const bulkId = emulator.seedBulk({ recipients: EXPORT_ROWS });
		const res = await runChild([dir, packageDir, baseUrl], { ENGINE_BULK_ID: String(bulkId) });
		assert.ok(!res.fatal && !res.loadError, res.fatal || res.loadError);
		assert.deepStrictEqual(res.versions, { 'n8n-workflow': spec['n8n-workflow'], 'n8n-core': spec['n8n-core'] }, 'engine versions');
		assert.deepStrictEqual(
			res.loaded,
			{ nodes: [`${PACKAGE_NAME}.ippanel`, `${PACKAGE_NAME}.ippanelTrigger`], credentials: ['ippanelApi'], sameWorkflowLib: true },
			'loaded',
		);
		const sends = emulator.requests.filter((r) => r.path === '/api/send');
		assert.deepStrictEqual(
			apiCalls(sends),
			[{ method: 'POST', path: '/api/send', body: { sending_type: 'webservice', from_number: '+983000505', message: 'Engine check', params: { recipients: ['+989121234567'] } } }],
			'send request',
		);
		assert.ok(!res.runs.send.error, res.runs.send.error && res.runs.send.error.message);
		const outbox = emulator.state.outbox[emulator.state.outbox.length - 1].id;
		assert.deepStrictEqual(
			res.runs.send.items.map((i) => [i.sending_type, i.recipients_count, i.message_outbox_id]),
			[['webservice', 1, outbox]],
			'send output',
		);
		assert.deepStrictEqual(res.runs.export, { rows: EXPORT_ROWS, distinct: EXPORT_ROWS }, 'export rows');
		const added = res.runs.trigger.added && res.runs.trigger.added.messages.map((m) => m.messages_inbox_id);
		assert.ok(!res.runs.trigger.error, res.runs.trigger.error && res.runs.trigger.error.message);
		assert.deepStrictEqual(res.runs.trigger.polls, [null, added, null], 'trigger polls: cursor only, the two new messages, nothing');
		for (const r of emulator.requests) assert.strictEqual(r.headers.authorization, 'emulator-api-key', `Authorization on ${r.path}`);
	}, 4 * MINUTE);
}

async function realN8nCheck(results, tarball, emulator, baseUrl, tmp) {
	await results.check(`n8n ${matrix.newest.n8n}: the tarball installed as n8n does, the webservice-send example executes (exact request)`, async () => {
		const installed = JSON.parse(fs.readFileSync(path.join(paths.n8nDir, 'node_modules', 'n8n', 'package.json'), 'utf8')).version;
		assert.strictEqual(installed, matrix.newest.n8n, 'cached n8n version');
		const userFolder = path.join(tmp, 'user');
		await installTarball(tarball, userFolder);
		const taken = new Set();
		const pick = () => freePort(5690, 5699, taken);
		const n8nEnv = makeN8nEnv({
			userFolder,
			encryptionKey: crypto.randomBytes(24).toString('hex'),
			port: await pick(),
			brokerPort: await pick(),
			logLevel: 'info',
			extra: { GENERIC_TIMEZONE: 'UTC' },
		});
		const credential = ippanelCredential({ id: 'ippanelVersions1', name: 'IPPanel (emulator)', baseUrl, apiKey: 'emulator-api-key' });
		const testCase = cases.find((c) => c.file === 'send-webservice.json');
		const example = loadExamples(credential).find((e) => e.file === testCase.file);
		assert.ok(example, `examples/${testCase.file} is missing`);
		await importCredentials(n8nEnv, [credential], tmp);
		await importWorkflows(n8nEnv, [example.workflow], tmp);
		// The same checks as scripts/e2e.js makes for this example.
		await runCase(n8nEnv, emulator, example.workflow, testCase, 'emulator-api-key');
	}, 6 * MINUTE);
}

/** `npm install --dry-run n8n@<version>` in an empty folder: resolves the whole tree, installs nothing. */
async function probeInstall(results, version, tmp) {
	await results.check(`probe: n8n@${version} still cannot be installed here`, async () => {
		const dir = path.join(tmp, `probe-${version}`);
		fs.mkdirSync(dir, { recursive: true });
		fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'probe', private: true }));
		const res = await run('npm', ['install', '--dry-run', '--no-audit', '--no-fund', `n8n@${version}`], {
			cwd: dir,
			allowFail: true,
			timeoutMs: 10 * MINUTE,
		});
		const reason = (res.stdout + res.stderr).split('\n').find((l) => /npm error (notarget|network request)/.test(l));
		assert.notStrictEqual(res.code, 0, `n8n@${version} installs now: move the matrix (test/versions/matrix.js)`);
		log(`n8n@${version}: ${reason || 'failed'}`);
	}, 11 * MINUTE);
}

async function main() {
	const t0 = Date.now();
	const results = new Results('versions');
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ippanel-versions-'));
	let emulator;
	try {
		// Installs first (the project's dependencies, the engine folders, Node 24 + n8n), without a
		// time limit and with progress lines; the timed checks start after them.
		const realN8n = !process.argv.includes('--no-n8n');
		const installed = await results.check(
			`setup: installed ${Object.keys(FOLDERS).join(', ')}${realN8n ? `, Node 24 + n8n ${matrix.newest.n8n}` : ''}`,
			async () => {
				await ensureProjectDeps();
				for (const name of Object.keys(FOLDERS)) await ensureFolder(name);
				if (realN8n) await ensureRuntime();
				return true;
			},
			null,
		);
		if (!installed) return results;
		const tarball = await results.check('setup: the package builds and packs', () => buildAndPack(path.join(tmp, 'pack')), 8 * MINUTE);
		if (!tarball) return results;
		const packed = await unpackTarball(tarball, path.join(tmp, 'packed'));

		// n8n's scanner (rule valid-peer-dependencies) only accepts "*" as the peer range, so the
		// supported range is declared in the README, which must state the one the matrix proves.
		await results.check(`peer range: the README declares n8n-workflow "${matrix.peerRange}", package.json "*"`, async () => {
			const pkg = JSON.parse(fs.readFileSync(path.join(packed, 'package.json'), 'utf8'));
			assert.deepStrictEqual(pkg.peerDependencies, { 'n8n-workflow': '*' });
			const readme = fs.readFileSync(path.join(packed, 'README.md'), 'utf8');
			assert.ok(readme.includes(`**${matrix.peerRange}**`), `README.md does not state n8n-workflow ${matrix.peerRange}`);
		});

		const floor = await results.check(`peer range: n8n-workflow@${matrix.oldest['n8n-workflow']} exports every name the compiled package uses`, async () => {
			const dir = await ensureFolder(`workflow-${matrix.oldest['n8n-workflow']}`);
			const lib = createRequire(path.join(dir, 'package.json'))('n8n-workflow');
			const used = workflowNamesUsed(packed);
			assert.ok(used.includes('NodeConnectionTypes') && used.length >= 5, `scan of dist/ found only ${used.join(', ')}`);
			assert.deepStrictEqual(used.filter((n) => !(n in lib)), [], 'missing in the oldest supported n8n-workflow');
			return used;
		}, 5 * MINUTE);
		if (floor) log(`n8n-workflow names used by dist/: ${floor.join(', ')}`);

		await results.check(`peer range: below the floor (n8n-workflow@${matrix.belowFloor['n8n-workflow']}, n8n ${matrix.belowFloor.n8n}) the nodes do not load`, async () => {
			const dir = await ensureFolder(`workflow-${matrix.belowFloor['n8n-workflow']}`);
			const packageDir = await placePackage(tarball, dir);
			const res = await runChild([dir, packageDir, '-', '--load-only'], {});
			assert.match(String(res.loadError), /reading 'Main'/, `expected NodeConnectionTypes to be missing, got ${JSON.stringify(res)}`);
		}, 5 * MINUTE);

		emulator = createEmulator({ credit: 1e9 });
		const baseUrl = await emulator.start(await freePort(8790, 8799));

		await engineChecks(results, `engine, oldest supported (n8n ${matrix.oldest.n8n})`, matrix.oldest, tarball, emulator, baseUrl);
		await engineChecks(results, `engine, newest (n8n ${matrix.newest.n8n})`, matrix.newest, tarball, emulator, baseUrl);
		if (realN8n) await realN8nCheck(results, tarball, emulator, baseUrl, tmp);
		if (process.argv.includes('--probe-installs')) for (const version of matrix.probes) await probeInstall(results, version, tmp);
		return results;
	} finally {
		if (emulator) await emulator.stop();
		log(`total ${seconds(Date.now() - t0)}`);
		if (results.failed || process.argv.includes('--keep')) log(`kept ${tmp}`);
		else fs.rmSync(tmp, { recursive: true, force: true });
	}
}

runSuite('versions', main);
