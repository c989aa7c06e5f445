import {describe, expect, it} from 'vitest';
import {MIN_OUT_OF_VIEW_SHARE, outOfViewEveryMs, PLANNED_SHARE, tenantCadence} from '../../source/core/cadence.js';
import {isStale} from '../../source/core/progress.js';
import type {MonitorState, RowKey} from '../../source/core/types.js';
import {apply, collecting, fail, keyOf, poll, row, seed, serverError, stateWith} from './fixtures.js';
import {gaps, maxInWindow, simulate, type Send} from './simulate.js';

const INTERVAL = 5000;
const BUDGET = {requests: 80, windowMs: 10_000};
const LATENCY = 600;

/** `count` rows of one tenant, all answered once at 0 with ACCOUNTS_COLLECTED (polled every INTERVAL at their own pace). */
function running(count: number): MonitorState {
	const numbers = Array.from({length: count}, (_, index) => index + 1);
	let state = stateWith(
		numbers.map(n => seed(n)),
		{intervalMs: INTERVAL, budget: BUDGET},
	);
	for (const n of numbers) {
		state = poll(state, keyOf(n), collecting(n), 0);
	}

	return state;
}

const keysOf = (from: number, count: number): RowKey[] => Array.from({length: count}, (_, index) => keyOf(from + index));

function sendTimes(sends: readonly Send[], key: RowKey, after = 0): number[] {
	return sends.filter(send => send.key === key && send.at >= after).map(send => send.at);
}

/** What the issue measured: the budget's requests per second left after the rows in focus, shared by the others. */
function expectedOutOfViewMs(inFocus: number, outOfView: number): number {
	const perMs = (PLANNED_SHARE * BUDGET.requests) / BUDGET.windowMs - inFocus / INTERVAL;
	return outOfView / perMs;
}

describe('tenantCadence', () => {
	const options = running(1).options;

	it('keeps every row at its own pace while the budget allows it', () => {
		const state = running(30); // 30 rows every 5 s: 6 requests a second of the 7.2 planned
		expect(tenantCadence(state.rows, new Set(keysOf(1, 5)), options)).toEqual({focusScale: 1});
	});

	it('polls the rows in focus at their own pace and shares what is left among the rows out of view', () => {
		const state = running(200);
		const cadence = tenantCadence(state.rows, new Set(keysOf(1, 20)), options);
		expect(cadence.focusScale).toBe(1);
		expect(cadence.outOfViewMs).toBeCloseTo(expectedOutOfViewMs(20, 180), 6); // 56.25 s
	});

	it('lets rows whose own pace is slower than the share keep it, and gives their part to the others', () => {
		let state = running(60);
		// Rows 41 to 60 are STARTED: polled every 10 s at their own pace.
		for (let n = 41; n <= 60; n++) {
			state = poll(state, keyOf(n), {status: 'STARTED'}, 0);
		}

		// 7.2/s planned − 4/s for 20 rows in focus = 3.2/s for 40 rows out of view: all of them every 12.5 s.
		expect(tenantCadence(state.rows, new Set(keysOf(1, 20)), options).outOfViewMs).toBeCloseTo(12_500, 6);
		// With 10 in focus, 5.2/s is left: the 20 STARTED rows keep their 10 s (2/s), the 30 others share 3.2/s.
		expect(tenantCadence(state.rows, new Set(keysOf(1, 10)), options).outOfViewMs).toBeCloseTo(30 / (3.2 / 1000), 6);
	});

	it('keeps a share for the rows out of view even when the rows in focus alone are more than the budget', () => {
		const state = running(100);
		const cadence = tenantCadence(state.rows, new Set(keysOf(1, 60)), options); // 12/s wanted in focus
		const planned = (PLANNED_SHARE * BUDGET.requests) / BUDGET.windowMs;
		expect(cadence.outOfViewMs).toBeCloseTo(40 / (MIN_OUT_OF_VIEW_SHARE * planned), 6);
		// The rows in focus are slowed together to what is left, so none of them falls behind its schedule.
		expect(60 / (INTERVAL * cadence.focusScale)).toBeCloseTo((1 - MIN_OUT_OF_VIEW_SHARE) * planned, 9);
	});

	it('puts every row in focus when there is no focus (no screen)', () => {
		expect(tenantCadence(running(200).rows, undefined, options)).toEqual({focusScale: 1});
		expect(outOfViewEveryMs(running(200))).toBeUndefined();
	});
});

