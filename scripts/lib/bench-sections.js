'use strict';
/** Turns the results of the four benchmark parts into the sections of the printed table. */
const { ms, mb, ratio, count } = require('./bench-stats');

function bulkSection(r, { items, runs }) {
	const title = `1. ${count(items)} input items, same text: IPPanel node (Batch Input Items on) vs HTTP Request node, real n8n (median of ${runs} runs each)`;
	if (!r || r.error) return { title, error: r ? r.error : 'not run' };
	const { ippanel: a, http: b } = r.value;
	return {
		title,
		header: ['', 'IPPanel node', 'HTTP Request', 'IPPanel ÷ HTTP'],
		rows: [
			['requests at the emulator (POST /api/send)', count(a.sends), count(b.sends), ratio(a.sends, b.sends)],
			['sender node executionTime (run data)', ms(a.nodeMs), ms(b.nodeMs), ratio(a.nodeMs, b.nodeMs)],
			['workflow time (startedAt → stoppedAt)', ms(a.workflowMs), ms(b.workflowMs), ratio(a.workflowMs, b.workflowMs)],
			['`n8n execute` wall time (includes n8n boot)', ms(a.wallMs), ms(b.wallMs), ratio(a.wallMs, b.wallMs)],
		],
		notes: [
			'The HTTP Request node fires its 1,000 requests concurrently (n8n 2.41 default: no batching option set).',
		],
	};
}

function perItemSection(r, { rounds, runs, singleRuns }) {
	const samples = (rounds - 1) * runs;
	const title = `2. 1 item, one SMS: per-item overhead (node executionTime from run data, ${samples} executions of each node; target ≤ 1.1×)`;
	if (!r || r.error) return { title, error: r ? r.error : 'not run' };
	const { ippanel: a, http: b, httpCred: c, single } = r.value;
	return {
		title,
		header: ['', 'IPPanel node', 'HTTP Request (header)', 'HTTP Request (Header Auth cred.)', 'IPPanel ÷ HTTP', 'IPPanel ÷ HTTP cred.'],
		rows: [
			['median executionTime', ms(a.median), ms(b.median), ms(c.median), ratio(a.median, b.median), ratio(a.median, c.median)],
			['mean executionTime', ms(a.mean), ms(b.mean), ms(c.mean), ratio(a.mean, b.mean), ratio(a.mean, c.mean)],
			['p90 executionTime', ms(a.p90), ms(b.p90), ms(c.p90), ratio(a.p90, b.p90), ratio(a.p90, c.p90)],
			['first node of its kind in the run (warm-up, median)', ms(r.value.warmup.ippanel), ms(r.value.warmup.http), ms(r.value.warmup.httpCred), '', ''],
			[`one-SMS workflow, workflow time (median of ${singleRuns})`, ms(single.ippanel.workflowMs), ms(single.http.workflowMs), '', ratio(single.ippanel.workflowMs, single.http.workflowMs), ''],
			[`one-SMS workflow, \`n8n execute\` wall (median of ${singleRuns})`, ms(single.ippanel.wallMs), ms(single.http.wallMs), '', ratio(single.ippanel.wallMs, single.http.wallMs), ''],
		],
		notes: [
			'executionTime is whole milliseconds: the mean is the steadier figure at this size.',
			'"Header Auth cred." = the HTTP Request node reading the key from an n8n credential, as the IPPanel node does.',
		],
	};
}

function exportSection(r, { recipients }) {
	const title = `3. Export of a ${count(recipients)}-recipient bulk (Report → Get Recipients, Return All; n8n engine (test harness), emulator in its own process)`;
	if (!r || r.error) return { title, error: r ? r.error : 'not run' };
	const { node: a, floor: b } = r.value;
	return {
		title,
		header: ['', 'IPPanel node', 'bare fetch loop (floor)', 'node ÷ floor'],
		rows: [
			['rows out', count(a.items), count(b.items), ''],
			['pages fetched', `${count(a.pages)} (per_page ${a.perPage})`, `${count(b.pages)} (per_page ${b.perPage})`, ratio(a.pages, b.pages)],
			['time', ms(a.wallMs), ms(b.wallMs), ratio(a.wallMs, b.wallMs)],
			['peak RSS of the process', mb(a.peakRss), mb(b.peakRss), ratio(a.peakRss, b.peakRss)],
			['peak heap growth during the export', mb(a.heapGrowth), mb(b.heapGrowth), ratio(a.heapGrowth, b.heapGrowth)],
		],
		notes: [
			`Median time and largest peaks of ${a.runs} runs each, alternating; each run is a fresh Node ${a.node} process (n8n 2.x's runtime) after a 2,000-recipient warm-up.`,
			'The floor keeps its rows too, as n8n keeps the output items.',
		],
	};
}

function triggerSection(r) {
	const title = '4. IPPanel Trigger: API requests per poll (counted at the emulator; polled in-process through n8n-core PollContext)';
	if (!r || r.error) return { title, error: r ? r.error : 'not run' };
	const n = r.value.inFlight;
	return {
		title,
		header: ['event', 'activation (first poll)', 'idle poll', `poll after ${n} sends finish`, `idle poll, ${n} sends awaiting delivery reports`],
		rows: r.value.rows.map((row) => [
			row.event,
			row.activation,
			row.idle,
			`${row.catchUp} (${row.catchUpEmitted} emitted)`,
			row.inFlight,
		]),
		notes: [],
	};
}

module.exports = { bulkSection, perItemSection, exportSection, triggerSection };
