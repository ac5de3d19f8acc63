'use strict';
/**
 * Part 5 of `npm run bench`: a real round trip. The emulator answers every API request after
 * 100 ms (as IPPanel does from a user's n8n, give or take), and in a real n8n 2.41.1
 * (`n8n execute`):
 *
 *   - 200 pattern sends (one request per recipient, IPPanel's rule): the IPPanel node (default
 *     Concurrency) against n8n's HTTP Request node posting the same bodies, one item each;
 *   - a 100-page export (Report → Get Inbox, Return All: 10,000 messages, 100 a page): the node
 *     (default Concurrency) against the node with Concurrency 1 and against a bare sequential
 *     `fetch` loop over the same pages (run from this process). The inbox rather than a bulk's
 *     recipients (1,000 a page): `n8n execute` prints every output item, and 100,000 of them
 *     would cost more to print and parse than the pages cost to read.
 *
 * Figures: each sender node's `executionTime` from the run data (what the node costs, n8n's boot
 * left out) and the requests the emulator logged. Targets: the pattern sends within 2× of the
 * HTTP Request node; the export at most a quarter of the sequential loop.
 */
const { importWorkflows, n8nCli } = require('../../dev/n8n/cli');
const { hrMs, median, ms, ratio, count } = require('./bench-stats');
const { chain } = require('./bench-workflows');

const MINUTE = 60 * 1000;
const FROM = '+983000505';
const PATTERN = 'otp-login';
/** n8n workflow ids are 16 characters. */
const IDS = {
	patternIppanel: 'benchLatPattIpp1',
	patternHttp: 'benchLatPattHttp',
	exportNode: 'benchLatExpConc1',
	exportOneByOne: 'benchLatExpSeq01',
};

function node(name, type, typeVersion, parameters, extra = {}) {
	return { id: `bench-latency-${name.toLowerCase().replace(/\W+/g, '-')}`, name, type, typeVersion, parameters, ...extra };
}

const start = () => node('Start', 'n8n-nodes-base.manualTrigger', 1, {});

/** Set + Split Out (both in n8n's process, no task runner): `count` items `{ phone, code }`. */
function otpItems(count, series) {
	const list = `Array.from({ length: ${count} }, (_, i) => ({ phone: '+98${series}' + String(i).padStart(7, '0'), code: String(100000 + i) }))`;
	return [
		node('Numbers', 'n8n-nodes-base.set', 3.4, { mode: 'raw', jsonOutput: `={{ { otp: ${list} } }}`, options: {} }),
		node('Items', 'n8n-nodes-base.splitOut', 1, { fieldToSplitOut: 'otp', include: 'noOtherFields', options: {} }),
	];
}

const ippanel = (name, parameters, credential) =>
	node(name, 'n8n-nodes-ippanel-edge.ippanel', 1, parameters, { credentials: { ippanelApi: { id: credential.id, name: credential.name } } });

function patternWorkflow(id, kind, count, target) {
	const sender =
		kind === 'ippanel'
			? ippanel(
					'Send',
					{
						resource: 'send',
						operation: 'pattern',
						fromNumber: FROM,
						patternCode: PATTERN,
						recipients: '={{ $json.phone }}',
						patternVariables: { variable: [{ name: 'code', value: '={{ $json.code }}' }] },
						additionalFields: {},
					},
					target.credential,
				)
			: node('Send', 'n8n-nodes-base.httpRequest', 4.2, {
					method: 'POST',
					url: `${target.baseUrl}/api/send`,
					sendHeaders: true,
					headerParameters: { parameters: [{ name: 'Authorization', value: target.apiKey }] },
					sendBody: true,
					specifyBody: 'json',
					jsonBody: `={{ JSON.stringify({ sending_type: 'pattern', from_number: '${FROM}', code: '${PATTERN}', recipients: [$json.phone], params: { code: $json.code } }) }}`,
					options: {},
				});
	return chain(id, `bench: ${count} pattern sends at a round trip, ${kind}`, [start(), ...otpItems(count, kind === 'ippanel' ? '912' : '913'), sender]);
}

