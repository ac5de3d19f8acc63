import type { INode } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { parameterError, type ParameterAt } from './errors';

/**
 * How many requests the node keeps in flight at once, by default, for its paid sends and paged
 * reads. At a real round trip (tens to hundreds of milliseconds) a request spends nearly all its
 * time waiting for the network, while n8n spends a few milliseconds of CPU on each (parameters,
 * expressions, its HTTP client): with 50 in flight the node is kept busy instead of waiting.
 * Measured through n8n's engine at 100 ms, 200 pattern sends take 21.7 s one at a time, 1.7 s at
 * 20 and 1.1 s at 50. n8n's HTTP Request node sends all its items at once; IPPanel documents no
 * rate limit, and a 429 makes the sends go on one at a time (see `runInPool`).
 */
export const DEFAULT_CONCURRENCY = 50;
/** The most the Concurrency option accepts. */
export const MAX_CONCURRENCY = 100;

/**
 * The Concurrency option's value: a whole number from 1 (above MAX_CONCURRENCY counts as
 * MAX_CONCURRENCY); unset gives DEFAULT_CONCURRENCY. `nothingSent: false` on reads.
 */
export function readConcurrency(node: INode, value: unknown, at: ParameterAt, { nothingSent = true } = {}): number {
	if (value === undefined || value === null || value === '') return DEFAULT_CONCURRENCY;
	const number = typeof value === 'string' ? Number(value.trim()) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < 1) {
		throw parameterError(
			node,
			at,
			`Concurrency must be a whole number of at least 1, got ${JSON.stringify(value) ?? String(value)}`,
			`Set ${at.parameter} to a whole number from 1 (one request at a time) to ${MAX_CONCURRENCY}; leave it out for ${DEFAULT_CONCURRENCY}.`,
			{ nothingSent },
		);
	}
	return Math.min(MAX_CONCURRENCY, number);
}

/** Lets a running task change how the rest of the pool runs. */
export interface PoolControl {
	/** Starts no new task; the ones in flight finish. */
	stop(): void;
	/** From now on one task at a time, and none starts within the next `ms` milliseconds. */
	slowDown(ms: number): void;
}

export interface PoolOptions {
	concurrency: number;
	/**
	 * Runs the first task alone and only then opens up to `concurrency`: whatever the first
	 * request meets (a refused key, a login, a 429) is met once, not by every request at once.
	 */
	firstAlone?: boolean;
}

/**
 * Runs `run(0)`, `run(1)`, … `run(count - 1)`, starting them in that order with at most
 * `concurrency` in flight, and resolves when every started task has settled. Returns how many
 * tasks were started (fewer than `count` after `stop()`). `run` is expected to settle its own
 * errors; one that escapes stops the pool and is thrown once the tasks in flight are done.
 */
export async function runInPool(
	count: number,
	{ concurrency, firstAlone = false }: PoolOptions,
	run: (index: number, control: PoolControl) => Promise<void>,
): Promise<number> {
	const widest = Math.max(1, Math.floor(concurrency));
	let limit = firstAlone ? 1 : widest;
	let slowed = false;
	let stopped = false;
	let resumeAt = 0;
	let active = 0;
	let next = 0;
	let escaped: { error: unknown } | undefined;
	let wake: () => void = () => {};
	const inFlight = new Set<Promise<void>>();
	const control: PoolControl = {
		stop: () => {
			stopped = true;
		},
		slowDown: (ms) => {
			slowed = true;
			limit = 1;
			resumeAt = Math.max(resumeAt, Date.now() + Math.max(0, ms));
		},
	};

	while (next < count && !stopped) {
		if (active >= limit) {
			await new Promise<void>((resolve) => (wake = resolve));
			continue;
		}
		const wait = resumeAt - Date.now();
		if (wait > 0) {
			await sleep(wait);
			continue;
		}
		const index = next++;
		active++;
		const task = (async () => {
			try {
				await run(index, control);
			} catch (error) {
				escaped ??= { error };
				stopped = true;
			} finally {
				active--;
				if (index === 0 && !slowed) limit = widest;
				wake();
			}
		})();
		inFlight.add(task);
		void task.then(() => inFlight.delete(task));
	}
	await Promise.all(inFlight);
	if (escaped) throw escaped.error;
	return next;
}
