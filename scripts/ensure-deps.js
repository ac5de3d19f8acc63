#!/usr/bin/env node
// Runs `npm ci` when node_modules is missing or older than package-lock.json, so that the README's
// commands work on a fresh clone with nothing installed beforehand (a progress line every 20 s).
const { ensureProjectDeps } = require('../dev/n8n/package');

ensureProjectDeps().catch((err) => {
	console.error(err.message);
	process.exit(1);
});
