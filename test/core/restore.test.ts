import {describe, expect, it} from 'vitest';
import {nextRequests} from '../../source/core/schedule.js';
import {apply, collecting, keyOf, row, seed, stateWith} from './fixtures.js';

describe('restoring rows from the store', () => {
	const restored = stateWith(
		[
			seed(1, {phase: 'running', snapshot: collecting(100), lastOkAt: 50_000, label: 'AD'}),
			seed(2, {phase: 'ended', snapshot: {...collecting(1000), status: 'COMPLETED'}, endedAt: 40_000}),
			seed(3, {phase: 'not-found'}),
			seed(4, {phase: 'expired', snapshot: collecting(20)}),
			seed(5, {snapshot: {status: 'TERMINATED'}}),
			seed(6),
		],
		{},
		100_000,
	);

	it('keeps snapshot, label, phase and end time', () => {
		expect(row(restored, keyOf(1))).toMatchObject({phase: 'running', label: 'AD', snapshot: collecting(100), lastOkAt: 50_000});
		expect(row(restored, keyOf(2))).toMatchObject({phase: 'ended', endedAt: 40_000});
		expect(row(restored, keyOf(4))).toMatchObject({phase: 'expired', snapshot: collecting(20)});
	});

	it('derives the phase from the snapshot when the seed has none', () => {
		expect(row(restored, keyOf(5)).phase).toBe('ended');
		expect(row(restored, keyOf(6)).phase).toBe('waiting');
	});

	it('seeds the rate window with the stored count', () => {
		expect(row(restored, keyOf(1)).samples).toEqual([{at: 50_000, processed: 100}]);
	});

	it('polls only the rows that can still change', () => {
		const seen = new Set<string>();
		let state = restored;
		let now: number | undefined = 100_000;
		while (now !== undefined) {
			const {due, wakeAt} = nextRequests(state, now);
			for (const key of due) {
				seen.add(key);
				state = apply(state, {type: 'requested', key, now}); // no answers: they stay in flight
			}

			now = wakeAt;
		}

		expect([...seen].sort()).toEqual([keyOf(1), keyOf(6)].sort());
	});
});
