import {describe, expect, test} from 'vitest';
import {DEFAULT_STALL_AFTER_MS, stallBaseline, stallOf, stallThresholdMs} from '../../source/core/stall.js';
import type {AggregationStatus} from '../../source/domain/status.js';
import {collecting, keyOf, poll, row, seed, stateWith} from './fixtures.js';

const MIN = 60_000;
const START = Date.parse('2025-01-01T00:00:00Z');
const key = keyOf(1);

/** One row polled with these answers at these times (ms after START). */
function polledAt(...answers: Array<[number, AggregationStatus]>) {
	let state = stateWith([seed(1)], {}, START);
	for (const [at, status] of answers) {
		state = poll(state, key, status, START + at);
	}

	return row(state, key);
}

describe('stallOf', () => {
	test('a row whose processed count has not moved for --stall-after is stalled, counted from the first answer with that count', () => {
		const stuck = polledAt([MIN, collecting(100)], [2 * MIN, collecting(300)], [10 * MIN, collecting(300)], [16 * MIN, collecting(300)]);
		expect(stallOf(stuck, 15 * MIN)).toBeUndefined();
		const later = polledAt([MIN, collecting(100)], [2 * MIN, collecting(300)], [17 * MIN + 1000, collecting(300)]);
		expect(stallOf(later, 15 * MIN)).toMatchObject({
			kind: 'no-progress',
			since: START + 2 * MIN,
			forMs: 15 * MIN + 1000,
			thresholdMs: 15 * MIN,
		});
	});

	test('the mark clears when progress resumes', () => {
		const resumed = polledAt([MIN, collecting(100)], [20 * MIN, collecting(100)], [21 * MIN, collecting(150)]);
		expect(stallOf(resumed, 15 * MIN)).toBeUndefined();
	});

	test('the threshold is 3 times the longest pause of earlier runs when that is longer than --stall-after', () => {
		const stuck = polledAt([MIN, collecting(100)], [21 * MIN, collecting(100)]);
		// 20 minutes without progress: 3 × 7 = 21 minutes are allowed, 3 × 6 = 18 are not.
		expect(stallOf(stuck, 15 * MIN, {longestGapMs: 7 * MIN})).toBeUndefined();
		expect(stallOf(stuck, 15 * MIN, {longestGapMs: 6 * MIN})).toMatchObject({forMs: 20 * MIN, thresholdMs: 18 * MIN});
		expect(stallOf(stuck, 15 * MIN, {longestGapMs: 2 * MIN})).toMatchObject({forMs: 20 * MIN, thresholdMs: 15 * MIN});
		expect(stallThresholdMs(15 * MIN, 7 * MIN)).toBe(21 * MIN);
		expect(stallThresholdMs(15 * MIN, undefined)).toBe(15 * MIN);
	});

	test('a row in STARTED far longer than the source ever stayed there is stalled, measured from its start', () => {
		const started: AggregationStatus = {start: '2025-01-01T00:00:00Z', status: 'STARTED'};
		const row = polledAt([2 * MIN, started], [16 * MIN, started]);
		expect(stallOf(row, 15 * MIN)).toMatchObject({kind: 'started', since: START, forMs: 16 * MIN});
		// The source usually collects for 10 minutes: 3 × 10 = 30 minutes are allowed.
		expect(stallOf(row, 15 * MIN, {longestStartedMs: 10 * MIN})).toBeUndefined();
	});

	test('a RETRIED row is not called stalled: ISC is retrying it', () => {
		const retried = polledAt(
			[MIN, {start: '2025-01-01T00:00:00Z', status: 'RETRIED'}],
			[30 * MIN, {start: '2025-01-01T00:00:00Z', status: 'RETRIED'}],
		);
		expect(stallOf(retried, 15 * MIN)).toBeUndefined();
	});

	test('an ended row, or one whose requests fail, is not called stalled', () => {
		const ended = polledAt([MIN, collecting(100)], [30 * MIN, {...collecting(100), status: 'COMPLETED'}]);
		expect(stallOf(ended, 15 * MIN)).toBeUndefined();
		// The last good answer is what counts: 2 minutes without progress seen, however late it is now.
		const quiet = polledAt([MIN, collecting(100)], [3 * MIN, collecting(100)]);
		expect(stallOf(quiet, 15 * MIN)).toBeUndefined();
	});

	test('the baseline is the longest pause and the longest STARTED of earlier runs', () => {
		expect(
			stallBaseline([
				{status: 'COMPLETED', counts: {}, longestGapMs: 1000, startedMs: 9000},
				{status: 'COMPLETED', counts: {}, longestGapMs: 4000},
				{status: 'CANCELLED', counts: {}},
			]),
		).toEqual({longestGapMs: 4000, longestStartedMs: 9000});
		expect(stallBaseline([])).toEqual({});
		expect(DEFAULT_STALL_AFTER_MS).toBe(15 * MIN);
	});
});

describe('what the reducer notes for it', () => {
	test('the longest pause between moves after STARTED, and when STARTED ended', () => {
		const started: AggregationStatus = {start: '2025-01-01T00:00:00Z', status: 'STARTED'};
		const seen = polledAt(
			[0, started],
			[4 * MIN, started],
			[5 * MIN, collecting(10)],
			[6 * MIN, collecting(20)],
			[9 * MIN, collecting(20)],
			[10 * MIN, collecting(30)],
		);
		expect(seen.leftStartedAt).toBe(START + 5 * MIN);
		expect(seen.longestGapMs).toBe(4 * MIN);
		expect(seen.progressAt).toBe(START + 10 * MIN);
	});
});
