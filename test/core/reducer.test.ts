import {describe, expect, it} from 'vitest';
import {createMonitorState, reduce} from '../../source/core/reducer.js';
import {MAX_SAMPLES} from '../../source/core/samples.js';
import {DEFAULT_OPTIONS, rowKey} from '../../source/core/types.js';
import {apply, collecting, fail, keyOf, poll, row, seed, serverError, stateWith, T1, T2, taskId} from './fixtures.js';

describe('createMonitorState', () => {
	it('uses the defaults and makes new rows due at once', () => {
		const state = stateWith([seed(1)], {}, 500);
		expect(state.options).toEqual(DEFAULT_OPTIONS);
		expect(state.paused).toBe(false);
		expect(row(state, keyOf(1))).toMatchObject({phase: 'waiting', nextPollAt: 500, inFlight: false, failures: 0});
		expect(state.tenants[T1]).toEqual({name: T1, sent: []});
	});

	it('merges partial options, including a partial budget', () => {
		const state = createMonitorState({intervalMs: 2000, budget: {requests: 40, windowMs: 10_000}});
		expect(state.options.intervalMs).toBe(2000);
		expect(state.options.budget).toEqual({requests: 40, windowMs: 10_000});
		expect(state.options.authRetryMs).toBe(DEFAULT_OPTIONS.authRetryMs);
	});

	it('rejects options that would break the schedule', () => {
		expect(() => createMonitorState({intervalMs: 0})).toThrow(/intervalMs/);
		expect(() => createMonitorState({budget: {requests: 0, windowMs: 10_000}})).toThrow(/budget.requests/);
		expect(() => createMonitorState({budget: {requests: 80, windowMs: Number.NaN}})).toThrow(/windowMs/);
	});
});

describe('adaptive interval', () => {
	it.each([
		['ACCOUNTS_COLLECTED', 5000],
		['RETRIED', 5000],
		['STARTED', 10_000],
		['SOMETHING_NEW', 10_000],
	])('after %s the row is next due in %i ms', (status, interval) => {
		const state = poll(stateWith([seed(1)]), keyOf(1), {status}, 1000);
		expect(row(state, keyOf(1))).toMatchObject({phase: 'running', nextPollAt: 1000 + interval, inFlight: false});
	});

	it('a row with no answer yet waits twice the interval after an answer without a status', () => {
		const state = poll(stateWith([seed(1)]), keyOf(1), {}, 1000);
		expect(row(state, keyOf(1))).toMatchObject({phase: 'waiting', nextPollAt: 11_000, lastOkAt: 1000});
	});

	it('follows the configured interval', () => {
		const state = poll(stateWith([seed(1)], {intervalMs: 1000}), keyOf(1), collecting(1), 0);
		expect(row(state, keyOf(1)).nextPollAt).toBe(1000);
	});
});

describe('end states', () => {
	it.each(['COMPLETED', 'CANCELLED', 'TERMINATED'])('%s ends the row and keeps the final numbers', status => {
		let state = poll(stateWith([seed(1)]), keyOf(1), collecting(400), 1000);
		state = poll(state, keyOf(1), {...collecting(900), status}, 6000);
		expect(row(state, keyOf(1))).toMatchObject({
			phase: 'ended',
			endedAt: 6000,
			snapshot: {status, processedAccounts: 900},
		});
	});

	it('a late answer for an ended row changes nothing but the in-flight flag', () => {
		let state = poll(stateWith([seed(1)]), keyOf(1), {status: 'COMPLETED'}, 1000);
		const ended = state;
		state = reduce(state, {type: 'polled', key: keyOf(1), status: collecting(5), now: 2000});
		expect(state).toBe(ended);
		state = reduce(state, {type: 'failed', key: keyOf(1), error: serverError, now: 2000});
		expect(state).toBe(ended);
	});
});

