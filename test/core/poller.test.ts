import {describe, expect, it} from 'vitest';
import {createMonitorStore} from '../../source/core/monitor-store.js';
import {createPoller} from '../../source/core/poller.js';
import {createMonitorState} from '../../source/core/reducer.js';
import type {MonitorOptions, RowSeed, TrackedRow} from '../../source/core/types.js';
import {IscError} from '../../source/domain/errors.js';
import type {AggregationStatus} from '../../source/domain/status.js';
import type {FetchOptions} from '../../source/core/poller.js';
import {collecting, createFakeClock, flush, keyOf, row, seed, T1, T2} from './fixtures.js';
import {gaps, maxInWindow} from './simulate.js';

type Fetch = (row: TrackedRow, attempt: number, options?: FetchOptions) => Promise<AggregationStatus>;

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
		fetchStatus(target, fetchOptions) {
			const attempt = (attempts.get(target.key) ?? 0) + 1;
			attempts.set(target.key, attempt);
			calls.push({key: target.key, at: clock.now()});
			return fetch(target, attempt, fetchOptions);
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

const finishesOnSecondPoll: Fetch = async (_row, attempt) => (attempt === 1 ? collecting(500) : {...collecting(1000), status: 'COMPLETED'});

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

	it("spaces one tenant's requests by the budget and follows each row's interval", async () => {
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
		const {clock, store, poller, calls, runTo} = setup(
			[seed(1), seed(2)],
			() =>
				new Promise(resolve => {
					answer = resolve;
				}),
		);
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

describe('the budget holds for every request that leaves', () => {
	// Like the ISC client: onSend right before each HTTP request leaves, awaited, a repeat after a 401 included.
	const budget = {requests: 25, windowMs: 10_000};

	/**
	 * A poller with that budget whose fetch runs `answer` and then answers collecting. `answer` calls `leave` for
	 * each request it sends (the first, and any repeat), which awaits onSend and records the time in `sends`.
	 */
	function budgeted(seeds: RowSeed[], answer: (target: TrackedRow, attempt: number, leave: () => Promise<void>) => Promise<void>) {
		const sends: number[] = [];
		const harness = setup(
			seeds,
			async (target, attempt, options) => {
				await answer(target, attempt, async () => {
					await options?.onSend?.();
					sends.push(harness.clock.now());
				});
				return collecting(1);
			},
			{budget, intervalMs: 60_000},
		);
		return {...harness, sends};
	}

	it('makes the repeat after a token refresh wait for the budget instead of leaving at once', async () => {
		// The soak's sequence: one request every 400 ms from 0 s, and at 10 s every token expires; the request
		// sent at 9.6 s (the 25th in 10 s) gets a 401, and the client repeats it with a fresh token.
		let refreshed = false;
		const seeds = Array.from({length: 30}, (_, index) => seed(index + 1));
		const {poller, clock, sends, runTo} = budgeted(seeds, async (_row, _attempt, leave) => {
			await leave();
			if (clock.now() >= 9600 && !refreshed) {
				refreshed = true;
				await leave();
			}
		});
		poller.start();
		await runTo(20_000);
		expect(sends.slice(0, 25)).toEqual(Array.from({length: 25}, (_, index) => index * 400));
		expect(maxInWindow(sends, budget.windowMs)).toBeLessThanOrEqual(budget.requests);
		// The repeat leaves when the first send has left the window (and one spacing after the 401'd request).
		expect(sends[25]).toBe(10_000);
		expect(Math.min(...gaps(sends))).toBeGreaterThanOrEqual(400);
	});

	it('spaces requests that all waited for the same token, instead of sending them together when it lands', async () => {
		let grant: () => void = () => undefined;
		const token = new Promise<void>(resolve => {
			grant = resolve;
		});
		const {poller, sends, runTo} = budgeted([seed(1), seed(2), seed(3)], async (_row, _attempt, leave) => {
			await token;
			await leave();
		});
		poller.start();
		await runTo(1000);
		expect(sends).toEqual([]);
		grant();
		await runTo(5000);
		expect(sends).toHaveLength(3);
		expect(Math.min(...gaps(sends))).toBeGreaterThanOrEqual(400);
		expect(sends[0]).toBeGreaterThanOrEqual(1000);
	});

	it('makes a retry of the client wait for a Retry-After pause like any request', async () => {
		// Row 1's first try fails (a 503) and the client retries it after a backoff; meanwhile row 2 is answered
		// 429 with Retry-After: 3 s. The retry is a request to the tenant: it waits for the pause.
		let backoffOver: () => void = () => undefined;
		const backoff = new Promise<void>(resolve => {
			backoffOver = resolve;
		});
		const {poller, store, sends, runTo} = budgeted([seed(1), seed(2)], async (target, attempt, leave) => {
			await leave();
			if (target.key === keyOf(2) && attempt === 1) {
				throw new IscError({kind: 'rate-limited', message: 'Too many requests', status: 429, retryAfterMs: 3000});
			}

			if (target.key === keyOf(1) && attempt === 1) {
				await backoff;
				await leave();
			}
		});
		poller.start();
		await runTo(1000);
		expect(sends).toEqual([0, 400]);
		expect(store.getState().tenants[T1]?.pausedUntil).toBe(3400);
		backoffOver();
		await runTo(10_000);
		expect(sends[2]).toBeGreaterThanOrEqual(3400);
	});
});
