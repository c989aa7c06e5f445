import {describe, expect, it} from 'vitest';
import {entryFromRow, type HistoryEntry} from '../../source/history/entry.js';
import {previousRuns, slowness, typicalDurationMs} from '../../source/history/previous-runs.js';
import {endedRow, hexId, MINUTE, T0} from './fixtures.js';

function entry(n: number, endedAt: number, durationMs: number, extra: Parameters<typeof endedRow>[2] = {}): HistoryEntry {
	return entryFromRow(endedRow(n, endedAt, extra, durationMs), endedAt)!;
}

const HOUR = 60 * MINUTE;

describe('previousRuns', () => {
	const history = [
		entry(1, T0 - 72 * HOUR, 10 * MINUTE),
		entry(2, T0 - 48 * HOUR, 12 * MINUTE),
		entry(3, T0 - 47 * HOUR, 3 * MINUTE, {label: 'Active Directory'}),
		entry(4, T0 - 24 * HOUR, 11 * MINUTE, {tenant: 'globex'}),
		entry(5, T0 - 24 * HOUR, 2 * MINUTE, {
			snapshot: {start: new Date(T0 - 24 * HOUR - 2 * MINUTE).toISOString(), status: 'CANCELLED', processedAccounts: 7, totalAccounts: 100},
		}),
		entry(6, T0, 40 * MINUTE),
		entry(7, T0 + HOUR, 9 * MINUTE),
	];

	it('lists earlier runs of the same source on the same tenant, newest first, with durations and accounts', () => {
		expect(previousRuns(history, 'acme', 'Workday', hexId(6))).toEqual([
			{
				id: hexId(5),
				status: 'CANCELLED',
				start: expect.any(String),
				end: new Date(T0 - 24 * HOUR).toISOString(),
				durationMs: 2 * MINUTE,
				accounts: 7,
			},
			{
				id: hexId(2),
				status: 'COMPLETED',
				start: expect.any(String),
				end: new Date(T0 - 48 * HOUR).toISOString(),
				durationMs: 12 * MINUTE,
				accounts: 102,
			},
			{
				id: hexId(1),
				status: 'COMPLETED',
				start: expect.any(String),
				end: new Date(T0 - 72 * HOUR).toISOString(),
				durationMs: 10 * MINUTE,
				accounts: 101,
			},
		]);
	});

	it('for a run not in the history yet (still running), lists every recorded run of the source', () => {
		expect(previousRuns(history, 'acme', 'workday', 'ffff', {limit: 2}).map(run => run.id)).toEqual([hexId(7), hexId(6)]);
	});

	it('makes a slow run obvious: 40 minutes against a typical 10 of the completed runs', () => {
		const runs = previousRuns(history, 'acme', 'Workday', hexId(6));
		expect(typicalDurationMs(runs)).toBe(11 * MINUTE);
		expect(slowness(40 * MINUTE, runs)).toBeCloseTo(40 / 11);
	});

	it('leaves runs whose end was seen late out of the typical duration', () => {
		const late = entry(8, T0 - 96 * HOUR, 300 * MINUTE, {lastRunningAt: undefined});
		const runs = previousRuns([late, ...history], 'acme', 'Workday', hexId(6));
		expect(runs.find(run => run.id === hexId(8))?.approximate).toBe(true);
		expect(typicalDurationMs(runs)).toBe(11 * MINUTE);
		expect(typicalDurationMs([])).toBeUndefined();
		expect(slowness(MINUTE, [])).toBeUndefined();
	});
});
