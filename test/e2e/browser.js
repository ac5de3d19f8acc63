'use strict';
/**
 * The n8n editor as a user sees it, driven in headless chromium: log in, add the
 * IPPanel node to a new workflow, check its actions / resources / operations against
 * the node description n8n serves, open the sender-number dropdown (loadOptions
 * through n8n to the emulator), execute the node, open an example and the IPPanel
 * Trigger's "Fetch Test Event", take screenshots (for the docs with --screenshots).
 */
const fs = require('fs');
const path = require('path');
const { launchBrowser } = require('./chromium');
const { assert, apiCalls, waitForRequest } = require('./harness');
const { PACKAGE_NAME } = require('../../dev/n8n/paths');

const NODE_TYPE = `${PACKAGE_NAME}.ippanel`;
const TRIGGER_TYPE = `${PACKAGE_NAME}.ippanelTrigger`;
const SENDER = '+983000505';
const UI_SEND = { recipients: '09121112233', message: 'Sent from the n8n editor (e2e)' };
const TIMEOUT = 30000;
const CUSTOM_API_CALL = '__CUSTOM_API_CALL__';

const byTestId = (id) => `[data-test-id="${id}"]`;

/** Resources and operations from the description n8n serves: [{ resource, operation, label }]. */
function actionsOf(description) {
	const resourceProp = description.properties.find((p) => p.name === 'resource');
	const actions = [];
	for (const resource of resourceProp.options) {
		const operationProp = description.properties.find(
			(p) => p.name === 'operation' && (p.displayOptions?.show?.resource || []).includes(resource.value),
		);
		for (const op of operationProp ? operationProp.options : []) {
			// n8n adds "Custom API Call" to each Operation dropdown (the credential works in the HTTP
			// Request node); the node creator does not list it as an action.
			if (op.value === CUSTOM_API_CALL) continue;
			actions.push({ resource, operation: op, label: op.action || op.name });
		}
	}
	return actions;
}

/**
 * Node types the installed package declares, by this package's naming (its public type names):
 * dist/nodes/Ippanel/Ippanel.node.js -> ippanel, IppanelTrigger.node.js -> ippanelTrigger.
 */
function declaredTypes(packageDir) {
	const { n8n } = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
	return n8n.nodes.map((file) => {
		const base = path.basename(file, '.node.js');
		return `${PACKAGE_NAME}.${base[0].toLowerCase()}${base.slice(1)}`;
	});
}

/** Checks n8n loaded every declared node type; returns { type: newest description }. */
async function servedDescriptions(page, n8nUrl, packageDir) {
	const res = await page.request.get(`${n8nUrl}/types/nodes.json`);
	assert.strictEqual(res.status(), 200, '/types/nodes.json');
	const newest = {};
	const top = (d) => Math.max(...[].concat(d.version));
	for (const d of await res.json()) {
		if (!newest[d.name] || top(d) > top(newest[d.name])) newest[d.name] = d;
	}
	const missing = declaredTypes(packageDir).filter((t) => !newest[t]);
	assert.deepStrictEqual(missing, [], 'declared node types n8n did not load');
	assert.ok(newest[NODE_TYPE], `${NODE_TYPE} is not among the node types n8n loaded`);
	return newest;
}

/** Trigger events as the node creator lists them ("On inbound message"), from the `event` options. */
function triggerEvents(description) {
	const event = description && description.properties.find((p) => p.name === 'event');
	return event ? event.options.filter((o) => o.value !== CUSTOM_API_CALL).map((o) => o.action || o.name) : [];
}

/**
 * Waits until every text shows in the element (case-insensitive) and returns those that
 * never did. The node creator renders lists of more than 20 entries 5 per animation frame
 * (ItemsRenderer's lazy render): on a busy machine the last sections arrive well after the
 * first ones are visible, so one snapshot of the panel is a race (it failed CI once).
 */
async function waitForTexts(locator, texts, timeoutMs = TIMEOUT) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const shown = (await locator.innerText()).toLowerCase();
		const missing = texts.filter((t) => !shown.includes(t.toLowerCase()));
		if (!missing.length || Date.now() > deadline) return missing;
		// Bring the end of the list into view, in case the rest renders on scroll.
		await locator.locator(byTestId('node-creator-item-name')).last().scrollIntoViewIfNeeded().catch(() => {});
		await new Promise((r) => setTimeout(r, 250));
	}
}

