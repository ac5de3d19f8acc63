#!/usr/bin/env node
'use strict';
/**
 * `node scripts/install-n8n.js`: installs what the real-n8n commands (dev, test:e2e, test:queue,
 * test:versions, bench) need into the cache (.cache/, or $IPPANEL_N8N_CACHE): Node 24 and n8n,
 * with a progress line every 20 s. They install it themselves on first use; this does only that
 * (for a CI cache, or ahead of a first run). No time limit.
 */
const { paths } = require('../dev/n8n/paths');
const { seconds } = require('../dev/n8n/clock');
const { log } = require('../dev/n8n/log');
const { ensureRuntime } = require('../dev/n8n/runtime');

ensureRuntime().then(
	(r) => log(`runtime ready (${seconds(r.ms)}): ${paths.n8nBin}`),
	(err) => {
		console.error(err.message);
		process.exit(1);
	},
);
