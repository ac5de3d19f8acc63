'use strict';
/**
 * Redis and PostgreSQL for the queue-mode test (scripts/queue.js): Debian's packages,
 * installed with apt-get when missing, each started privately on 127.0.0.1 with its data
 * in a temporary folder, and stopped by the returned stop().
 *
 * PostgreSQL, not SQLite: n8n 2.41 warns "Scaling mode is not officially supported with
 * sqlite. Please use PostgreSQL instead." (n8n/dist/commands/base-command.js), and its
 * docs require Postgres for queue mode.
 */
const fs = require('fs');
const net = require('net');
const path = require('path');
const { seconds, sleep } = require('../../dev/n8n/clock');
const { tail } = require('../../dev/n8n/log');
const { run, spawnGroup } = require('../../dev/n8n/processes');

const PG_BIN_ROOT = '/usr/lib/postgresql';

function pgBinDir() {
	if (!fs.existsSync(PG_BIN_ROOT)) return null;
	const versions = fs
		.readdirSync(PG_BIN_ROOT)
		.filter((v) => fs.existsSync(path.join(PG_BIN_ROOT, v, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length ? path.join(PG_BIN_ROOT, versions[0], 'bin') : null;
}

const REDIS = { name: 'redis-server', probe: () => fs.existsSync('/usr/bin/redis-server') };
const POSTGRES = { name: 'postgresql', probe: () => pgBinDir() !== null };

/** A long-running server in its own process group, its output in logFile. */
function spawnServer(cmd, args, options) {
	return spawnGroup(cmd, args, { ...options, graceMs: 10000 });
}

/** Sends one inline command to a Redis server and resolves with its first reply line. */
function redisCommand(port, command, timeoutMs = 2000) {
	return new Promise((resolve, reject) => {
		const socket = net.connect(port, '127.0.0.1');
		let data = '';
		socket.setTimeout(timeoutMs, () => socket.destroy(new Error('redis: no answer')));
		socket.on('connect', () => socket.write(`${command}\r\n`));
		socket.on('data', (d) => {
			data += d;
			if (data.includes('\r\n')) {
				socket.end();
				resolve(data.split('\r\n')[0]);
			}
		});
		socket.on('error', reject);
	});
}

async function waitFor(what, probe, { timeoutMs, alive, logFile }) {
	const deadline = Date.now() + timeoutMs;
	let last = 'no answer';
	while (Date.now() < deadline) {
		if (!alive()) break;
		try {
			if (await probe()) return;
		} catch (err) {
			last = err.message;
		}
		await sleep(250);
	}
	throw new Error(`${what} did not start (${alive() ? `not ready after ${seconds(timeoutMs)}: ${last}` : 'exited'})\n${tail(logFile, 20)}`);
}

/** redis-server on 127.0.0.1:port, no persistence, working dir under dir. */
async function startRedis({ port, dir }) {
	fs.mkdirSync(dir, { recursive: true });
	const logFile = path.join(dir, 'redis.log');
	const server = spawnServer(
		'/usr/bin/redis-server',
		['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'],
		{ logFile, cwd: dir },
	);
	await waitFor('redis-server', async () => (await redisCommand(port, 'PING')) === '+PONG', {
		timeoutMs: 20000,
		alive: server.alive,
		logFile,
	});
	return { ...server, port, logFile };
}

function userIds(name) {
	const line = fs
		.readFileSync('/etc/passwd', 'utf8')
		.split('\n')
		.find((l) => l.startsWith(`${name}:`));
	if (!line) throw new Error(`no "${name}" user (Debian's postgresql package creates it)`);
	const [, , uid, gid] = line.split(':');
	return { uid: Number(uid), gid: Number(gid) };
}

/**
 * A private PostgreSQL cluster (initdb as the postgres user, trust auth, no fsync: it is
 * thrown away) on 127.0.0.1:port in dir, with an empty database `dbName`.
 */
async function startPostgres({ port, dir, dbName = 'n8n' }) {
	const bin = pgBinDir();
	if (!bin) throw new Error('PostgreSQL binaries not found under /usr/lib/postgresql');
	const ids = userIds('postgres');
	fs.mkdirSync(dir, { recursive: true });
	fs.chownSync(dir, ids.uid, ids.gid);
	fs.chmodSync(dir, 0o700);
	// The postgres user must be able to reach dir: mkdtemp creates its parent 0700 for root.
	fs.chmodSync(path.dirname(dir), 0o711);
	const data = path.join(dir, 'data');
	const logFile = path.join(dir, 'postgres.log');
	fs.writeFileSync(logFile, '');
	fs.chownSync(logFile, ids.uid, ids.gid);
	await run('runuser', ['-u', 'postgres', '--', path.join(bin, 'initdb'), '-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8'], {
		cwd: dir,
		timeoutMs: 2 * 60 * 1000,
	}).catch((err) => {
		throw new Error(`initdb failed: ${err.message}`);
	});
	const server = spawnServer(
		path.join(bin, 'postgres'),
		['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=100'],
		{ logFile, cwd: dir, ...ids },
	);
	const psqlBin = path.join(bin, 'psql');
	const psql = (sql, opts = {}) =>
		run(psqlBin, ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', opts.db || dbName, '-v', 'ON_ERROR_STOP=1', '-At', '-c', sql], {
			cwd: dir,
			timeoutMs: opts.timeoutMs || 60000,
		}).then((r) => r.stdout);
	await waitFor('postgres', async () => (await psql('select 1', { db: 'postgres', timeoutMs: 5000 })).trim() === '1', {
		timeoutMs: 60000,
		alive: server.alive,
		logFile,
	});
	await psql(`create database ${dbName}`, { db: 'postgres' });
	return { ...server, port, logFile, psql, dbEnv: postgresEnv(port, dbName) };
}

function postgresEnv(port, dbName) {
	return {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(port),
		DB_POSTGRESDB_DATABASE: dbName,
		DB_POSTGRESDB_USER: 'postgres',
		DB_POSTGRESDB_PASSWORD: '',
	};
}

module.exports = { REDIS, POSTGRES, startRedis, startPostgres };
