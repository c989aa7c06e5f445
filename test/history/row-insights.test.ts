import {describe, expect, test} from 'vitest';
import {rowKey} from '../../source/core/types.js';
import type {HistoryEntry} from '../../source/history/entry.js';
import {indexHistory, rowInsights} from '../../source/history/row-insights.js';
import {collecting, id, NOW, stateOf} from '../ui/fixtures.js';

const LDAP = id('1d');

function run(n: number, durationMs: number): HistoryEntry {
	const end = NOW - (n + 1) * 86_400_000;
	return {
		tenant: 'acme',
		id: id(`9${n}`),
		source: 'ldap',
		status: 'COMPLETED',
		start: new Date(end - durationMs).toISOString(),
		end: new Date(end).toISOString(),
		durationMs,
		lastSeenRunning: new Date(end - 1000).toISOString(),
		counts: {totalAccounts: 30_000, processedAccounts: 30_000},
		recordedAt: new Date(end).toISOString(),
	};
}

describe('rowInsights', () => {
	// START (fixtures) is 125 s before NOW: the run has taken 125 s so far; the usual LDAP run takes 60 s.
	const state = stateOf([{id: LDAP, label: 'LDAP', answers: [{status: collecting(100, 30_000), ago: 1000}]}]);
	const history = indexHistory([run(0, 60_000), run(1, 60_000), run(2, 65_000)]);
	const key = rowKey('acme', LDAP);

	test("finds the row's source in the history by name (any case) and compares with it", () => {
		const insight = rowInsights(state.rows, NOW, {history, thresholds: new Map(), stallAfterMs: 900_000}).get(key);
		expect(insight?.comparison?.duration).toMatchObject({medianMs: 60_000, runs: 3, running: true, departure: true});
		expect(
			rowInsights(state.rows, NOW, {history: indexHistory([]), thresholds: new Map(), stallAfterMs: 900_000}).get(key),
		).toBeUndefined();
	});

	test("a running row's comparison with the usual duration follows the clock, with no new answer", () => {
		const fresh = indexHistory([run(0, 100_000), run(1, 100_000)]);
		const inputs = {history: fresh, thresholds: new Map(), stallAfterMs: 900_000};
		// 125 s against a usual 100 s: not yet a departure (2×).
		expect(rowInsights(state.rows, NOW, inputs).get(key)?.comparison?.departure).toBe(false);
		// 205 s later than its start is 2.05× the usual: the row is flagged without any new answer.
		expect(rowInsights(state.rows, NOW + 80_000, inputs).get(key)?.comparison?.departure).toBe(true);
	});
});