function exportWorkflow(id, options, target) {
	const exporter = ippanel('Export', { resource: 'report', operation: 'inbox', returnAll: true, options }, target.credential);
	return chain(id, `bench: 100-page export at a round trip${options.concurrency ? `, concurrency ${options.concurrency}` : ''}`, [start(), exporter]);
}

/** Resets the emulator, fills the inbox to `messages`, and sets the round trip. */
async function prepare(emulator, { messages, delayMs }) {
	await emulator.reset();
	const seeded = (await emulator.control('GET', '/state')).state.inbox;
	await emulator.control('POST', '/inbound', { count: messages - seeded });
	await emulator.control('POST', '/delay', { ms: delayMs });
}

/**
 * Imports this part's workflows into the n8n set up for parts 1–2 (whose setup imported the
 * IPPanel credential `benchIppanelCred`, pointing at the emulator).
 */
async function setupLatency(n8nEnv, emulator, tmp, { items }) {
	const target = {
		credential: { id: 'benchIppanelCred', name: 'IPPanel (bench emulator)' },
		baseUrl: emulator.baseUrl,
		apiKey: emulator.apiKey,
	};
	await importWorkflows(
		n8nEnv,
		[
			patternWorkflow(IDS.patternIppanel, 'ippanel', items, target),
			patternWorkflow(IDS.patternHttp, 'http', items, target),
			exportWorkflow(IDS.exportNode, {}, target),
			exportWorkflow(IDS.exportOneByOne, { concurrency: 1 }, target),
		],
		tmp,
	);
}

function runError(res) {
	const resultData = res.run && res.run.data && res.run.data.resultData;
	const error = resultData && resultData.error;
	if (error) return `${resultData.lastNodeExecuted || 'workflow'}: ${error.message}`;
	return `n8n execute exited ${res.code}: ${(res.stderr || res.stdout).trim().split('\n').slice(-5).join(' | ')}`;
}

/**
 * The run JSON `n8n execute --rawOutput` prints: from the first line that opens it to the last
 * line that closes it, parsed once. (Trying shorter and shorter slices, as for small outputs,
 * takes hours on the 10,000 items of the export when a log line lands inside the JSON.)
 */
function parseRun(stdout) {
	const lines = stdout.split('\n');
	const first = lines.findIndex((line) => line.startsWith('{'));
	let last = lines.length - 1;
	while (last > first && lines[last] !== '}') last--;
	if (first < 0 || last <= first) return null;
	try {
		return JSON.parse(lines.slice(first, last + 1).join('\n'));
	} catch {
		return null;
	}
}

/** One `n8n execute` at the round trip: the node's executionTime, its output count, the requests. */
async function execute(n8nEnv, emulator, workflowId, nodeName, config) {
	await prepare(emulator, config);
	const cli = await n8nCli(['execute', `--id=${workflowId}`, '--rawOutput'], n8nEnv, { allowFail: true, timeoutMs: 5 * MINUTE });
	const res = { ...cli, run: parseRun(cli.stdout) };
	if (!res.run || res.run.status !== 'success') throw new Error(runError(res));
	const tasks = res.run.data.resultData.runData[nodeName] || [];
	const task = tasks[tasks.length - 1];
	if (!task) throw new Error(`${workflowId}: node "${nodeName}" did not run`);
	const output = (task.data && task.data.main && task.data.main[0]) || [];
	return { nodeMs: task.executionTime, items: output.length, output, requests: await emulator.count() };
}

/** The floor of a read: one page after another with fetch, from this process. */
async function sequentialFetch(emulator, config) {
	await prepare(emulator, config);
	const started = process.hrtime.bigint();
	let rows = 0;
	for (let page = 1; ; page++) {
		const response = await fetch(`${emulator.baseUrl}/api/report/messages-inbox`, {
			method: 'POST',
			headers: { Authorization: emulator.apiKey, Accept: 'application/json', 'Content-Type': 'application/json' },
			body: JSON.stringify({ page, per_page: 100, filters: {} }),
		});
		const { data, meta } = await response.json();
		rows += data.length;
		if (!data.length || page >= meta.last_page) break;
	}
	return { wallMs: hrMs(started), items: rows, requests: await emulator.count() };
}

