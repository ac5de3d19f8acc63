#!/usr/bin/env node
'use strict';
/**
 * `npm run test:e2e`: this package in a real n8n 2.41.1, end to end.
 *
 *  1. Node 24 + n8n from the shared cache (installed on first use, see scripts/lib/n8n-env.js)
 *  2. build, `npm pack`, install the tarball into a temporary N8N_USER_FOLDER as n8n does
 *  3. the IPPanel emulator in-process; import a credential and every examples/*.json
 *  4. `n8n execute` the examples listed in test/e2e/cases.js; check their output and the
 *     exact requests the emulator received
 *  4b. an AI Agent (OpenAI Chat Model on a scripted fake model) uses the IPPanel node as its
 *     tool (test/e2e/agent.js)
 *  5. `n8n start`: activate the auto-reply example and check the IPPanel Trigger's first poll
 *     (test/e2e/trigger.js); headless chromium drives the editor meanwhile (test/e2e/browser.js);
 *     then a message arrives and the next scheduled poll must reply to it exactly once
 *
 * Options: --no-browser (skip chromium), --no-server (skip 5 entirely), --keep (keep the
 * temporary folder), --screenshots or IPPANEL_E2E_SCREENSHOTS=1 (write the editor screenshots
 * to docs/images/ for the README; otherwise they go to the temporary folder).
 * Prints `e2e: N passed, N failed` last; exits 1 on any failure.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const crypto = require('crypto');
const env = require('./lib/n8n-env');
const { Results, runSuite, runCase, assert, withManualStart } = require('../test/e2e/harness');
const cases = require('../test/e2e/cases');
const { runBrowserChecks } = require('../test/e2e/browser');
const { activateTrigger, checkNextPoll } = require('../test/e2e/trigger');
const { runAgentChecks } = require('../test/e2e/agent');

const API_KEY = 'emulator-api-key';
const IPPANEL_CREDENTIAL = { id: 'ippanelE2eCred01', name: 'IPPanel (local emulator)' };
const LOGIN = { email: 'e2e@example.com', password: `E2e-${crypto.randomBytes(6).toString('hex')}-Pw1` };
const DOCS_IMAGES = path.join(env.paths.root, 'docs', 'images');
const MINUTE = 60 * 1000;

const { timed, summary: timingSummary } = env.phaseTimer();

/** Build, pack, install into the temp user folder; returns the installed package dir or undefined. */
async function installPackage(results, tmp, userFolder) {
	const tarball = await results.check(
		'setup: the package builds and packs',
		() => env.buildAndPack(path.join(tmp, 'pack')),
		MINUTE * 8,
	);
	if (!tarball) return undefined;
	return results.check('setup: the tarball installs into .n8n/nodes the way n8n does', async () => {
		const dir = await env.installTarball(tarball, userFolder);
		const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
		for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
			assert.ok(fs.existsSync(path.join(dir, file)), `${file} (declared in package.json "n8n") is not in the tarball`);
		}
		// Peer dependencies are never installed by n8n: the package must not need its own n8n-workflow.
		assert.ok(!fs.existsSync(path.join(dir, 'node_modules', 'n8n-workflow')), 'n8n-workflow was installed');
		return dir;
	}, MINUTE * 6);
}

/** Imports the credential and every example; returns the examples or undefined. */
async function importAll(results, n8nEnv, emulatorUrl, tmp) {
	const credential = env.ippanelCredential({
		...IPPANEL_CREDENTIAL,
		baseUrl: emulatorUrl,
		apiKey: API_KEY,
	});
	const examples = env.loadExamples(credential);
	const ok = await results.check(
		'n8n: import:credentials',
		() => env.importCredentials(n8nEnv, [credential], tmp),
		MINUTE * 4,
	);
	if (!ok) return undefined;
	const imported = await results.check(
		`n8n: import:workflow of ${examples.length} example(s)`,
		() => env.importWorkflows(n8nEnv, examples.map((e) => e.workflow), tmp),
		MINUTE * 4,
	);
	return imported ? examples : undefined;
}

