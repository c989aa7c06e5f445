import {describe, expect, test} from 'vitest';
import {compareWithPast, median, type PastRun} from '../../source/core/past-runs.js';

const MIN = 60_000;
const run = (durationMs: number, deleted = 3, extra: Partial<PastRun> = {}): PastRun => ({
	status: 'COMPLETED',
	durationMs,
	counts: {processedAccounts: 1000, totalAccountsMarkedForDeletion: deleted, deletedAccounts: deleted},
	...extra,
});
const six = [run(12 * MIN), run(13 * MIN), run(14 * MIN), run(14 * MIN), run(15 * MIN), run(16 * MIN)];

describe('median', () => {
	test('middle value, or the mean of the two middle ones', () => {
		expect(median([3, 1, 2])).toBe(2);
		expect(median([4, 1, 2, 3])).toBe(2.5);
		expect(median([])).toBeUndefined();
	});
});

describe('compareWithPast', () => {
	test('a run 2.8 times the median duration departs, with the median and the number of runs', () => {
		const compared = compareWithPast({elapsedMs: 39.2 * MIN, running: false, status: 'COMPLETED', counts: {deletedAccounts: 3}}, six);
		expect(compared?.duration).toEqual({factor: 2.8, medianMs: 14 * MIN, runs: 6, running: false, departure: true});
		expect(compared?.departure).toBe(true);
	});

	test('a usual run does not depart', () => {
		const compared = compareWithPast(
			{elapsedMs: 15 * MIN, running: false, status: 'COMPLETED', counts: {processedAccounts: 1100, deletedAccounts: 4}},
			six,
		);
		expect(compared?.departure).toBe(false);
		expect(compared?.counts.map(count => count.field)).toEqual(['processedAccounts', 'deletedAccounts']);
	});

	test('removing 1,204 where 3 is usual departs, even while it runs', () => {
		const compared = compareWithPast({elapsedMs: 5 * MIN, running: true, counts: {deletedAccounts: 1204}}, six);
		expect(compared?.counts).toEqual([{field: 'deletedAccounts', value: 1204, median: 3, runs: 6, departure: true}]);
		expect(compared?.duration?.departure).toBe(false);
		expect(compared?.departure).toBe(true);
	});

	test('a small absolute difference is not a departure, and fewer than usual counts only at the end', () => {
		expect(compareWithPast({running: false, status: 'COMPLETED', counts: {deletedAccounts: 9}}, six)?.departure).toBe(false);
		expect(compareWithPast({running: true, counts: {processedAccounts: 10}}, six)?.departure).toBe(false);
		expect(compareWithPast({running: false, status: 'COMPLETED', counts: {processedAccounts: 10}}, six)?.departure).toBe(true);
	});

	test('a running row departs once it has run twice the median; ended much faster departs too', () => {
		expect(compareWithPast({elapsedMs: 27 * MIN, running: true, counts: {}}, six)?.departure).toBe(false);
		expect(compareWithPast({elapsedMs: 28 * MIN, running: true, counts: {}}, six)?.departure).toBe(true);
		expect(compareWithPast({elapsedMs: 4 * MIN, running: false, status: 'COMPLETED', counts: {}}, six)?.departure).toBe(true);
	});

	test('needs two completed runs; cancelled runs and late-seen ends do not count', () => {
		expect(compareWithPast({elapsedMs: MIN, running: true, counts: {}}, [run(MIN)])).toBeUndefined();
		const mixed = [run(MIN), run(50 * MIN, 3, {approximate: true}), run(2 * MIN, 3, {status: 'CANCELLED'}), run(3 * MIN)];
		expect(compareWithPast({elapsedMs: 8 * MIN, running: false, status: 'COMPLETED', counts: {}}, mixed)?.duration).toMatchObject({
			medianMs: 2 * MIN,
			runs: 2,
			factor: 4,
		});
	});

	test('a cancelled run is not compared: it stopped early', () => {
		expect(
			compareWithPast({elapsedMs: 60 * MIN, running: false, status: 'CANCELLED', counts: {deletedAccounts: 1204}}, six),
		).toBeUndefined();
	});
});
