import {describe, expect, it} from 'vitest';
import {NOT_FOUND_STATUS_MESSAGE} from '../../source/core/reducer.js';
import {nextRequests} from '../../source/core/schedule.js';
import {apply, collecting, fail, keyOf, notFound, poll, row, seed, serverError, stateWith} from './fixtures.js';
import {simulate} from './simulate.js';

const grace = 3 * 60_000;

describe('404 for an id never seen', () => {
	it('keeps retrying with backoff during the grace period, then marks it not-found and stops', () => {
		const {state, sends, idleAt} = simulate(stateWith([seed(1)]), {
			from: 0,
			until: 10 * 60_000,
			answer: () => ({latencyMs: 0, error: notFound}),
		});
		const times = sends.map(s => s.at);
		expect(times).toEqual([0, 20_000, 60_000, 120_000, grace]);
		expect(row(state, keyOf(1))).toMatchObject({phase: 'not-found', firstMissingAt: 0, lastError: {kind: 'not-found'}});
		expect(idleAt).toBe(grace); // nothing more is ever scheduled
	});

	it('recovers when the id shows up within the grace period', () => {
		let state = fail(stateWith([seed(1)]), keyOf(1), notFound, 0);
		expect(row(state, keyOf(1))).toMatchObject({phase: 'waiting', firstMissingAt: 0, failures: 1});
		state = poll(state, keyOf(1), {status: 'STARTED'}, 20_000);
		const after = row(state, keyOf(1));
		expect(after.phase).toBe('running');
		expect(after.firstMissingAt).toBeUndefined();
		expect(after.lastError).toBeUndefined();
	});

	it('honours a configured grace of zero: the first 404 is final', () => {
		const state = fail(stateWith([seed(1)], {notFoundGraceMs: 0}), keyOf(1), notFound, 0);
		expect(row(state, keyOf(1)).phase).toBe('not-found');
	});

	it('treats a 200 with status NOT_FOUND like a 404 for a never-seen id', () => {
		let state = poll(stateWith([seed(1)]), keyOf(1), {status: 'NOT_FOUND'}, 0);
		expect(row(state, keyOf(1))).toMatchObject({
			phase: 'waiting',
			firstMissingAt: 0,
			lastError: {kind: 'not-found', message: NOT_FOUND_STATUS_MESSAGE},
		});
		expect(row(state, keyOf(1)).snapshot).toBeUndefined();
		state = poll(state, keyOf(1), {status: 'NOT_FOUND'}, grace);
		expect(row(state, keyOf(1)).phase).toBe('not-found');
	});
});

describe('404 for an id seen before', () => {
	it('treats a 200 with status NOT_FOUND the same: expired at once, last values kept', () => {
		let state = poll(stateWith([seed(1)]), keyOf(1), collecting(640), 0);
		state = poll(state, keyOf(1), {status: 'NOT_FOUND'}, 5000);
		expect(row(state, keyOf(1))).toMatchObject({phase: 'expired', snapshot: collecting(640)});
		expect(row(state, keyOf(1)).lastError).toBeUndefined();
	});

	it('marks the row expired at once and keeps its last values; the expected expiry is not an error', () => {
		let state = poll(stateWith([seed(1)]), keyOf(1), collecting(640), 0);
		state = fail(state, keyOf(1), serverError, 1000);
		state = fail(state, keyOf(1), notFound, 5000);
		expect(row(state, keyOf(1))).toMatchObject({phase: 'expired', snapshot: collecting(640)});
		expect(row(state, keyOf(1)).lastError).toBeUndefined();
		expect(nextRequests(state, 1e9)).toEqual({due: []});
	});

	it('expires a row restored with a snapshot, too', () => {
		const restored = stateWith([seed(1, {phase: 'running', snapshot: collecting(10)})]);
		const state = apply(restored, {type: 'requested', key: keyOf(1), now: 0}, {type: 'failed', key: keyOf(1), error: notFound, now: 0});
		expect(row(state, keyOf(1)).phase).toBe('expired');
	});
});
