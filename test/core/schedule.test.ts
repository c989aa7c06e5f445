import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {nextRequests, requestSpacingMs, sendReadyAt} from '../../source/core/schedule.js';
import type {MonitorState, RowSeed} from '../../source/core/types.js';
import {apply, collecting, keyOf, poll, seed, stateWith, T1, T2} from './fixtures.js';
import {gaps, maxInWindow, simulate} from './simulate.js';

describe('nextRequests', () => {
	it('sends one request per tenant at a time and wakes exactly one spacing later', () => {
		const state = stateWith([seed(1), seed(2), seed(3, {tenant: T2})]);
		expect(requestSpacingMs(state.options)).toBe(125);
		const {due, wakeAt} = nextRequests(state, 0);
		expect(due).toEqual([keyOf(1), keyOf(3, T2)]);
		expect(wakeAt).toBe(125);
	});

	it('sends the most overdue row first', () => {
		let state = stateWith([seed(1), seed(2), seed(3)]);
		state = poll(state, keyOf(1), collecting(1), 0); // due 5000
		state = poll(state, keyOf(2), {status: 'STARTED'}, 0); // due 10000
		state = apply(state, {type: 'poll-now', keys: [keyOf(3)], now: 0}); // due 0
		state = poll(state, keyOf(3), collecting(1), 1000); // due 6000
		expect(nextRequests(state, 20_000).due).toEqual([keyOf(1)]);
	});

	it('wakes when the earliest row is due, no sooner', () => {
		const state = poll(stateWith([seed(1)]), keyOf(1), collecting(1), 1000);
		expect(nextRequests(state, 1000)).toEqual({due: [], wakeAt: 6000});
		expect(nextRequests(state, 5999).due).toEqual([]);
		expect(nextRequests(state, 6000).due).toEqual([keyOf(1)]);
	});

	it('skips rows in flight and does not wake for them', () => {
		const state = apply(stateWith([seed(1)]), {type: 'requested', key: keyOf(1), now: 0});
		expect(nextRequests(state, 0)).toEqual({due: []});
		expect(nextRequests(state, 60_000)).toEqual({due: []});
	});

	it('sends nothing and sets no wake-up while the user paused', () => {
		const state = apply(stateWith([seed(1)]), {type: 'set-paused', paused: true, now: 0});
		expect(nextRequests(state, 0)).toEqual({due: []});
	});

	it('has no wake-up when every row has finished', () => {
		const state = stateWith([
			seed(1, {snapshot: {status: 'COMPLETED'}}),
			seed(2, {phase: 'not-found'}),
			seed(3, {phase: 'expired', snapshot: collecting(1)}),
		]);
		expect(nextRequests(state, 0)).toEqual({due: []});
	});

	it('waits for a full budget window to drain, even with a send history it did not space itself', () => {
		const base = stateWith([seed(1)], {budget: {requests: 3, windowMs: 1000}});
		const tenant = base.tenants[T1]!;
		const state: MonitorState = {...base, tenants: {[T1]: {...tenant, sent: [100, 101, 102]}}};
		expect(nextRequests(state, 500)).toEqual({due: [], wakeAt: 1100});
		expect(nextRequests(state, 1100).due).toEqual([keyOf(1)]);
	});
});

describe('budget over a busy minute', () => {
	// 1,000 rows on two tenants (600 and 400); every 20th has already ended, so 570 and 380 are still polled.
	const seeds: RowSeed[] = [];
	for (let n = 1; n <= 1000; n++) {
		const tenant = n <= 600 ? T1 : T2;
		seeds.push(n % 20 === 0 ? seed(n, {tenant, snapshot: {status: 'COMPLETED'}}) : seed(n, {tenant}));
	}

	const ended = new Set(seeds.filter(s => s.snapshot?.status === 'COMPLETED').map(s => keyOf(Number.parseInt(s.id, 16), s.tenant)));
	let result: ReturnType<typeof simulate> | undefined;
	/** Runs once, on first use, so a failure shows in the tests rather than as a broken file. */
	const minute = () =>
		(result ??= simulate(stateWith(seeds, {}, 0), {
			from: 0,
			until: 60_000,
			// Every answer counts up; latency varies between 20 and 400 ms.
			answer: (row, now) => ({latencyMs: 20 + ((Number.parseInt(row.id, 16) * 37) % 380), status: collecting(Math.floor(now / 100))}),
		}));

	it.each([T1, T2])('never exceeds 80 requests in any 10 s window on %s', tenant => {
		const times = minute()
			.sends.filter(s => s.tenant === tenant)
			.map(s => s.at);
		expect(maxInWindow(times, 10_000)).toBeLessThanOrEqual(80);
		// ...and uses the budget rather than idling: 60 s at 8/s.
		expect(times.length).toBeGreaterThanOrEqual(470);
	});

	it.each([T1, T2])('spaces requests on %s evenly, 125 ms apart', tenant => {
		const spacing = gaps(
			minute()
				.sends.filter(s => s.tenant === tenant)
				.map(s => s.at),
		);
		expect(Math.min(...spacing)).toBe(125);
		expect(Math.max(...spacing)).toBe(125);
	});

	it('never requests an ended row', () => {
		expect(minute().sends.filter(s => ended.has(s.key))).toEqual([]);
	});

	it('gets round to every running row of the smaller tenant within the minute (most overdue first)', () => {
		const {sends, state} = minute();
		const polled = new Set(sends.filter(s => s.tenant === T2).map(s => s.key));
		const running = state.rows.filter(r => r.tenant === T2 && r.phase !== 'ended');
		expect(running).toHaveLength(380);
		expect(running.every(r => polled.has(r.key))).toBe(true);
	});
});