/** Runs every measurement `runs` times, alternating the order. Returns medians. */
async function benchLatency(n8nEnv, emulator, { items, messages, delayMs, runs }) {
	const config = { messages, delayMs };
	const samples = { ippanel: [], http: [], exportNode: [], exportOneByOne: [], fetchLoop: [] };
	const checkSends = (kind, result) => {
		const answered = result.output.filter((item) => item.json && (item.json.message_outbox_id || (item.json.data && item.json.data.message_outbox_ids)));
		if (answered.length !== items) throw new Error(`${kind}: ${answered.length} of ${items} items with an outbox id`);
	};
	for (let run = 0; run < runs; run++) {
		for (const kind of run % 2 ? ['ippanel', 'http'] : ['http', 'ippanel']) {
			const result = await execute(n8nEnv, emulator, kind === 'ippanel' ? IDS.patternIppanel : IDS.patternHttp, 'Send', config);
			checkSends(kind, result);
			samples[kind].push({ nodeMs: result.nodeMs, requests: result.requests });
		}
		for (const kind of ['exportNode', 'exportOneByOne']) {
			const result = await execute(n8nEnv, emulator, IDS[kind], 'Export', config);
			if (result.items !== messages) throw new Error(`${kind}: ${result.items} rows for ${messages} messages`);
			samples[kind].push({ nodeMs: result.nodeMs, requests: result.requests });
		}
		const loop = await sequentialFetch(emulator, config);
		if (loop.items !== messages) throw new Error(`fetch loop: ${loop.items} rows for ${messages} messages`);
		samples.fetchLoop.push({ nodeMs: loop.wallMs, requests: loop.requests });
	}
	await emulator.control('POST', '/delay', { ms: 0 });
	const summary = (list) => ({ ms: median(list.map((s) => s.nodeMs)), requests: Math.max(...list.map((s) => s.requests)), runs: list.length });
	const result = Object.fromEntries(Object.entries(samples).map(([kind, list]) => [kind, summary(list)]));
	return { items, messages, delayMs, ...result };
}

/** The table section of this part. */
function latencySection(r, { items, messages, delayMs, runs }) {
	const pages = messages / 100;
	const title = `5. At a ${delayMs} ms round trip: node executionTime in real n8n (the loop: its wall time), median of ${runs} runs; targets: sends ≤ 2× HTTP Request, export ≤ 0.25× the loop`;
	if (!r || r.error) return { title, error: r ? r.error : 'not run' };
	const v = r.value;
	return {
		title,
		header: ['', 'time', 'requests', 'compared'],
		rows: [
			[`${count(items)} pattern sends: IPPanel node (default Concurrency)`, ms(v.ippanel.ms), count(v.ippanel.requests), `${ratio(v.ippanel.ms, v.http.ms)} HTTP Request`],
			[`${count(items)} pattern sends: HTTP Request node`, ms(v.http.ms), count(v.http.requests), ''],
			[`${pages}-page inbox export: IPPanel node (default Concurrency)`, ms(v.exportNode.ms), count(v.exportNode.requests), `${ratio(v.exportNode.ms, v.fetchLoop.ms)} the loop`],
			[`${pages}-page inbox export: IPPanel node, Concurrency 1`, ms(v.exportOneByOne.ms), count(v.exportOneByOne.requests), `${ratio(v.exportOneByOne.ms, v.fetchLoop.ms)} the loop`],
			[`${pages}-page inbox export: sequential fetch loop`, ms(v.fetchLoop.ms), count(v.fetchLoop.requests), ''],
		],
		notes: ['The HTTP Request node sends its items all at once; the IPPanel node keeps Concurrency requests in flight (default 50).'],
	};
}

module.exports = { setupLatency, benchLatency, latencySection };