describe('200 running rows, 20 on screen, a tenant answering in 600 ms', () => {
	const rows = 200;
	const onScreen = keysOf(1, 20);
	const start = apply(running(rows), {type: 'focused', keys: onScreen, now: 0});
	const until = 300_000;
	let staleSeen: Array<{key: RowKey; at: number}> = [];
	const {sends, state} = simulate(start, {
		from: 0,
		until,
		answer: target => ({latencyMs: LATENCY, status: collecting((target.snapshot?.processedAccounts ?? 0) + 1)}),
		step(current, now) {
			if (now > 60_000 && staleSeen.length < 5) {
				// Past the first round (every row starts due at once), no row may be stale while the schedule keeps up.
				staleSeen = [
					...staleSeen,
					...current.rows.filter(candidate => isStale(candidate, now, INTERVAL)).map(candidate => ({key: candidate.key, at: now})),
				];
			}

			return current;
		},
	});

	it('polls the rows on screen every --interval (plus the answer time)', () => {
		for (const key of onScreen) {
			const between = gaps(sendTimes(sends, key, 60_000));
			expect(between.length).toBeGreaterThan(40);
			expect(Math.max(...between)).toBeLessThanOrEqual(INTERVAL + LATENCY + 250);
		}
	});

	it('polls every row out of view within the bound the README states (+10 %), and no more often than that share', () => {
		const bound = expectedOutOfViewMs(20, 180);
		expect(outOfViewEveryMs(state)).toBeCloseTo(bound, 6);
		for (let n = 21; n <= rows; n++) {
			const between = gaps(sendTimes(sends, keyOf(n), 60_000));
			expect(between.length).toBeGreaterThanOrEqual(3);
			// The rows out of view come due in a bunch (they all were due at once at the start), so some wait a little.
			expect(Math.max(...between)).toBeLessThanOrEqual(1.1 * bound);
			expect(Math.min(...between)).toBeGreaterThanOrEqual(bound);
		}
	});

	it('stays within the budget, and uses most of it', () => {
		const times = sends.map(send => send.at);
		expect(maxInWindow(times, BUDGET.windowMs)).toBeLessThanOrEqual(BUDGET.requests);
		const perSecond = times.filter(at => at >= 100_000 && at < 300_000).length / 200;
		// Steady state: 20 rows every 5.6 s and 180 rows every ~56.9 s (6.7/s); the plan keeps 10 % of 8/s as slack.
		const planned = (PLANNED_SHARE * BUDGET.requests) / (BUDGET.windowMs / 1000);
		expect(perSecond).toBeGreaterThan(0.9 * planned);
		expect(perSecond).toBeLessThanOrEqual(planned);
	});

	it('marks no row stale while the schedule keeps up', () => {
		expect(staleSeen).toEqual([]);
	});

	it('without a focus every row is polled at its own pace as before, so the budget cannot keep up and rows fall behind', () => {
		let behind = 0;
		simulate(running(rows), {
			from: 0,
			until: 60_000,
			answer: target => ({latencyMs: LATENCY, status: collecting((target.snapshot?.processedAccounts ?? 0) + 1)}),
			step(current, now) {
				if (now >= 50_000 && behind === 0) {
					behind = current.rows.filter(candidate => isStale(candidate, now, INTERVAL)).length;
				}

				return current;
			},
		});
		expect(behind).toBeGreaterThan(100);
	});
});

describe('moving the window', () => {
	it('pulls the rows coming into view in to their last answer + --interval, and lets the others go to the shared pace', () => {
		const start = apply(running(200), {type: 'focused', keys: keysOf(1, 20), now: 0});
		const moveAt = 120_000;
		const newWindow = keysOf(101, 20);
		let movedAt = Infinity; // the first step at or after moveAt (the simulation jumps from event to event)
		const staleInView: Array<{key: RowKey; at: number}> = [];
		const {sends} = simulate(start, {
			from: 0,
			until: 320_000,
			answer: target => ({latencyMs: LATENCY, status: collecting((target.snapshot?.processedAccounts ?? 0) + 1)}),
			step(current, now) {
				if (now < moveAt) {
					return current;
				}

				movedAt = Math.min(movedAt, now);
				const next = apply(current, {type: 'focused', keys: newWindow, now});
				for (const key of newWindow) {
					if (staleInView.length < 5 && isStale(row(next, key), now, INTERVAL)) {
						staleInView.push({key, at: now});
					}
				}

				return next;
			},
		});
		for (const key of newWindow) {
			const after = sendTimes(sends, key, movedAt);
			const before = sendTimes(sends, key)
				.filter(at => at < movedAt)
				.at(-1)!;
			// At their last answer + the interval (at once when that has passed), within the budget's spacing for the 20
			// rows and the request that left just before, then every interval.
			const due = Math.max(movedAt, before + LATENCY + INTERVAL);
			expect(after[0]! - due).toBeLessThanOrEqual(21 * (BUDGET.windowMs / BUDGET.requests));
			expect(Math.max(...gaps(after.filter(at => at >= movedAt + 10_000)))).toBeLessThanOrEqual(INTERVAL + LATENCY + 250);
		}

		// Scrolled to, they are due now, not late: none shows as stale while it waits for its turn.
		expect(staleInView).toEqual([]);
		// The rows that left the view are polled at the shared pace again after their next answer.
		const left = gaps(sendTimes(sends, keyOf(1), movedAt + 10_000));
		expect(left.length).toBeGreaterThan(0);
		expect(Math.min(...left)).toBeGreaterThan(INTERVAL * 5);
	});

	it('a row pulled in is due at its last answer + --interval, or now when that has passed; a failing row keeps its backoff', () => {
		let state = apply(running(200), {type: 'focused', keys: keysOf(1, 20), now: 0});
		state = poll(state, keyOf(150), collecting(5), 1000); // out of view: next poll ~56 s later
		expect(row(state, keyOf(150)).nextPollAt).toBeGreaterThan(50_000);
		state = apply(state, {type: 'focused', keys: [...keysOf(1, 20), keyOf(150)], now: 2000});
		expect(row(state, keyOf(150)).nextPollAt).toBe(1000 + INTERVAL);
		// The same focus again changes nothing.
		expect(apply(state, {type: 'focused', keys: [keyOf(150), ...keysOf(1, 20)], now: 3000})).toBe(state);
		state = poll(state, keyOf(151), collecting(5), 1000);
		state = apply(state, {type: 'focused', keys: [keyOf(151)], now: 30_000});
		expect(row(state, keyOf(151)).nextPollAt).toBe(30_000);
		expect(isStale(row(state, keyOf(151)), 30_000, INTERVAL)).toBe(false);
		// A failing row out of view keeps its backoff when it comes into view.
		state = fail(state, keyOf(160), serverError, 31_000);
		const backoff = row(state, keyOf(160)).nextPollAt;
		state = apply(state, {type: 'focused', keys: [keyOf(160)], now: 32_000});
		expect(row(state, keyOf(160)).nextPollAt).toBe(backoff);
	});
});
