'use strict';
/**
 * Debian's chromium driven by playwright-core (no browser download: that fails on
 * these machines). playwright-core lives in the n8n cache folder, not in package.json.
 */
const fs = require('fs');
const path = require('path');
const env = require('../../scripts/lib/n8n-env');

const CHROMIUM = '/usr/bin/chromium';

// Without the background-networking flags chromium keeps dialing Google hosts that the
// closed network refuses (see the machine notes).
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage',
];

async function launchBrowser() {
	await env.ensureDebianPackages([{ name: 'chromium', probe: () => fs.existsSync(CHROMIUM) }]);
	const executablePath = CHROMIUM;
	const modDir = await env.ensureTool(env.PLAYWRIGHT_SPEC, 'playwright-core');
	const { chromium } = require(modDir);
	const userDataDir = fs.mkdtempSync(path.join(require('os').tmpdir(), 'ippanel-chromium-'));
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath,
		headless: true,
		args: CHROMIUM_ARGS,
		viewport: { width: 1440, height: 900 },
		timeout: 60000,
	});
	return {
		context,
		async close() {
			await context.close().catch(() => {});
			fs.rmSync(userDataDir, { recursive: true, force: true });
		},
	};
}

module.exports = { launchBrowser };
