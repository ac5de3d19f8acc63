/**
 * Network conditions for the fault and secrets suites, seen by n8n-core's real HTTP stack:
 * a refused connection (a port with no listener), a count of the TCP connections opened to a
 * port, and a short time-out in place of the transport's 60 s.
 */
import axios, { type InternalAxiosRequestConfig } from 'axios';
import http from 'http';
import net, { type AddressInfo } from 'net';

/** A base URL on loopback whose port was free a moment ago and has no listener now. */
export async function refusedBaseUrl(): Promise<string> {
	const server = http.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise((resolve) => server.close(resolve));
	return `http://127.0.0.1:${port}/v1`;
}

/**
 * Counts the TCP connections attempted to the port of `baseUrl` (refused ones included) until
 * `restore()`: the only way to count the attempts of a request that never reached a server.
 */
export function countConnections(baseUrl: string): { count: () => number; restore: () => void } {
	const port = Number(new URL(baseUrl).port);
	const connect = net.Socket.prototype.connect;
	let attempts = 0;
	const spy = jest.spyOn(net.Socket.prototype, 'connect').mockImplementation(function (this: net.Socket, ...args: unknown[]) {
		// net.connect passes its normalized arguments as one array: [options, callback].
		const first = Array.isArray(args[0]) ? args[0][0] : args[0];
		const target = typeof first === 'object' && first !== null ? Number((first as { port?: unknown }).port) : Number(first);
		if (target === port) attempts++;
		return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
	});
	return { count: () => attempts, restore: () => spy.mockRestore() };
}

/**
 * n8n-core sends every request through axios: until `restore()`, the time-out a request asks for
 * is replaced by `ms`, so a time-out is met in a fraction of a second instead of a minute.
 * `asked` keeps the time-outs the requests asked for (the transport's limit among them).
 */
export function shortTimeouts(ms = 300): { asked: number[]; restore: () => void } {
	const asked: number[] = [];
	const id = axios.interceptors.request.use((config: InternalAxiosRequestConfig) => {
		if (config.timeout) {
			asked.push(config.timeout);
			config.timeout = Math.min(config.timeout, ms);
		}
		return config;
	});
	return { asked, restore: () => axios.interceptors.request.eject(id) };
}
