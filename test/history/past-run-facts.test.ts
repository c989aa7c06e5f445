import {describe, expect, test} from 'vitest';
import {entryFromRow, parseEntry, type HistoryEntry} from '../../source/history/entry.js';
import {pastRunsFor} from '../../source/history/past-run-facts.js';

const START = Date.parse('2025-03-01T10:00:00Z');

describe('what the history keeps for stalls and comparisons', () => {
	test('an ended row records its longest pause and how long it stayed in STARTED', () => {
		const entry = entryFromRow(
			{
				id: 'a1',
				tenant: 'acme',
				label: 'LDAP',
				phase: 'ended',
				snapshot: {
					start: new Date(START).toISOString(),
					status: 'COMPLETED',
					processedAccounts: 30_000,
					totalAccounts: 30_000,
					deletedAccounts: 3,
				},
				endedAt: START + 60_000,
				longestGapMs: 7000,
				leftStartedAt: START + 12_000,
			},
			START + 61_000,
		);
		expect(entry).toMatchObject({
			durationMs: 60_000,
			longestGapMs: 7000,
			startedMs: 12_000,
			counts: {processedAccounts: 30_000, deletedAccounts: 3},
		});
		expect(parseEntry(JSON.parse(JSON.stringify(entry)))).toEqual(entry);
	});

	test('a file entry with unusable figures keeps the rest', () => {
		const parsed = parseEntry({
			tenant: 'acme',
			id: 'a1',
			status: 'COMPLETED',
			end: '2025-03-01T10:01:00Z',
			counts: {},
			longestGapMs: -5,
			startedMs: 'soon',
		});
		expect(parsed).toBeDefined();
		expect(parsed).not.toHaveProperty('longestGapMs');
		expect(parsed).not.toHaveProperty('startedMs');
	});

	test('past runs of the same source and tenant, newest first, as the core reads them', () => {
		const entry = (id: string, source: string, day: number, extra: Partial<HistoryEntry> = {}): HistoryEntry => ({
			tenant: 'acme',
			id,
			source,
			status: 'COMPLETED',
			end: new Date(START + day * 86_400_000).toISOString(),
			durationMs: 40_000,
			counts: {totalAccounts: 100 + day},
			recordedAt: new Date(START).toISOString(),
			...extra,
		});
		const history = [
			entry('a', 'LDAP', 1, {longestGapMs: 3000}),
			entry('b', 'ldap', 2),
			entry('c', 'Okta', 3),
			entry('d', 'LDAP', 4, {tenant: 'other'}),
			entry('now', 'LDAP', 5),
		];
		const past = pastRunsFor(history, 'acme', 'LDAP', 'now');
		expect(past.map(run => run.counts.totalAccounts)).toEqual([102, 101]);
		// No lastSeenRunning: the end may have been seen late, so the duration is only an upper bound.
		expect(past[1]).toMatchObject({approximate: true, longestGapMs: 3000});
	});
});
