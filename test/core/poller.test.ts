import {describe, expect, it} from 'vitest';
import {createMonitorStore} from '../../source/core/monitor-store.js';
import {createPoller} from '../../source/core/poller.js';
import {createMonitorState} from '../../source/core/reducer.js';
import type {MonitorOptions, RowSeed, TrackedRow} from '../../source/core/types.js';
import {IscError} from '../../source/domain/errors.js';
import type {AggregationStatus} from '../../source/domain/status.js';
import {collecting, createFakeClock, flush, keyOf, row, seed, T1, T2} from './fixtures.js';

type Fetch = (row: TrackedRow, attempt: number) => Promise<AggregationStatus>;

function setup(seeds: RowSeed[], fetch: Fetch, options: Partial<MonitorOptions> = {}) {
	const clock = createFakeClock(0);
	const store = createMonitorStore(createMonitorState(options, seeds, 0));
	const calls: Array<{key: string; at: number}> = [];
	const errors: unknown[] = [];
	const attempts = new Map<string, number>();
	const poller = createPoller({
		getState: store.getState,
		dispatch: store.dispatch,
		clock,
		onError: error => errors.push(error),
		fetchStatus(target) {
			const attempt = (attempts.get(target.key) ?? 0) + 1;
			attempts.set(target.key, attempt);
			calls.push({key: target.key, at: clock.now()});
			return fetch(target, attempt);
		},
	});

	/** Runs the fake clock to `until`, checking that the poller never holds more than its one timer. */
	async function runTo(until: number): Promise<void> {
		await flush();
		for (let next = clock.nextAt(); next !== undefined && next <= until; next = clock.nextAt()) {
			expect(clock.pending()).toBeLessThanOrEqual(1);
			await clock.advanceTo(next);
		}

		await clock.advanceTo(until);
	}

	return {clock, store, poller, calls, errors, runTo};
}

const finishesOnSecondPoll: Fetch = async (_row, attempt) =>
	attempt === 1 ? collecting(500) : {...collecting(1000), status: 'COMPLETED'};

