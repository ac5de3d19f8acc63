'use strict';
/** Loopback ports for n8n, its task-runner broker, the emulator, Redis and PostgreSQL. */
const net = require('net');

/** A port the system considers free right now (listen on 0). */
function randomPort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.once('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

function portIsFree(port) {
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.once('error', () => resolve(false));
		srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
	});
}

/** The first free loopback port of [from, to] not already in `taken` (which it joins), or an error naming the range. */
async function freePort(from, to, taken = new Set()) {
	for (let port = from; port <= to; port++) {
		if (!taken.has(port) && (await portIsFree(port))) {
			taken.add(port);
			return port;
		}
	}
	throw new Error(`no free port in ${from}-${to}`);
}

module.exports = { randomPort, portIsFree, freePort };