async function runHeadless(results, n8nEnv, emulator, examples, tmp) {
	for (const testCase of cases) {
		const example = examples.find((e) => e.file === testCase.file);
		await results.check(`execute: ${testCase.file}`, async () => {
			assert.ok(example, `examples/${testCase.file} is missing`);
			let workflow = example.workflow;
			if (testCase.start) {
				// A schedule / polling trigger: run a copy that starts at a Manual Trigger.
				workflow = withManualStart(workflow, testCase.start);
				await env.importWorkflows(n8nEnv, [workflow], tmp);
			}
			await runCase(n8nEnv, emulator, workflow, testCase, API_KEY);
		}, MINUTE * 3);
	}
	const unchecked = examples.filter((e) => !cases.some((c) => c.file === e.file)).map((e) => e.file);
	if (unchecked.length) env.log(`imported but not executed (no row in test/e2e/cases.js): ${unchecked.join(', ')}`);
}

async function main() {
	const args = new Set(process.argv.slice(2));
	const screenshots = args.has('--screenshots') || process.env.IPPANEL_E2E_SCREENSHOTS === '1';
	const results = new Results('e2e');
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ippanel-e2e-'));
	const userFolder = path.join(tmp, 'user');
	let emulator;
	let server;
	try {
		const runtime = await timed('runtime', () =>
			results.check('setup: Node 24 + n8n ready', env.ensureRuntime, MINUTE * 40),
		);
		if (!runtime) return results;
		const packageDir = await timed('package', () => installPackage(results, tmp, userFolder));
		if (!packageDir) return results;

		const started = await results.check('setup: the emulator starts', () => env.startEmulator(0));
		if (!started) return results;
		emulator = started.emulator;

		const n8nEnv = env.n8nEnv({
			userFolder,
			encryptionKey: crypto.randomBytes(24).toString('hex'),
			port: await env.randomPort(),
			brokerPort: await env.randomPort(),
			owner: { ...LOGIN, passwordHash: env.hashPassword(LOGIN.password) },
			// `n8n execute` prints the failed run's JSON at info level only.
			logLevel: 'info',
			extra: { GENERIC_TIMEZONE: 'UTC' },
		});

		const examples = await timed('import', () => importAll(results, n8nEnv, started.baseUrl, tmp));
		if (!examples) return results;
		await timed('headless', () => runHeadless(results, n8nEnv, emulator, examples, tmp));
		await timed('agent', () =>
			runAgentChecks({ results, n8nEnv, emulator, ippanelCredential: IPPANEL_CREDENTIAL, apiKey: API_KEY, tmp }),
		);
		if (screenshots) env.log(`screenshots go to ${path.relative(env.paths.root, DOCS_IMAGES)}/`);

		if (args.has('--no-server')) return results;
		await timed('server', async () => {
			const logFile = path.join(tmp, 'n8n.log');
			server = await results.check(
				'n8n: start answers /healthz and serves the editor',
				() => env.startN8n(n8nEnv, { logFile }),
				MINUTE * 3,
			);
			if (!server) return;
			const live = { results, n8nUrl: server.url, login: LOGIN, emulator, examples };
			const started = await activateTrigger(live);
			if (!args.has('--no-browser')) {
				await runBrowserChecks({
					results,
					n8nUrl: server.url,
					login: LOGIN,
					emulator,
					screenshotsDir: screenshots ? DOCS_IMAGES : path.join(tmp, 'screenshots'),
					artifactsDir: tmp,
					packageDir,
					exampleWorkflows: examples,
				});
			}
			await checkNextPoll({ ...live, started });
		});
		return results;
	} finally {
		if (server) await server.stop();
		if (emulator) await emulator.stop();
		env.log(timingSummary());
		if (results.failed || args.has('--keep')) {
			env.log(`kept ${tmp} (n8n.log, user folder${screenshots ? '' : ', screenshots/'})`);
		}
		else fs.rmSync(tmp, { recursive: true, force: true });
	}
}

runSuite('e2e', main);
