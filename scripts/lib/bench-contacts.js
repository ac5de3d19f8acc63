'use strict';
/**
 * Part 5 of `npm run bench` (and scripts/bench-contacts.js): keeping a phonebook in step.
 * A phonebook holds 10,000 contacts; the input is 10,000 customers, of which 1,000 are new and
 * 100 have a changed name. Measured: Contact → Create or Update through n8n's real engine
 * in-process (the test harness), then the same input again; against one `add-list-new` per item
 * (what an HTTP Request node per item sends), timed as a bare sequential fetch loop, a lower
 * bound of the HTTP Request node's own time. Requests are counted at the emulator.
 */
const { requireProject } = require('./bench-ts');
const { hrMs } = require('./bench-stats');

const ADD = '/api/phonebooks/numbers/add-list-new';
const LIST = '/api/phonebooks/numbers/contact-list';
const PHONEBOOKS = '/api/phonebooks/list-new';
const UPDATE = /^\/api\/phonebooks\/numbers\/update-new\//;

const DAY = 24 * 60 * 60 * 1000;
const mobile = (i) => `+98912${String(i).padStart(7, '0')}`;

async function api(emulator, method, path, body) {
	const response = await fetch(`${emulator.baseUrl}${path}`, {
		method,
		headers: { Authorization: emulator.apiKey, 'Content-Type': 'application/json' },
		body: body ? JSON.stringify(body) : undefined,
	});
	const answer = await response.json();
	if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${JSON.stringify(answer.meta)}`);
	return answer.data;
}

/** A new phonebook holding contacts 0 … existing-1 (named "Customer i"). */
async function seedPhonebook(emulator, existing) {
	const book = await api(emulator, 'POST', '/api/phonebooks', { title: `Bench ${Date.now()}` });
	for (let start = 0; start < existing; start += 1000) {
		const list = [];
		for (let i = start; i < Math.min(existing, start + 1000); i++) list.push({ number: mobile(i), name: `Customer ${i}`, phonebook_id: String(book.id) });
		await api(emulator, 'POST', ADD, { list });
	}
	return String(book.id);
}

/** The input: `items` customers, the last `fresh` of them new, `changed` of the others renamed. */
function customers(bookId, { existing, items, fresh, changed }) {
	const rows = [];
	const kept = items - fresh;
	for (let i = 0; i < kept; i++) rows.push({ book: bookId, mobile: mobile(i), name: i < changed ? `Customer ${i} (renamed)` : `Customer ${i}` });
	for (let i = 0; i < fresh; i++) rows.push({ book: bookId, mobile: mobile(existing + i), name: `Customer ${existing + i}` });
	return rows;
}

async function counted(emulator) {
	const all = await emulator.requests();
	const by = (test) => all.filter((request) => test(request.path)).length;
	return {
		total: all.length,
		reads: by((path) => path === LIST || path === PHONEBOOKS),
		adds: by((path) => path === ADD),
		updates: by((path) => UPDATE.test(path)),
	};
}

async function runNodeOnce(emulator, rows) {
	const { apiKeyCredentials, runNode } = requireProject('test/harness/index.ts');
	await emulator.clearRequests();
	const started = process.hrtime.bigint();
	const result = await runNode({
		parameters: { resource: 'contact', operation: 'upsert', phonebookId: '={{ $json.book }}', mobile: '={{ $json.mobile }}', additionalFields: { name: '={{ $json.name }}' } },
		items: rows,
		credentials: apiKeyCredentials(emulator.baseUrl, emulator.apiKey),
	});
	const timeMs = hrMs(started);
	if (result.error) throw new Error(`Create or Update failed: ${result.error.message}`);
	const actions = {};
	for (const item of result.items) actions[item.json.action] = (actions[item.json.action] || 0) + 1;
	return { timeMs, actions, ...(await counted(emulator)) };
}

async function perItemAdds(emulator, rows) {
	await emulator.clearRequests();
	const started = process.hrtime.bigint();
	const outcome = { added: 0, existences: 0, errors: 0 };
	for (const row of rows) {
		const data = await api(emulator, 'POST', ADD, { list: [{ number: row.mobile, name: row.name, phonebook_id: row.book }] });
		for (const key of Object.keys(outcome)) outcome[key] += Number(data[key]) || 0;
	}
	const timeMs = hrMs(started);
	return { timeMs, outcome, ...(await counted(emulator)) };
}

async function benchContacts(emulator, config = { existing: 10000, items: 10000, fresh: 1000, changed: 100 }) {
	await emulator.reset();
	// The phonebook was filled a day before the sync (its contacts are not "just created").
	await emulator.control('POST', '/advance', { ms: -DAY });
	const nodeBook = await seedPhonebook(emulator, config.existing);
	await emulator.control('POST', '/advance', { ms: DAY });
	const rows = customers(nodeBook, config);
	const first = await runNodeOnce(emulator, rows);
	const second = await runNodeOnce(emulator, rows);
	if (second.adds || second.updates) throw new Error(`the second run wrote: ${second.adds} adds, ${second.updates} updates`);

	const httpBook = await seedPhonebook(emulator, config.existing);
	const httpRows = rows.map((row) => ({ ...row, book: httpBook }));
	const httpFirst = await perItemAdds(emulator, httpRows);
	const httpSecond = await perItemAdds(emulator, httpRows);
	return { config, node: { first, second }, http: { first: httpFirst, second: httpSecond } };
}

function contactsSection(r, { ms, count }) {
	const title = '5. Phonebook sync: 10,000 customers into a phonebook of 10,000 (1,000 new, 100 renamed); Contact → Create or Update (n8n-core in-process) vs one add per item';
	if (!r || r.error) return { title, error: r ? r.error : 'not run' };
	const { node, http } = r.value;
	const line = (label, a, b) => [label, a, b];
	return {
		title,
		header: ['', 'Create or Update: 1st run', 'same input again', 'one add per item: 1st run', 'again'],
		rows: [
			['requests (all)', count(node.first.total), count(node.second.total), count(http.first.total), count(http.second.total)],
			['  list reads', count(node.first.reads), count(node.second.reads), '0', '0'],
			['  add-list-new', count(node.first.adds), count(node.second.adds), count(http.first.adds), count(http.second.adds)],
			['  update-new', count(node.first.updates), count(node.second.updates), '0', '0'],
			line('time', ms(node.first.timeMs), ms(node.second.timeMs)).concat([ms(http.first.timeMs), ms(http.second.timeMs)]),
			[
				'result',
				Object.entries(node.first.actions).map(([k, v]) => `${v} ${k}`).join(', '),
				Object.entries(node.second.actions).map(([k, v]) => `${v} ${k}`).join(', '),
				`${http.first.outcome.added} added, ${http.first.outcome.existences} already there (renames lost)`,
				`${http.second.outcome.added} added, ${http.second.outcome.existences} already there`,
			],
		],
		notes: [
			'"One add per item" is what an HTTP Request node per item sends; it is timed here as a bare sequential fetch loop (a lower bound of that node\'s time), and it cannot update the 100 renamed contacts.',
			'Times are on loopback with no response delay: at a real round trip each request costs ~50–200 ms more, so the request counts are what scale.',
		],
	};
}

module.exports = { benchContacts, contactsSection };
