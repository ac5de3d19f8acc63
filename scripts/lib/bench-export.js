'use strict';
/**
 * Part 3 of `npm run bench` (and scripts/bench-report-export.js): Report → Get Recipients with
 * Return All on a large seeded bulk, through n8n's real engine (the test harness), against a
 * bare `fetch` paging loop over the same endpoint (the floor).
 *
 * Each measurement runs in a child process of its own (`node --expose-gc bench-export.js
 * --child '<json>'`), so its peak memory is its own: not the emulator's (another process), not
 * the other measurement's, not the parent's. The child prints one JSON line.
 */
const fs = require('fs');
const { spawn } = require('child_process');
const { hrMs, median } = require('./bench-stats');

const CHILD_TIMEOUT_MS = 4 * 60 * 1000;
const WARM_UP_RECIPIENTS = 2000;

// ---------------------------------------------------------------------------
// parent side
// ---------------------------------------------------------------------------

/**
 * The Node that n8n 2.x runs on (24, from the n8n cache, see dev/n8n/runtime.js) when it is installed:
 * V8 versions differ here (Node 20 copies `{ ...row }` objects ~10× slower once properties are
 * added to them), and the figures should be those of n8n's runtime.
 */
function nodeExecutable() {
	const { paths } = require('../../dev/n8n/paths');
	return fs.existsSync(paths.nodeExe) ? paths.nodeExe : process.execPath;
}

function runChild(job, node = nodeExecutable()) {
	return new Promise((resolve, reject) => {
		const child = spawn(node, ['--expose-gc', __filename, '--child', JSON.stringify(job)], {
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let out = '';
		let err = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (err += d));
		const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
		child.once('exit', (code, signal) => {
			clearTimeout(timer);
			const line = out.trim().split('\n').pop();
			try {
				const result = JSON.parse(line);
				if (result.error) reject(new Error(`${job.mode}: ${result.error}`));
				else resolve(result);
			} catch {
				reject(new Error(`${job.mode} export child ended (${signal || code}) without a result: ${(err || out).slice(-1500)}`));
			}
		});
	});
}

/**
 * Seeds a bulk of `recipients` (and a small one for warm-up), then measures the node and the
 * fetch floor, alternating, `repeats` times each. Pages are counted at the emulator. Returns the
 * median time and the largest peaks of each side.
 */
async function benchExport(emulator, { recipients = 100000, includeRaw = false, repeats = 3 } = {}) {
	const { id: warmBulkId } = await emulator.control('POST', '/seed-bulk', { recipients: WARM_UP_RECIPIENTS });
	const { id: bulkId } = await emulator.control('POST', '/seed-bulk', { recipients });
	const common = { baseUrl: emulator.baseUrl, apiKey: emulator.apiKey, bulkId, warmBulkId, includeRaw };

	const measure = async (mode, extra = {}) => {
		// The warm-up's pages are cleared by the child (it calls /clear-requests when it is ready).
		const result = await runChild({ ...common, ...extra, mode });
		if (result.items !== recipients) throw new Error(`${mode}: ${result.items} rows out for ${recipients} recipients`);
		const pages = await emulator.requests('/api/report/recipients');
		return {
			...result,
			pages: pages.length,
			distinctPages: new Set(pages.map((r) => r.query.page)).size,
			perPage: [...new Set(pages.map((r) => r.query.per_page))].join(','),
		};
	};
	const runs = { node: [], floor: [] };
	for (let i = 0; i < repeats; i++) {
		runs.node.push(await measure('node'));
		runs.floor.push(await measure('fetch', { perPage: Number(runs.node[0].perPage) || 1000 }));
	}
	const summary = (list) => ({
		...list[0],
		wallMs: median(list.map((r) => r.wallMs)),
		peakRss: Math.max(...list.map((r) => r.peakRss)),
		heapGrowth: Math.max(...list.map((r) => r.peakHeap - r.heapBefore)),
		pages: Math.max(...list.map((r) => r.pages)),
		runs: list.length,
	});
	return { recipients, node: summary(runs.node), floor: summary(runs.floor) };
}

// ---------------------------------------------------------------------------
// child side
// ---------------------------------------------------------------------------

const gc = () => global.gc && global.gc();

/** Samples heap and RSS every 10 ms while `fn` runs. */
async function sampled(fn) {
	gc();
	const before = process.memoryUsage();
	let peakHeap = before.heapUsed;
	let peakRss = before.rss;
	const sampler = setInterval(() => {
		const now = process.memoryUsage();
		peakHeap = Math.max(peakHeap, now.heapUsed);
		peakRss = Math.max(peakRss, now.rss);
	}, 10);
	const started = process.hrtime.bigint();
	try {
		const items = await fn();
		const wallMs = hrMs(started);
		const end = process.memoryUsage();
		peakHeap = Math.max(peakHeap, end.heapUsed);
		peakRss = Math.max(peakRss, end.rss);
		return {
			node: process.version,
			items,
			wallMs,
			heapBefore: before.heapUsed,
			peakHeap,
			rssBefore: before.rss,
			peakRss,
			maxRss: process.resourceUsage().maxRSS * 1024,
		};
	} finally {
		clearInterval(sampler);
	}
}

async function clearRequests(baseUrl) {
	await fetch(`${baseUrl.replace(/\/v1$/, '')}/__emulator/clear-requests`, { method: 'POST' });
}

/** The node through n8n's engine: Report → Get Recipients, Return All. */
async function exportWithNode({ baseUrl, apiKey, bulkId, warmBulkId, includeRaw }) {
	const { requireProject } = require('./bench-ts');
	const { apiKeyCredentials, runNode } = requireProject('test/harness/index.ts');
	const credentials = apiKeyCredentials(baseUrl, apiKey);
	const run = async (id) => {
		const result = await runNode({
			parameters: { resource: 'report', operation: 'recipients', bulkId: String(id), returnAll: true, options: { includeRaw } },
			credentials,
		});
		if (result.error) throw result.error;
		return result.items.length;
	};
	// Warm-up on a small bulk: module loading and JIT are not part of the figures.
	await run(warmBulkId);
	await clearRequests(baseUrl);
	return await sampled(() => run(bulkId));
}

/** The floor: a bare paging loop with fetch, keeping every row (as the node keeps its items). */
async function exportWithFetch({ baseUrl, apiKey, bulkId, warmBulkId, perPage }) {
	const readAll = async (id) => {
		const rows = [];
		for (let page = 1; ; page++) {
			const response = await fetch(`${baseUrl}/api/report/recipients?bulk_id=${id}&page=${page}&per_page=${perPage}`, {
				headers: { Authorization: apiKey, Accept: 'application/json' },
			});
			const { data, meta } = await response.json();
			for (const row of data) rows.push(row);
			if (!data.length || page >= meta.last_page) return rows;
		}
	};
	await readAll(warmBulkId);
	await clearRequests(baseUrl);
	return await sampled(async () => (await readAll(bulkId)).length);
}

if (require.main === module && process.argv[2] === '--child') {
	const job = JSON.parse(process.argv[3]);
	const measure = job.mode === 'node' ? exportWithNode : exportWithFetch;
	measure(job).then(
		(result) => {
			process.stdout.write(`\n${JSON.stringify(result)}\n`);
			process.exit(0);
		},
		(error) => {
			process.stdout.write(`\n${JSON.stringify({ error: error.message || String(error) })}\n`);
			process.exit(1);
		},
	);
}

module.exports = { benchExport };