describe('other errors', () => {
	it('back off exponentially per row up to maxBackoffMs and keep the last data', () => {
		let state = poll(stateWith([seed(1), seed(2)]), keyOf(1), collecting(10), 0);
		const delays: number[] = [];
		let now = 5000;
		for (let i = 0; i < 5; i++) {
			state = fail(state, keyOf(1), serverError, now);
			delays.push(row(state, keyOf(1)).nextPollAt - now);
			now = row(state, keyOf(1)).nextPollAt;
		}

		expect(delays).toEqual([10_000, 20_000, 40_000, 60_000, 60_000]);
		expect(row(state, keyOf(1))).toMatchObject({
			phase: 'running',
			failures: 5,
			snapshot: collecting(10),
			lastError: {kind: 'server', trackingId: 'trk-1'},
		});
		// The other row is untouched.
		expect(row(state, keyOf(2))).toMatchObject({failures: 0, nextPollAt: 0});
	});

	it('a success clears the error and the backoff', () => {
		let state = fail(stateWith([seed(1)]), keyOf(1), {kind: 'network', message: 'reset', code: 'ECONNRESET'}, 0);
		expect(row(state, keyOf(1)).lastError).toMatchObject({kind: 'network', code: 'ECONNRESET', at: 0});
		state = poll(state, keyOf(1), collecting(3), 20_000);
		const after = row(state, keyOf(1));
		expect(after.lastError).toBeUndefined();
		expect(after.failures).toBe(0);
		expect(after.nextPollAt).toBe(25_000);
	});
});

describe('progress samples', () => {
	it('records each processed count and keeps a bounded window', () => {
		let state = stateWith([seed(1)]);
		for (let i = 0; i < 30; i++) {
			state = poll(state, keyOf(1), collecting(i * 10), i * 5000);
		}

		const {samples} = row(state, keyOf(1));
		expect(samples).toHaveLength(MAX_SAMPLES);
		expect(samples.at(-1)).toEqual({at: 29 * 5000, processed: 290});
		expect(samples[0]).toEqual({at: 10 * 5000, processed: 100});
	});

	it('drops samples older than five minutes', () => {
		let state = poll(stateWith([seed(1)]), keyOf(1), collecting(1), 0);
		state = poll(state, keyOf(1), collecting(2), 200_000);
		state = poll(state, keyOf(1), collecting(3), 400_000);
		expect(row(state, keyOf(1)).samples.map(s => s.processed)).toEqual([2, 3]);
	});

	it('starts over when the count goes back (a retry)', () => {
		let state = poll(stateWith([seed(1)]), keyOf(1), collecting(500), 0);
		state = poll(state, keyOf(1), collecting(600), 5000);
		state = poll(state, keyOf(1), {...collecting(20), status: 'RETRIED'}, 10_000);
		expect(row(state, keyOf(1)).samples).toEqual([{at: 10_000, processed: 20}]);
	});

	it('does not record a sample when the count is absent', () => {
		const state = poll(stateWith([seed(1)]), keyOf(1), {status: 'STARTED'}, 0);
		expect(row(state, keyOf(1)).samples).toEqual([]);
	});
});

