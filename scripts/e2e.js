#!/usr/bin/env node
'use strict';
/**
 * `npm run test:e2e`: this package in a real n8n 2.41.1, end to end.
 *
 *  1. Node 24 + n8n from the shared cache (installed on first use, see dev/n8n/runtime.js)
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
const { paths } = require('../dev/n8n/paths');
const { phaseTimer } = require('../dev/n8n/clock');
const { log } = require('../dev/n8n/log');
const { ensureRuntime } = require('../dev/n8n/runtime');
const { ensureProjectDeps } = require('../dev/n8n/package');
const { randomPort } = require('../dev/n8n/ports');
const { buildAndPack, installTarball } = require('../dev/n8n/package');
const { hashPassword, importCredentials, importWorkflows, makeN8nEnv, startN8n } = require('../dev/n8n/cli');
const { ippanelCredential, loadExamples } = require('../dev/n8n/examples');
const { createEmulator } = require('../dev/emulator');
const { Results, runSuite, runCase, assert, withManualStart } = require('../test/e2e/harness');
const cases = require('../test/e2e/cases');
const { runBrowserChecks } = require('../test/e2e/browser');
const { prepareBrowser } = require('../test/e2e/chromium');
const { activateTrigger, checkNextPoll } = require('../test/e2e/trigger');
const { runAgentChecks } = require('../test/e2e/agent');
const { checkCustomApiCall, checkCredentialServed } = require('../test/e2e/custom-api-call');

const API_KEY = 'emulator-api-key';
const IPPANEL_CREDENTIAL = { id: 'ippanelE2eCred01', name: 'IPPanel (local emulator)' };
const LOGIN = { email: 'e2e@example.com', password: `E2e-${crypto.randomBytes(6).toString('hex')}-Pw1` };
const DOCS_IMAGES = path.join(paths.root, 'docs', 'images');
const MINUTE = 60 * 1000;

const { timed, summary: timingSummary } = phaseTimer();

/** Build, pack, install into the temp user folder; returns the installed package dir or undefined. */
async function installPackage(results, tmp, userFolder) {
	const tarball = await results.check(
		'setup: the package builds and packs',
		() => buildAndPack(path.join(tmp, 'pack')),
		MINUTE * 8,
	);
	if (!tarball) return undefined;
	return results.check('setup: the tarball installs into .n8n/nodes the way n8n does', async () => {
		const dir = await installTarball(tarball, userFolder);
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
	const credential = ippanelCredential({
		...IPPANEL_CREDENTIAL,
		baseUrl: emulatorUrl,
		apiKey: API_KEY,
	});
	const examples = loadExamples(credential);
	const ok = await results.check(
		'n8n: import:credentials',
		() => importCredentials(n8nEnv, [credential], tmp),
		MINUTE * 4,
	);
	if (!ok) return undefined;
	const imported = await results.check(
		`n8n: import:workflow of ${examples.length} example(s)`,
		() => importWorkflows(n8nEnv, examples.map((e) => e.workflow), tmp),
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
				await importWorkflows(n8nEnv, [workflow], tmp);
			}
			await runCase(n8nEnv, emulator, workflow, testCase, API_KEY);
		}, MINUTE * 3);
	}
	await results.check('every example workflow is executed (has a row in test/e2e/cases.js)', async () => {
		const unchecked = examples.filter((e) => !cases.some((c) => c.file === e.file)).map((e) => e.file);
		assert.deepStrictEqual(unchecked, [], `imported but not executed: ${unchecked.join(', ')}`);
	}, MINUTE);
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
		// Installs first (a fresh clone: the project's dependencies, Node 24 + n8n, chromium), without
		// a time limit and with progress lines; the timed checks start after them.
		const browser = !args.has('--no-server') && !args.has('--no-browser');
		const runtime = await timed('runtime', () =>
			results.check(`setup: project dependencies, Node 24 + n8n${browser ? ', chromium' : ''} installed`, async () => {
				await ensureProjectDeps();
				const ready = await ensureRuntime();
				if (browser) await prepareBrowser();
				return ready;
			}, null),
		);
		if (!runtime) return results;
		const packageDir = await timed('package', () => installPackage(results, tmp, userFolder));
		if (!packageDir) return results;

		emulator = createEmulator({});
		const emulatorUrl = await results.check('setup: the emulator starts', () => emulator.start(0));
		if (!emulatorUrl) return results;

		const n8nEnv = makeN8nEnv({
			userFolder,
			encryptionKey: crypto.randomBytes(24).toString('hex'),
			port: await randomPort(),
			brokerPort: await randomPort(),
			owner: { ...LOGIN, passwordHash: hashPassword(LOGIN.password) },
			// `n8n execute` prints the failed run's JSON at info level only.
			logLevel: 'info',
			extra: { GENERIC_TIMEZONE: 'UTC' },
		});

		const examples = await timed('import', () => importAll(results, n8nEnv, emulatorUrl, tmp));
		if (!examples) return results;
		await timed('headless', () => runHeadless(results, n8nEnv, emulator, examples, tmp));
		await timed('agent', () =>
			runAgentChecks({ results, n8nEnv, emulator, ippanelCredential: IPPANEL_CREDENTIAL, apiKey: API_KEY, tmp }),
		);
		await timed('custom API call', () =>
			checkCustomApiCall({
				results, n8nEnv, emulator, baseUrl: emulatorUrl, apiKey: API_KEY, tmp,
				apiKeyCredential: IPPANEL_CREDENTIAL,
			}),
		);
		if (screenshots) log(`screenshots go to ${path.relative(paths.root, DOCS_IMAGES)}/`);

		if (args.has('--no-server')) return results;
		await timed('server', async () => {
			const logFile = path.join(tmp, 'n8n.log');
			server = await results.check(
				'n8n: start answers /healthz and serves the editor',
				() => startN8n(n8nEnv, { logFile }),
				MINUTE * 3,
			);
			if (!server) return;
			await checkCredentialServed({ results, n8nUrl: server.url, login: LOGIN });
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
		log(timingSummary());
		if (results.failed || args.has('--keep')) {
			log(`kept ${tmp} (n8n.log, user folder${screenshots ? '' : ', screenshots/'})`);
		}
		else fs.rmSync(tmp, { recursive: true, force: true });
	}
}

runSuite('e2e', main);
