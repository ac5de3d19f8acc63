'use strict';
/**
 * This package on its way into n8n: its own dependencies (a fresh clone has none), build,
 * `npm pack`, and the tarball installed into an n8n user folder the way n8n installs a
 * community package.
 */
const fs = require('fs');
const path = require('path');
const { paths, PACKAGE_NAME } = require('./paths');
const { run } = require('./processes');
const { npm } = require('./install');
const { node24Env } = require('./runtime');
const { log } = require('./log');
const { seconds } = require('./clock');

/**
 * `npm ci` when node_modules is missing or older than package-lock.json (so that the README's
 * commands work on a fresh clone), with progress lines. Returns true when it installed.
 */
async function ensureProjectDeps() {
	const lock = path.join(paths.root, 'package-lock.json');
	const stamp = path.join(paths.root, 'node_modules', '.package-lock.json');
	if (fs.existsSync(stamp) && fs.statSync(stamp).mtimeMs >= fs.statSync(lock).mtimeMs) return false;
	await npm(['ci', '--no-audit', '--no-fund'], {
		cwd: paths.root,
		phase: 'installing the project dependencies (npm ci)',
		watchDir: path.join(paths.root, 'node_modules'),
	});
	return true;
}

/** Builds the package (unless `build` is false: pack dist/ as it is) and packs it into outDir; returns the tarball path. */
async function buildAndPack(outDir, { build = true } = {}) {
	await ensureProjectDeps();
	const started = Date.now();
	if (build) await run('npm', ['run', 'build'], { timeoutMs: 5 * 60 * 1000 });
	fs.mkdirSync(outDir, { recursive: true });
	// --ignore-scripts: `prepack` would run the build a second time.
	const packed = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', outDir], { timeoutMs: 2 * 60 * 1000 });
	const info = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('[')))[0];
	log(`${build ? 'built and ' : ''}packed ${info.filename} (${info.entryCount} files) in ${seconds(Date.now() - started)}`);
	return path.join(outDir, info.filename);
}

/** Extracts a packed tarball's `package/` into target (emptied first). */
async function unpackTarball(tarball, target) {
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(target, { recursive: true });
	await run('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
	return target;
}

/**
 * Installs a packed tarball into <userFolder>/.n8n/nodes the way n8n 2.41's
 * CommunityPackagesService does for a package installed from the UI: extract, strip
 * dev/peer/optional dependencies, `npm install --ignore-scripts --install-strategy=shallow`,
 * register it in .n8n/nodes/package.json. Returns the installed package folder.
 */
async function installTarball(tarball, userFolder) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const target = await unpackTarball(tarball, path.join(nodesDir, 'node_modules', PACKAGE_NAME));

	const pkgFile = path.join(target, 'package.json');
	const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
	delete pkg.devDependencies;
	delete pkg.peerDependencies;
	delete pkg.optionalDependencies;
	fs.writeFileSync(pkgFile, JSON.stringify(pkg, null, 2));
	await run(
		'npm',
		// the exact flags of CommunityPackagesService.downloadPackage in n8n 2.41
		['install', '--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false'],
		{ cwd: target, env: node24Env(), timeoutMs: 5 * 60 * 1000 },
	);

	const nodesPkgFile = path.join(nodesDir, 'package.json');
	const nodesPkg = fs.existsSync(nodesPkgFile) ? JSON.parse(fs.readFileSync(nodesPkgFile, 'utf8')) : { name: 'installed-nodes', private: true };
	nodesPkg.dependencies = { ...nodesPkg.dependencies, [PACKAGE_NAME]: pkg.version };
	fs.writeFileSync(nodesPkgFile, JSON.stringify(nodesPkg, null, 2));
	log(`installed ${PACKAGE_NAME}@${pkg.version} into ${nodesDir}`);
	return target;
}

module.exports = { ensureProjectDeps, buildAndPack, unpackTarball, installTarball };
