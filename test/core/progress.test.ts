import {describe, expect, it} from 'vitest';
import {elapsed, eta, isStale, percent, rate, rowElapsed} from '../../source/core/progress.js';
import {apply, collecting, fail, keyOf, poll, row, seed, serverError, stateWith} from './fixtures.js';

describe('rate', () => {
	it('is undefined with fewer than two samples or no time between them', () => {
		expect(rate([])).toBeUndefined();
		expect(rate([{at: 0, processed: 10}])).toBeUndefined();
		expect(
			rate([
				{at: 5, processed: 10},
				{at: 5, processed: 20},
			]),
		).toBeUndefined();
	});

	it('uses the whole span, so uneven batches average out', () => {
		const samples = [
			{at: 0, processed: 0},
			{at: 5000, processed: 900},
			{at: 10_000, processed: 900},
			{at: 20_000, processed: 2000},
		];
		expect(rate(samples)).toBe(100);
	});

	it('is 0 when nothing moves', () => {
		expect(
			rate([
				{at: 0, processed: 7},
				{at: 9000, processed: 7},
			]),
		).toBe(0);
	});
});

describe('eta', () => {
	function running(...points: Array<[number, number]>) {
		let state = stateWith([seed(1)]);
		for (const [at, processed] of points) {
			state = poll(state, keyOf(1), collecting(processed, 1000), at);
		}

		return row(state, keyOf(1));
	}

	it('is the remaining accounts over the observed rate, less the time since the last answer', () => {
		const tracked = running([0, 0], [10_000, 200]); // 20/s, 800 left → 40 s
		expect(eta(tracked, 10_000)).toBe(40_000);
		expect(eta(tracked, 15_000)).toBe(35_000);
		expect(eta(tracked, 100_000)).toBe(0);
	});

	it('is undefined without progress, without a total, or once the row has ended', () => {
		expect(eta(running([0, 100]), 0)).toBeUndefined();
		expect(eta(running([0, 100], [5000, 100]), 5000)).toBeUndefined();
		const state = poll(stateWith([seed(1)]), keyOf(1), {status: 'STARTED'}, 0);
		expect(eta(row(state, keyOf(1)), 0)).toBeUndefined();
		const ended = poll(stateWith([seed(1)]), keyOf(1), {...collecting(1000), status: 'COMPLETED'}, 0);
		expect(eta(row(ended, keyOf(1)), 0)).toBeUndefined();
	});

	it('is 0 when every account is processed but the status has not caught up', () => {
		expect(eta(running([0, 900], [5000, 1000]), 5000)).toBe(0);
	});
});

describe('percent', () => {
	it('is processed over total, clamped to 0..100', () => {
		expect(percent(collecting(250, 1000))).toBe(25);
		expect(percent(collecting(1200, 1000))).toBe(100);
	});

	it('is undefined without counts; a completed empty aggregation is 100', () => {
		expect(percent(undefined)).toBeUndefined();
		expect(percent({status: 'STARTED'})).toBeUndefined();
		expect(percent({status: 'ACCOUNTS_COLLECTED', totalAccounts: 0, processedAccounts: 0})).toBeUndefined();
		expect(percent({status: 'COMPLETED', totalAccounts: 0, processedAccounts: 0})).toBe(100);
	});
});

describe('elapsed', () => {
	const start = Date.parse('2025-01-01T00:00:00Z');

	it('counts from start, never negative, undefined without a valid start', () => {
		expect(elapsed({start: '2025-01-01T00:00:00Z'}, start + 65_000)).toBe(65_000);
		expect(elapsed({start: '2025-01-01T00:00:00Z'}, start - 1000)).toBe(0);
		expect(elapsed({start: null}, start)).toBeUndefined();
		expect(elapsed({}, start)).toBeUndefined();
		expect(elapsed(undefined, start)).toBeUndefined();
	});

	it('stops the clock for an ended row', () => {
		const state = poll(stateWith([seed(1)]), keyOf(1), {...collecting(5), status: 'COMPLETED'}, start + 90_000);
		expect(rowElapsed(row(state, keyOf(1)), start + 999_000)).toBe(90_000);
		const live = poll(stateWith([seed(1)]), keyOf(1), collecting(5), start + 90_000);
		expect(rowElapsed(row(live, keyOf(1)), start + 100_000)).toBe(100_000);
	});
});

describe('isStale', () => {
	it("is true once the last good answer is older than two of the row's intervals", () => {
		const collected = row(poll(stateWith([seed(1)]), keyOf(1), collecting(1), 0), keyOf(1));
		expect(isStale(collected, 10_000, 5000)).toBe(false);
		expect(isStale(collected, 10_001, 5000)).toBe(true);
		const started = row(poll(stateWith([seed(1)]), keyOf(1), {status: 'STARTED'}, 0), keyOf(1));
		expect(isStale(started, 20_000, 5000)).toBe(false);
		expect(isStale(started, 20_001, 5000)).toBe(true);
	});

	it("follows the row's own schedule, not its age: a row out of view polled every minute is not stale at 40 s; a failed request is", () => {
		let state = apply(stateWith([seed(1), seed(2)], {budget: {requests: 1, windowMs: 10_000}}), {
			type: 'focused',
			keys: [keyOf(2)],
			now: 0,
		});
		state = poll(state, keyOf(1), collecting(1), 0);
		const outOfView = row(state, keyOf(1));
		expect(outOfView.nextPollAt).toBeGreaterThan(40_000); // the budget leaves it fewer than one request in 40 s
		expect(isStale(outOfView, 40_000, 5000)).toBe(false);
		expect(isStale(outOfView, outOfView.nextPollAt + 5001, 5000)).toBe(true);
		state = fail(state, keyOf(1), serverError, 41_000);
		expect(isStale(row(state, keyOf(1)), 41_000, 5000)).toBe(true);
	});

	it('is never true for rows without an answer or that are no longer polled', () => {
		expect(isStale(row(stateWith([seed(1)]), keyOf(1)), 1e9, 5000)).toBe(false);
		const ended = poll(stateWith([seed(1)]), keyOf(1), {status: 'COMPLETED'}, 0);
		expect(isStale(row(ended, keyOf(1)), 1e9, 5000)).toBe(false);
	});
});