describe('user events', () => {
	it('poll-now makes polled rows due now, leaves ended and already-due rows alone', () => {
		let state = stateWith([seed(1), seed(2), seed(3)]);
		state = poll(state, keyOf(1), collecting(1), 0); // due at 5000
		state = poll(state, keyOf(2), {status: 'COMPLETED'}, 0);
		state = apply(state, {type: 'poll-now', now: 1000});
		expect(row(state, keyOf(1)).nextPollAt).toBe(1000);
		expect(row(state, keyOf(2)).phase).toBe('ended');
		expect(row(state, keyOf(3)).nextPollAt).toBe(0);
	});

	it('poll-now with keys touches only those rows, and returns the same state when nothing moves', () => {
		let state = stateWith([seed(1), seed(2)]);
		state = poll(state, keyOf(1), collecting(1), 0);
		state = poll(state, keyOf(2), collecting(1), 0);
		const next = apply(state, {type: 'poll-now', keys: [keyOf(2)], now: 100});
		expect(row(next, keyOf(1)).nextPollAt).toBe(5000);
		expect(row(next, keyOf(2)).nextPollAt).toBe(100);
		expect(reduce(next, {type: 'poll-now', keys: [keyOf(2)], now: 100})).toBe(next);
	});

	it('set-paused toggles and is a no-op when unchanged', () => {
		const state = stateWith([seed(1)]);
		const paused = reduce(state, {type: 'set-paused', paused: true, now: 0});
		expect(paused.paused).toBe(true);
		expect(reduce(paused, {type: 'set-paused', paused: true, now: 1})).toBe(paused);
		expect(reduce(state, {type: 'set-paused', paused: false, now: 1})).toBe(state);
	});

	it('clear-finished drops ended, not-found and expired rows only', () => {
		const state = stateWith([
			seed(1),
			seed(2, {phase: 'running', snapshot: collecting(1)}),
			seed(3, {phase: 'ended', snapshot: {status: 'COMPLETED'}}),
			seed(4, {phase: 'not-found'}),
			seed(5, {phase: 'expired', snapshot: collecting(2)}),
		]);
		const cleared = reduce(state, {type: 'clear-finished'});
		expect(cleared.rows.map(r => r.id)).toEqual([taskId(1), taskId(2)]);
		expect(reduce(cleared, {type: 'clear-finished'})).toBe(cleared);
	});

	it('removed drops the given rows; unknown keys change nothing', () => {
		const state = stateWith([seed(1), seed(2)]);
		const next = reduce(state, {type: 'removed', keys: [keyOf(1)]});
		expect(next.rows.map(r => r.id)).toEqual([taskId(2)]);
		expect(reduce(next, {type: 'removed', keys: [keyOf(9)]})).toBe(next);
	});

	it('added ignores keys already tracked and keeps the same id apart on two tenants', () => {
		let state = poll(stateWith([seed(1)]), keyOf(1), collecting(7), 0);
		const before = state;
		expect(reduce(state, {type: 'added', rows: [seed(1)], now: 10})).toBe(before);
		state = reduce(state, {type: 'added', rows: [seed(1, {tenant: T2}), seed(2), seed(2)], now: 10});
		expect(state.rows.map(r => r.key)).toEqual([keyOf(1), rowKey(T2, taskId(1)), keyOf(2)]);
		expect(row(state, keyOf(1)).snapshot).toEqual(collecting(7));
		expect(row(state, rowKey(T2, taskId(1)))).toMatchObject({phase: 'waiting', nextPollAt: 10});
		expect(Object.keys(state.tenants).sort()).toEqual([T1, T2]);
	});

	it('labelled sets the label; the same label returns the same state', () => {
		const state = reduce(stateWith([seed(1)]), {type: 'labelled', key: keyOf(1), label: 'HR Workday'});
		expect(row(state, keyOf(1)).label).toBe('HR Workday');
		expect(reduce(state, {type: 'labelled', key: keyOf(1), label: 'HR Workday'})).toBe(state);
		expect(reduce(state, {type: 'labelled', key: keyOf(9), label: 'x'})).toBe(state);
	});

	it('requested marks the row in flight and records the send, pruning the old window', () => {
		let state = stateWith([seed(1), seed(2)]);
		state = apply(state, {type: 'requested', key: keyOf(1), now: 0}, {type: 'requested', key: keyOf(2), now: 4000});
		expect(row(state, keyOf(1)).inFlight).toBe(true);
		expect(state.tenants[T1]?.sent).toEqual([0, 4000]);
		state = apply(state, {type: 'polled', key: keyOf(1), status: collecting(1), now: 10_050});
		state = apply(state, {type: 'requested', key: keyOf(1), now: 10_100});
		expect(state.tenants[T1]?.sent).toEqual([4000, 10_100]);
	});

	it('events for rows that are gone change nothing', () => {
		const state = stateWith([seed(1)]);
		expect(reduce(state, {type: 'requested', key: keyOf(9), now: 0})).toBe(state);
		expect(reduce(state, {type: 'polled', key: keyOf(9), status: collecting(1), now: 0})).toBe(state);
		expect(reduce(state, {type: 'failed', key: keyOf(9), error: serverError, now: 0})).toBe(state);
	});

	it('never mutates the state it is given', () => {
		const state = stateWith([seed(1)]);
		const copy = structuredClone(state);
		fail(poll(state, keyOf(1), collecting(3), 0), keyOf(1), serverError, 5000);
		reduce(state, {type: 'clear-finished'});
		expect(state).toEqual(copy);
	});
});
