#!/usr/bin/env node
'use strict';
/**
 * Part 5 of `npm run bench` on its own (no n8n install needed): Contact → Create or Update
 * syncing 10,000 customers into a phonebook of 10,000, through n8n-core in-process, against one
 * add per item. Build first (`npm run build`): the test harness loads dist/.
 *
 *   node scripts/bench-contacts.js [--json FILE]
 */
const fs = require('fs');
const os = require('os');
const path = require('path');

process.env.N8N_USER_FOLDER ??= fs.mkdtempSync(path.join(os.tmpdir(), 'ippanel-bench-contacts-'));

const { startEmulator } = require('./lib/bench-emulator');
const { benchContacts, contactsSection } = require('./lib/bench-contacts');
const { renderTable } = require('./lib/bench-table');
const stats = require('./lib/bench-stats');

async function main() {
	const args = process.argv.slice(2);
	const jsonAt = args.indexOf('--json');
	const emulator = await startEmulator(0);
	let result;
	try {
		result = { value: await benchContacts(emulator) };
	} catch (error) {
		result = { error: error.message };
		process.exitCode = 1;
	} finally {
		await emulator.stop();
	}
	console.log(renderTable([contactsSection(result, stats)]));
	if (jsonAt >= 0) fs.writeFileSync(args[jsonAt + 1], JSON.stringify(result, null, 2) + '\n');
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