/** Opens a dropdown parameter and returns the headlines of its visible options. */
async function dropdownOptions(page, parameterName) {
	await page.locator(byTestId(`parameter-input-${parameterName}`)).click();
	const items = page.locator(`${byTestId('parameter-input-item')}:visible`);
	await items.first().waitFor({ timeout: TIMEOUT });
	// Options may still be arriving: read until two reads 300 ms apart agree.
	let texts = await items.allInnerTexts();
	for (let settled = false, n = 0; !settled && n < 20; n++) {
		await new Promise((r) => setTimeout(r, 300));
		const again = await items.allInnerTexts();
		settled = again.join('\n') === texts.join('\n');
		texts = again;
	}
	return texts.map((t) => t.split('\n')[0].trim());
}

async function chooseOption(page, text) {
	await page.locator(`${byTestId('parameter-input-item')}:visible`, { hasText: text }).first().click();
}

async function closeDropdown(page) {
	await page.keyboard.press('Escape');
	await page.waitForTimeout(300);
}

async function fillParameter(page, name, value) {
	const field = page.locator(byTestId(`parameter-input-${name}`)).locator('input, textarea').first();
	await field.fill(value);
	await field.blur();
}

async function runBrowserChecks(opts) {
	const { results, n8nUrl, login, emulator, screenshotsDir, artifactsDir, packageDir, exampleWorkflows } = opts;
	fs.mkdirSync(screenshotsDir, { recursive: true });
	const shot = (page, name) => page.screenshot({ path: path.join(screenshotsDir, name) });

	const browser = await results.check('browser: chromium + playwright-core start', launchBrowser, 3 * 60 * 1000);
	if (!browser) return;
	try {
		const page = await browser.context.newPage();
		page.setDefaultTimeout(TIMEOUT);
		// A failed check leaves a screenshot of the page as it was, next to n8n.log.
		let failures = 0;
		const check = (name, fn) =>
			results.check(name, async () => {
				try {
					return await fn();
				} catch (err) {
					const file = path.join(artifactsDir, `failure-${++failures}.png`);
					await page.screenshot({ path: file }).catch(() => {});
					err.message += `\n(screenshot: ${file}, page ${page.url()})`;
					throw err;
				}
			});

		const loggedIn = await check('editor: owner logs in', async () => {
			await page.goto(`${n8nUrl}/signin`);
			await page.fill('#emailOrLdapLoginId', login.email);
			await page.fill('#password', login.password);
			await page.click(byTestId('form-submit-button'));
			await page.waitForURL((u) => !u.pathname.includes('signin'), { timeout: TIMEOUT });
			return true;
		});
		if (!loggedIn) return;

		const served = await check('editor: n8n serves every node type the package declares', () =>
			servedDescriptions(page, n8nUrl, packageDir),
		);
		if (!served) return;
		const description = served[NODE_TYPE];
		const events = triggerEvents(served[TRIGGER_TYPE]);
		const actions = actionsOf(description);
		const webservice = actions.find((a) => a.resource.value === 'send' && a.operation.value === 'webservice');

		const listed = await check('editor: node creator lists every IPPanel action and trigger event', async () => {
			await page.goto(`${n8nUrl}/workflow/new`);
			await page.locator(byTestId('canvas-add-button')).click({ timeout: 60000 });
			await page.keyboard.type(description.displayName);
			// With the trigger installed, n8n shows one "IPPanel" entry for both nodes.
			await page.locator(byTestId('node-creator-item-name'), { hasText: description.displayName }).first().click();
			const panel = page.locator(byTestId('node-creator'));
			const firstAction = panel.getByText(actions[0].label, { exact: true }).first();
			// On an empty workflow the trigger events come first and the actions are collapsed.
			await panel.getByText(/^Actions \(\d+\)$/).first().waitFor();
			if (!(await firstAction.isVisible())) await panel.getByText(/^Actions \(\d+\)$/).first().click();
			await firstAction.waitFor();
			const missing = await waitForTexts(panel, actions.map((a) => a.label));
			const missingEvents = await waitForTexts(panel, events);
			await panel.locator(byTestId('node-creator-item-name')).first().scrollIntoViewIfNeeded();
			await shot(page, 'n8n-node-actions.png');
			assert.deepStrictEqual(missing, [], `actions missing from the node creator (of ${actions.length})`);
			assert.deepStrictEqual(missingEvents, [], 'trigger events missing from the node creator');
			return true;
		});
		if (!listed) return;

		const opened = await check('editor: choosing "send to numbers" opens the node', async () => {
			assert.ok(webservice, 'the description has no send / webservice operation');
			// The editor loads the dropdowns as soon as the node opens: log from here on.
			emulator.clearRequests();
			await page.locator(byTestId('node-creator-item-name'), { hasText: webservice.label }).first().click();
			await page.locator(byTestId('ndv')).waitFor();
			await page.locator(byTestId('parameter-input-fromNumber')).waitFor();
			return true;
		});
		if (!opened) return;

		await check('editor: resource and operation dropdowns list the description', async () => {
			const resources = await dropdownOptions(page, 'resource');
			await closeDropdown(page);
			assert.deepStrictEqual(resources, description.properties.find((p) => p.name === 'resource').options.map((o) => o.name));
			const operations = await dropdownOptions(page, 'operation');
			await closeDropdown(page);
			// n8n ends the list with "Custom API Call": the ippanelApi credential works in the HTTP Request node.
			const expected = [...actions.filter((a) => a.resource.value === 'send').map((a) => a.operation.name), 'Custom API Call'];
			assert.deepStrictEqual(operations, expected);
		});

		await check('editor: sender-number dropdown is filled from the emulator', async () => {
			const options = await dropdownOptions(page, 'fromNumber');
			await shot(page, 'n8n-sender-dropdown.png');
			await chooseOption(page, SENDER);
			const calls = apiCalls(emulator.requests);
			assert.ok(
				calls.some((c) => c.method === 'GET' && c.path === '/api/number/numbers'),
				`loadOptions did not reach the emulator: ${JSON.stringify(calls)}`,
			);
			const numbers = emulator.state.numbers.map((n) => n.number);
			assert.strictEqual(options.length, numbers.length, `options ${JSON.stringify(options)}`);
			for (const number of numbers) assert.ok(options.some((o) => o.startsWith(number)), `${number} not offered`);
		});

		await check('editor: executing the node sends through the emulator', async () => {
			await fillParameter(page, 'recipients', UI_SEND.recipients);
			await fillParameter(page, 'message', UI_SEND.message);
			emulator.clearRequests();
			await page.locator(byTestId('node-execute-button')).first().click();
			const isSend = (r) => r.method === 'POST' && r.path === '/api/send';
			// The editor may refresh dropdowns (GETs) meanwhile: compare the sends only.
			const sends = (await waitForRequest(emulator, isSend, TIMEOUT)).filter(isSend);
			assert.deepStrictEqual(sends, [
				{
					method: 'POST',
					path: '/api/send',
					body: {
						sending_type: 'webservice',
						from_number: SENDER,
						message: UI_SEND.message,
						params: { recipients: ['+989121112233'] },
					},
				},
			]);
			const output = page.locator(byTestId('output-panel'));
			await output.getByText('message_outbox_id', { exact: false }).first().waitFor();
			await shot(page, 'n8n-node-executed.png');
		});

		const example = exampleWorkflows.find((w) => w.file === 'send-otp-pattern.json') || exampleWorkflows[0];
		if (example) {
			await check(`editor: example ${example.file} opens on the canvas`, async () => {
				await page.goto(`${n8nUrl}/workflow/${example.workflow.id}`);
				const nodes = page.locator(byTestId('canvas-node'));
				await nodes.nth(example.workflow.nodes.length - 1).waitFor();
				await page.waitForTimeout(500); // let the fit-to-view animation settle
				await shot(page, `n8n-example-${path.basename(example.file, '.json')}.png`);
			});
		}

		const autoReply = exampleWorkflows.find((w) => w.file === 'inbound-auto-reply.json');
		if (autoReply) {
			await check('editor: the trigger\'s "Fetch Test Event" shows the newest inbound message', async () => {
				await page.goto(`${n8nUrl}/workflow/${autoReply.workflow.id}`);
				const trigger = page.locator(byTestId('canvas-node'), { hasText: 'IPPanel Trigger' }).first();
				await trigger.dblclick();
				await page.locator(byTestId('ndv')).waitFor();
				emulator.clearRequests();
				const newest = emulator.state.inbox[emulator.state.inbox.length - 1];
				await page.locator(byTestId('node-execute-button'), { hasText: 'Fetch Test Event' }).first().click();
				// Manual mode reads the newest messages and leaves the cursor alone; the active
				// workflow may poll meanwhile (with from_id), so only the unfiltered read counts.
				const isSample = (r) => r.path === '/api/report/messages-inbox' && !(r.body.filters || {}).from_id;
				const samples = (await waitForRequest(emulator, isSample, TIMEOUT)).filter(isSample);
				assert.deepStrictEqual(samples, [
					{ method: 'POST', path: '/api/report/messages-inbox', body: { page: 1, per_page: 100, filters: {} } },
				]);
				const output = page.locator(byTestId('output-panel'));
				await output.getByText(newest.message, { exact: false }).first().waitFor();
				await page.waitForTimeout(800); // let the "Node executed successfully" toast slide in
				await shot(page, 'n8n-trigger-fetch-test-event.png');
			});
		}
	} finally {
		await browser.close();
	}
}

module.exports = { runBrowserChecks };
