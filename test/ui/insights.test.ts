/**
 * Stalls, deletion risk and comparisons with past runs on the monitor screen: the marks on a row, the stalled
 * count in the header, the detail pane's lines, and the alerts. Insights are computed from the state as the
 * monitor assembly does (rowInsights over a history), so the screen reacts to answers like the app.
 */
import {afterEach, describe, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {rowKey, type MonitorState} from '../../source/core/types.js';
import type {HistoryEntry} from '../../source/history/entry.js';
import type {AlertOutput} from '../../source/ui/index.js';
import {indexHistory, rowInsights} from '../../source/history/row-insights.js';
import {collecting, id, NOW, START, stateOf} from './fixtures.js';
import {keys, press, renderMonitor} from './helpers.js';

afterEach(() => {
	cleanup();
});

const MIN = 60_000;
const LDAP = id('1d');
const OKTA = id('0c');

/** Earlier runs of a source on tenant acme, one a day, each ending in time (so durations count). */
function pastRuns(
	source: string,
	durationsMs: number[],
	counts: HistoryEntry['counts'],
	extra: Partial<HistoryEntry> = {},
): HistoryEntry[] {
	return durationsMs.map((durationMs, index) => {
		const end = NOW - (index + 1) * 86_400_000;
		return {
			tenant: 'acme',
			id: `${source.toLowerCase().padEnd(4, 'x').slice(0, 4)}${index}`.padEnd(32, '0'),
			source,
			status: 'COMPLETED',
			start: new Date(end - durationMs).toISOString(),
			end: new Date(end).toISOString(),
			durationMs,
			lastSeenRunning: new Date(end - 5000).toISOString(),
			counts,
			recordedAt: new Date(end).toISOString(),
			...extra,
		};
	});
}

const HISTORY = indexHistory([
	...pastRuns(
		'LDAP',
		[40_000, 45_000, 42_000],
		{totalAccounts: 30_000, processedAccounts: 30_000, deletedAccounts: 3, totalAccountsMarkedForDeletion: 3},
		{longestGapMs: 5000},
	),
	...pastRuns('Okta', [25_000, 26_000, 24_000], {
		totalAccounts: 4000,
		processedAccounts: 4000,
		deletedAccounts: 2,
		totalAccountsMarkedForDeletion: 2,
	}),
]);

function insightsFor(thresholds: ReadonlyMap<string, number> = new Map()) {
	return (state: MonitorState, now: number) => rowInsights(state.rows, now, {history: HISTORY, thresholds, stallAfterMs: 15 * MIN});
}

/** LDAP: its count stood at 7,500 from 17 minutes ago until the last answer, a second ago. */
function stalledState() {
	return stateOf([
		{
			id: LDAP,
			label: 'LDAP',
			answers: [
				{status: collecting(7000, 30_000), ago: 18 * MIN},
				{status: collecting(7500, 30_000), ago: 17 * MIN + 1000},
				{status: collecting(7500, 30_000), ago: 1000},
			],
		},
		{
			id: OKTA,
			label: 'Okta',
			answers: [{status: {...collecting(1000, 4000), totalAccountsMarkedForDeletion: 900, deletedAccounts: 0}, ago: 1000}],
		},
	]);
}

function lineOf(frame: string, label: string): string {
	return (
		frame
			.split('\n')
			.slice(1)
			.find(line => line.includes(label)) ?? ''
	);
}

describe('a stalled row', () => {
	test('is marked on its line, counted in the header, and explained in the detail pane', async () => {
		const m = renderMonitor({state: stalledState(), now: NOW, size: {columns: 200, rows: 30}, insightsFor: insightsFor()});
		const text = await m.waitFor(frame => frame.includes('LDAP'));
		// Said beside the comparison, which says which way it departs (in full where the marks have room).
		expect(lineOf(text, 'LDAP')).toMatch(/stalled\? (no progress for )?17m {2}3× slower/);
		expect(text.split('\n')[0]).toContain('1 stalled?');
		// Okta moves: not stalled.
		expect(lineOf(text, 'Okta')).not.toContain('stalled');
		await press(m.stdin, keys.enter);
		const detail = await m.waitFor(frame => frame.includes('Stalled?'));
		expect(detail).toMatch(/Stalled\?\s+no progress for 17m 00s \(threshold 15m 00s: --stall-after\)/);
	});

	test('/stalled finds it: the filter matches the marks the row shows (issue 22)', async () => {
		const m = renderMonitor({state: stalledState(), now: NOW, size: {columns: 200, rows: 30}, insightsFor: insightsFor()});
		await m.waitFor(frame => lineOf(frame, 'LDAP').includes('stalled?') && frame.includes('Okta'));
		for (const key of ['/', 's', 't', 'a', 'l', 'l', 'e', 'd', keys.enter]) {
			await press(m.stdin, key);
		}

		const text = await m.waitFor(frame => !lineOf(frame, 'Okta').includes('Okta') && frame.includes('row 1 of 1'));
		expect(lineOf(text, 'LDAP')).toContain('stalled?');
	});

	test('is told once (bell and notification), and the mark clears when progress resumes', async () => {
		const outputs: AlertOutput[] = [];
		const state = stateOf([
			{
				id: LDAP,
				label: 'LDAP',
				answers: [
					{status: collecting(7500, 30_000), ago: 14 * MIN},
					{status: collecting(7500, 30_000), ago: 1000},
				],
			},
		]);
		const m = renderMonitor({
			state,
			now: NOW,
			size: {columns: 140, rows: 30},
			insightsFor: insightsFor(),
			props: {
				onAlert(output) {
					outputs.push(output);
				},
			},
		});
		await m.waitFor(frame => frame.includes('LDAP'));
		expect(outputs).toEqual([]);
		const key = rowKey('acme', LDAP);
		m.setNow(NOW + MIN);
		m.dispatch({type: 'polled', key, status: collecting(7500, 30_000), now: NOW + MIN});
		const text = await m.waitFor(frame => (frame.split('\n')[0] ?? '').includes('LDAP: stalled?'));
		expect(text.split('\n')[0]).toContain('LDAP: stalled? no progress for 15m');
		// 140 columns: the short form.
		expect(lineOf(text, 'LDAP')).toContain('stalled? 15m');
		expect(outputs.map(output => output.sequence)).toEqual(['\u0007\u001B]9;LDAP: stalled? no progress for 15m (threshold 15m)\u0007']);

		m.setNow(NOW + 2 * MIN);
		m.dispatch({type: 'polled', key, status: collecting(7500, 30_000), now: NOW + 2 * MIN});
		await m.waitFor(frame => lineOf(frame, 'LDAP').includes('stalled? 16m'));
		expect(outputs).toHaveLength(1);

		m.setNow(NOW + 3 * MIN);
		m.dispatch({type: 'polled', key, status: collecting(9000, 30_000), now: NOW + 3 * MIN});
		const resumed = await m.waitFor(frame => lineOf(frame, 'LDAP').includes('9,000'));
		expect(lineOf(resumed, 'LDAP')).not.toContain('stalled');
		expect(resumed.split('\n')[0]).not.toContain('stalled?');
	});
});

describe('deletions', () => {
	test("a run marking more than the threshold of the last run's accounts is warned about while it runs", async () => {
		const m = renderMonitor({
			state: stalledState(),
			now: NOW,
			size: {columns: 200, rows: 30},
			insightsFor: insightsFor(new Map([[rowKey('acme', OKTA), 10]])),
		});
		const text = await m.waitFor(frame => frame.includes('Okta'));
		expect(lineOf(text, 'Okta')).toContain('over the threshold (10%)  5× slower');
		await press(m.stdin, keys.down);
		await press(m.stdin, keys.enter);
		const detail = await m.waitFor(frame => frame.includes('Deletions'));
		expect(detail).toContain(
			'900 marked for deletion, removed 0: 22.5% of the 4,000 accounts in its last run, over the threshold (10%): ISC will probably hold the deletions back',
		);
	});

	test('at the end, deletions held back are said on the row and in the end alert, with the threshold and the usual', async () => {
		const outputs: AlertOutput[] = [];
		const key = rowKey('acme', OKTA);
		const m = renderMonitor({
			state: stalledState(),
			now: NOW,
			size: {columns: 200, rows: 30},
			insightsFor: insightsFor(new Map([[key, 10]])),
			props: {
				onAlert(output) {
					outputs.push(output);
				},
			},
		});
		await m.waitFor(frame => frame.includes('Okta'));
		// An answer while the monitor runs, so the end is seen happening.
		m.dispatch({
			type: 'polled',
			key,
			status: {...collecting(3000, 4000), totalAccountsMarkedForDeletion: 900, deletedAccounts: 0},
			now: NOW + 1000,
		});
		await m.waitFor(frame => lineOf(frame, 'Okta').includes('3,000/4,000'));
		m.dispatch({
			type: 'polled',
			key,
			status: {
				start: START,
				status: 'COMPLETED',
				totalAccounts: 4000,
				processedAccounts: 4000,
				totalAccountsMarkedForDeletion: 900,
				deletedAccounts: 0,
			},
			now: NOW + 5000,
		});
		const text = await m.waitFor(
			frame => lineOf(frame, 'Okta').includes('held back') && (frame.split('\n')[0] ?? '').includes('Okta: COMPLETED'),
		);
		expect(lineOf(text, 'Okta')).toContain('deletions held back  5.2× slower');
		const okta = outputs.find(output => output.alert.id === OKTA);
		// START is 125 s before NOW; the usual Okta run takes 25 s.
		expect(okta?.alert.text).toBe(
			'Okta: COMPLETED, 4,000 accounts in 2m 10s; 5.2× slower than usual (median 25s over 3 runs); 900 marked for deletion: 450× more than usual (about 2); ' +
				"deletions held back: 900 marked for deletion, removed 0 (the source's deleteThreshold 10%)",
		);
	});
});
