'use strict';
/**
 * Debian's chromium driven by playwright-core (no browser download: that fails on
 * these machines). playwright-core lives in the n8n cache folder, not in package.json.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { ensureDebianPackages } = require('../../dev/n8n/apt');
const { ensureTool } = require('../../dev/n8n/runtime');

const CHROMIUM = '/usr/bin/chromium';
const PLAYWRIGHT_SPEC = 'playwright-core@1';

// Without the background-networking flags chromium keeps dialing Google hosts, which a closed
// network refuses (slowly).
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

/** Installs chromium (apt-get) and playwright-core when missing; no time limit. Returns playwright-core's folder. */
async function prepareBrowser() {
	await ensureDebianPackages([{ name: 'chromium', probe: () => fs.existsSync(CHROMIUM) }]);
	return ensureTool(PLAYWRIGHT_SPEC, 'playwright-core');
}

async function launchBrowser() {
	const { chromium } = require(await prepareBrowser());
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ippanel-chromium-'));
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath: CHROMIUM,
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

module.exports = { prepareBrowser, launchBrowser };
