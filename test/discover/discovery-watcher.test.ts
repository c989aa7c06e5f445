import {afterEach, describe, expect, it} from 'vitest';
import {createDiscoveryWatcher} from '../../source/commands/monitor/discovery-watcher.js';
import {describeRunning, listAllRunning, type RunningAggregation} from '../../source/commands/running-aggregations.js';
import {IscClient} from '../../source/isc/client.js';
import {IscError} from '../../source/domain/errors.js';
import {SourceNames} from '../../source/isc/source-names.js';
import {createFakeClock, flush} from '../core/fixtures.js';
import {aggregationId, CLIENT_ID, CLIENT_SECRET, commandHarness, type CommandHarness} from './command-context.js';
import {running, WORKDAY} from './fixtures.js';

const MINUTE = 60_000;

/** A list() whose answers the test sets, counting calls. */
function scripted(initial: string[]) {
	let ids = initial;
	let failure: unknown;
	const state = {
		calls: 0,
		set(next: string[]) {
			ids = next;
		},
		fail(error: unknown) {
			failure = error;
		},
		async list() {
			state.calls++;
			if (failure !== undefined) {
				const error = failure;
				failure = undefined;
				throw error;
			}

			return ids.map(id => ({id}));
		},
	};
	return state;
}

describe('createDiscoveryWatcher', () => {
	it('reports what runs at the first look, then only aggregations that appear later, each once', async () => {
		const clock = createFakeClock(0);
		const source = scripted(['a', 'b']);
		const found: string[][] = [];
		const watcher = createDiscoveryWatcher({list: source.list, clock, onFound: rows => found.push(rows.map(row => row.id))});
		watcher.start();
		await flush();
		expect(found).toEqual([['a', 'b']]);

		source.set(['c', 'a', 'b']);
		await clock.advanceTo(MINUTE);
		source.set(['d', 'c']);
		await clock.advanceTo(2 * MINUTE);
		await clock.advanceTo(3 * MINUTE);
		expect(found).toEqual([['a', 'b'], ['c'], ['d']]);
		expect(source.calls).toBe(4);
		watcher.stop();
	});

	it('looks once per interval and never before it', async () => {
		const clock = createFakeClock(0);
		const source = scripted([]);
		const watcher = createDiscoveryWatcher({list: source.list, clock, intervalMs: 30_000, onFound() {}});
		watcher.start();
		await clock.advanceTo(29_999);
		expect(source.calls).toBe(1);
		await clock.advanceTo(30_000);
		expect(source.calls).toBe(2);
		await clock.advanceTo(90_000);
		expect(source.calls).toBe(4);
		watcher.stop();
	});

	it('leaves out known rows and, with skipInitial, what was running before it started', async () => {
		const clock = createFakeClock(0);
		const source = scripted(['old']);
		const found: string[] = [];
		const watcher = createDiscoveryWatcher({
			list: source.list,
			clock,
			skipInitial: true,
			isKnown: row => row.id === 'tracked',
			onFound: rows => found.push(...rows.map(row => row.id)),
		});
		watcher.start();
		await flush();
		source.set(['new', 'tracked', 'old']);
		await clock.advanceTo(MINUTE);
		expect(found).toEqual(['new']);
		watcher.stop();
	});

	it('keeps going after a failure, waiting out a Retry-After longer than the interval', async () => {
		const clock = createFakeClock(0);
		const source = scripted(['a']);
		const errors: unknown[] = [];
		const found: string[] = [];
		source.fail(new IscError({kind: 'rate-limited', message: 'Too many requests', status: 429, retryAfterMs: 5 * MINUTE}));
		const watcher = createDiscoveryWatcher({
			list: source.list,
			clock,
			onFound: rows => found.push(...rows.map(row => row.id)),
			onError: error => errors.push(error),
		});
		watcher.start();
		await flush();
		expect(errors).toHaveLength(1);
		await clock.advanceTo(5 * MINUTE - 1);
		expect(source.calls).toBe(1);
		await clock.advanceTo(5 * MINUTE);
		expect(source.calls).toBe(2);
		expect(found).toEqual(['a']);
		watcher.stop();
	});

	it('never runs two looks at once, and check() restarts the interval', async () => {
		const clock = createFakeClock(0);
		let release: (() => void) | undefined;
		let calls = 0;
		const watcher = createDiscoveryWatcher({
			clock,
			onFound() {},
			list: async () => {
				calls++;
				await new Promise<void>(resolve => {
					release = resolve;
				});
				return [];
			},
		});
		watcher.start();
		const during = watcher.check();
		await flush();
		expect(calls).toBe(1);
		release?.();
		await during;
		expect(clock.nextAt()).toBe(MINUTE);

		await clock.advanceTo(30_000);
		const now = watcher.check();
		release?.();
		await now;
		expect(calls).toBe(2);
		expect(clock.nextAt()).toBe(30_000 + MINUTE);
		watcher.stop();
		expect(clock.pending()).toBe(0);
	});

	it('after stop, makes no more requests and reports nothing from a look under way', async () => {
		const clock = createFakeClock(0);
		let release: (() => void) | undefined;
		const found: unknown[] = [];
		const watcher = createDiscoveryWatcher({
			clock,
			onFound: rows => found.push(rows),
			list: async () => {
				await new Promise<void>(resolve => {
					release = resolve;
				});
				return [{id: 'a'}];
			},
		});
		watcher.start();
		await flush();
		watcher.stop();
		release?.();
		await flush();
		expect(found).toEqual([]);
		expect(clock.pending()).toBe(0);
	});
});

describe('discovery against the simulated tenant', () => {
	let harness: CommandHarness | undefined;
	afterEach(async () => {
		await harness?.close();
		harness = undefined;
	});

	it('finds an aggregation started after the watcher began, with its source name', async () => {
		harness = await commandHarness({sources: [WORKDAY], aggregations: [running(aggregationId(1), WORKDAY, -5000)]});
		const client = new IscClient({baseUrl: harness.sim.url, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET});
		const names = new SourceNames(client);
		const clock = createFakeClock(0);
		const batches: RunningAggregation[][] = [];
		const watcher = createDiscoveryWatcher({
			clock,
			skipInitial: true,
			list: async () => describeRunning(await listAllRunning(client, {retries: 0}), names),
			onFound: rows => batches.push(rows),
		});
		try {
			watcher.start();
			// The first look is under way: check() waits for it.
			await watcher.check();
			expect(batches).toEqual([]);

			const id = harness.sim.startAggregation(WORKDAY.id);
			await watcher.check();
			expect(batches).toEqual([[expect.objectContaining({id, sourceName: 'Workday', sourceId: WORKDAY.id})]]);
			await watcher.check();
			expect(batches).toHaveLength(1);
		} finally {
			watcher.stop();
			client.close();
		}
	});
});
