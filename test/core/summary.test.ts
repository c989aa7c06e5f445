import {describe, expect, it} from 'vitest';
import {outcomeGroup, rowOutcome, summarize} from '../../source/core/summary.js';
import {collecting, fail, keyOf, row, seed, serverError, stateWith, T1, unauthorized} from './fixtures.js';

const state = stateWith([
	seed(1),
	seed(2, {snapshot: collecting(5)}),
	seed(3, {snapshot: {status: 'COMPLETED'}}),
	seed(4, {snapshot: {status: 'CANCELLED'}}),
	seed(5, {snapshot: {status: 'TERMINATED'}}),
	seed(6, {phase: 'not-found'}),
	seed(7, {phase: 'expired', snapshot: collecting(9)}),
	seed(8, {phase: 'ended'}),
]);

describe('rowOutcome', () => {
	it('classifies every phase and end status', () => {
		expect(state.rows.map(rowOutcome)).toEqual([
			'waiting',
			'running',
			'completed',
			'cancelled',
			'terminated',
			'not-found',
			'expired',
			'expired',
		]);
	});

	it('groups outcomes for exit codes: only COMPLETED is done; expired is unknown', () => {
		expect(state.rows.map(r => outcomeGroup(rowOutcome(r)))).toEqual([
			'active',
			'active',
			'done',
			'failed',
			'failed',
			'failed',
			'unknown',
			'unknown',
		]);
	});
});

describe('summarize', () => {
	it('counts rows for the header: cancelled and not-found rows apart from failures (issue 22)', () => {
		expect(summarize(state, 0)).toEqual({
			total: 8,
			running: 1,
			waiting: 1,
			done: 1,
			warnings: 0,
			errors: 0,
			failed: 1,
			cancelled: 1,
			notFound: 1,
			expired: 2,
			erroring: 0,
			rateLimitedUntil: {},
			authErrors: {},
			paused: false,
		});
	});

	it('counts failing rows and tenant-wide auth errors', () => {
		let next = fail(state, keyOf(2), serverError, 10);
		expect(summarize(next, 10).erroring).toBe(1);
		next = fail(next, keyOf(1), unauthorized, 20);
		expect(summarize(next, 20).authErrors[T1]).toMatchObject({kind: 'auth', at: 20});
		expect(row(next, keyOf(1)).lastError).toBeUndefined();
	});
});