describe('poller', () => {
	it('polls every row to its end state, then holds no timer at all', async () => {
		const {clock, store, poller, calls, runTo} = setup([seed(1), seed(2), seed(3, {tenant: T2})], finishesOnSecondPoll);
		poller.start();
		await runTo(60_000);
		expect(store.getState().rows.map(r => r.phase)).toEqual(['ended', 'ended', 'ended']);
		expect(calls).toHaveLength(6);
		expect(clock.pending()).toBe(0);
		expect(poller.inFlight).toBe(0);
		expect(poller.running).toBe(true);
	});

	it('spaces one tenant\'s requests by the budget and follows each row\'s interval', async () => {
		const {poller, calls, runTo} = setup([seed(1), seed(2), seed(3)], finishesOnSecondPoll);
		poller.start();
		await runTo(60_000);
		// First round: 0, 125, 250; each row again 5 s after its answer.
		expect(calls.map(c => c.at)).toEqual([0, 125, 250, 5000, 5125, 5250]);
	});

	it('records thrown errors as failures, reports the unexpected ones, and carries on', async () => {
		const reset = Object.assign(new Error('socket hang up'), {code: 'ECONNRESET'});
		const {store, poller, errors, calls, runTo} = setup([seed(1), seed(2)], async (target, attempt) => {
			if (target.key === keyOf(1) && attempt === 1) {
				throw reset;
			}

			if (target.key === keyOf(1) && attempt === 2) {
				throw new IscError({kind: 'server', message: 'Bad gateway', status: 502});
			}

			return collecting(10);
		});
		poller.start();
		await runTo(0);
		expect(row(store.getState(), keyOf(1)).lastError).toMatchObject({kind: 'network', code: 'ECONNRESET'});
		expect(row(store.getState(), keyOf(2)).lastError).toBeUndefined();
		expect(errors).toEqual([reset]); // IscErrors are expected, so not reported
		// Backoff of a waiting row (interval 10 s): 10 s × 2 after one failure, × 4 after two.
		await runTo(20_000);
		expect(row(store.getState(), keyOf(1)).lastError).toMatchObject({kind: 'server', status: 502});
		await runTo(60_000);
		expect(row(store.getState(), keyOf(1))).toMatchObject({phase: 'running', failures: 0});
		expect(calls.filter(c => c.key === keyOf(1)).map(c => c.at)).toEqual([0, 20_000, 60_000]);
	});

	it('survives a fetchStatus that throws synchronously', async () => {
		const {store, poller, errors, runTo} = setup([seed(1)], () => {
			throw new Error('not even a promise');
		});
		poller.start();
		await runTo(0);
		expect(row(store.getState(), keyOf(1))).toMatchObject({inFlight: false, failures: 1, lastError: {kind: 'network'}});
		expect(errors).toHaveLength(1);
	});

	it('waits out a 429 for the whole tenant with a single timer', async () => {
		const {poller, calls, runTo} = setup([seed(1), seed(2)], async (target, attempt) => {
			if (target.key === keyOf(1) && attempt === 1) {
				throw new IscError({kind: 'rate-limited', message: 'Too many requests', status: 429, retryAfterMs: 3000});
			}

			return collecting(1);
		});
		poller.start();
		await runTo(2999);
		expect(calls.map(c => c.at)).toEqual([0]);
		await runTo(3000);
		expect(calls.map(c => [c.key, c.at])).toEqual([
			[keyOf(1), 0],
			[keyOf(1), 3000],
		]);
		await runTo(3125);
		expect(calls.at(-1)).toEqual({key: keyOf(2), at: 3125});
	});

	it('sets no timer while there is nothing to poll, and starts at once when woken after an add', async () => {
		const {clock, store, poller, calls, runTo} = setup([], async () => collecting(1));
		poller.start();
		expect(clock.pending()).toBe(0);
		await runTo(1000);
		store.dispatch({type: 'added', rows: [seed(1)], now: clock.now()});
		poller.wake();
		expect(calls).toEqual([{key: keyOf(1), at: 1000}]);
	});

	it('stops polling while paused and resumes when woken after unpausing', async () => {
		const {clock, store, poller, calls, runTo} = setup([seed(1)], async () => collecting(1));
		poller.start();
		await runTo(0);
		store.dispatch({type: 'set-paused', paused: true, now: clock.now()});
		poller.wake();
		expect(clock.pending()).toBe(0);
		await runTo(60_000);
		expect(calls).toHaveLength(1);
		store.dispatch({type: 'set-paused', paused: false, now: clock.now()});
		poller.wake();
		expect(calls.map(c => c.at)).toEqual([0, 60_000]); // long overdue, so at once
	});

	it('poll-now plus wake fetches at once', async () => {
		const {clock, store, poller, calls, runTo} = setup([seed(1)], async () => collecting(1));
		poller.start();
		await runTo(1000);
		store.dispatch({type: 'poll-now', now: clock.now()});
		poller.wake();
		expect(calls.map(c => c.at)).toEqual([0, 1000]);
	});

	it('after stop, sends nothing new but still records the answer on its way', async () => {
		let answer: (status: AggregationStatus) => void = () => {};
		const {clock, store, poller, calls, runTo} = setup([seed(1), seed(2)], () => new Promise(resolve => {
			answer = resolve;
		}));
		poller.start();
		poller.stop();
		expect(clock.pending()).toBe(0);
		expect(poller.inFlight).toBe(1);
		const settled = poller.settled();
		answer(collecting(7));
		await settled;
		expect(row(store.getState(), keyOf(1))).toMatchObject({inFlight: false, snapshot: collecting(7)});
		await runTo(60_000);
		expect(calls).toHaveLength(1);
		expect(clock.pending()).toBe(0);
	});

	it('keeps going when getState throws, reporting the error', async () => {
		const clock = createFakeClock(0);
		const store = createMonitorStore(createMonitorState({}, [seed(1)], 0));
		const errors: unknown[] = [];
		let broken = true;
		const poller = createPoller({
			getState: () => {
				if (broken) {
					broken = false;
					throw new Error('glitch');
				}

				return store.getState();
			},
			dispatch: store.dispatch,
			clock,
			onError: error => errors.push(error),
			fetchStatus: async () => collecting(1),
		});
		poller.start();
		expect(errors).toHaveLength(1);
		expect(clock.pending()).toBe(1);
		await clock.advanceTo(1000);
		expect(store.getState().tenants[T1]?.sent).toEqual([1000]);
	});
});