describe('the budget counts real send times', () => {
	it('moves a request that left late to when it left, and counts a repeat after a token refresh', () => {
		let state = stateWith([seed(1), seed(2)], {budget: {requests: 2, windowMs: 10_000}});
		state = apply(state, {type: 'requested', key: keyOf(1), now: 0});
		// It waited for a token and left at 3 s; then its 401 was refreshed and it was sent once more.
		state = apply(state, {type: 'sent', tenant: T1, scheduledAt: 0, now: 3000}, {type: 'sent', tenant: T1, now: 3100});
		expect(state.tenants[T1]?.sent).toEqual([3000, 3100]);
		// Two sends in the window: the budget of two is spent until the first of them leaves it.
		expect(nextRequests(state, 9000).due).toEqual([]);
		expect(nextRequests(state, 13_001).due).toEqual([keyOf(2)]);
	});

	it('holds a repeat the scheduler never saw to the window and the spacing at the moment it would leave', () => {
		// 25 per 10 s: sends every 400 ms from 0 to 9.6 s; the last was answered 401 and is about to go again.
		let state = stateWith([seed(1)], {budget: {requests: 25, windowMs: 10_000}});
		for (let at = 0; at <= 9600; at += 400) {
			state = apply(state, {type: 'requested', key: keyOf(1), now: at}, {type: 'sent', tenant: T1, scheduledAt: at, now: at});
		}

		// The window [0.01 s, 10 s] would hold 26: the repeat waits until the send at 0 s has left it.
		expect(sendReadyAt(state, T1, 9610)).toBe(10_000);
		state = apply(state, {type: 'sent', tenant: T1, now: 10_000});
		// It counts like any send: the next one waits a spacing (and for the send at 0.4 s to leave the window).
		expect(sendReadyAt(state, T1, 10_000)).toBe(10_400);
	});

	it("does not count a request's own reservation against its first send, but counts everyone else's", () => {
		let state = stateWith([seed(1), seed(2), seed(3)], {budget: {requests: 25, windowMs: 10_000}});
		// Three requests scheduled 400 ms apart, all waiting for the first token.
		state = apply(
			state,
			{type: 'requested', key: keyOf(1), now: 0},
			{type: 'requested', key: keyOf(2), now: 400},
			{type: 'requested', key: keyOf(3), now: 800},
		);
		// The token lands at 1 s: the first may go 400 ms after the latest reservation, not at once with the others.
		expect(sendReadyAt(state, T1, 1000, 0)).toBe(1200);
		state = apply(state, {type: 'sent', tenant: T1, scheduledAt: 0, now: 1200});
		expect(sendReadyAt(state, T1, 1200, 400)).toBe(1600);
		// A 429 pause holds every send, first or repeat.
		state = apply(state, {
			type: 'failed',
			key: keyOf(1),
			error: {kind: 'rate-limited', message: 'Too many requests', status: 429, retryAfterMs: 3400},
			now: 1600,
		});
		expect(sendReadyAt(state, T1, 1600, 400)).toBe(5000);
		expect(sendReadyAt(state, T1, 1600)).toBe(5000);
	});
});

describe('nextRequests as the monitor goes', () => {
	it('picks the same rows, in the same order, as a fresh look at the state, whatever answered before', () => {
		// The order of the polled rows is carried from answer to answer (poll-order.ts); a copy of the rows array has no
		// order yet and gets one built from scratch.
		const event = fc.record({
			row: fc.integer({min: 1, max: 12}),
			kind: fc.constantFrom('requested', 'polled', 'ended', 'failed', 'poll-now', 'removed', 'added'),
			step: fc.integer({min: 0, max: 3000}),
		});
		fc.assert(
			fc.property(fc.array(event, {maxLength: 80}), events => {
				let state = stateWith(Array.from({length: 12}, (_, index) => seed(index + 1, index % 3 === 0 ? {tenant: T2} : {})));
				let now = 0;
				for (const {row, kind, step} of events) {
					now += step;
					const key = keyOf(row, (row - 1) % 3 === 0 ? T2 : T1);
					switch (kind) {
						case 'requested': {
							state = apply(state, {type: 'requested', key, now});
							break;
						}

						case 'polled': {
							state = poll(state, key, collecting(now % 997), now);
							break;
						}

						case 'ended': {
							state = poll(state, key, {status: 'COMPLETED'}, now);
							break;
						}

						case 'failed': {
							state = apply(state, {type: 'failed', key, error: {kind: 'server', message: 'boom', status: 503}, now});
							break;
						}

						case 'poll-now': {
							state = apply(state, {type: 'poll-now', keys: [key], now});
							break;
						}

						case 'removed': {
							state = apply(state, {type: 'removed', keys: [key]});
							break;
						}

						case 'added': {
							state = apply(state, {type: 'added', rows: [seed(row, (row - 1) % 3 === 0 ? {tenant: T2} : {})], now});
							break;
						}
					}

					expect(nextRequests(state, now)).toEqual(nextRequests({...state, rows: [...state.rows]}, now));
				}
			}),
			{numRuns: 200},
		);
	});
});
