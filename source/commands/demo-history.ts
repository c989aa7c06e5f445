import type {HistoryEntry} from '../history/entry.js';
import {DEMO_SOURCES} from '../simulator/demo-scenario.js';

const MIN = 60_000;
const DAY = 86_400_000;

interface PastRunSpec {
	source: string;
	durationMs: number;
	processed: number;
	total: number;
	marked: number;
	deleted: number;
	gapMs: number;
	startedMs: number;
	status?: string;
	/** How its task ended: SUCCESS with no messages unless said. */
	outcome?: {completionStatus: string; warnings?: number; errors?: number};
}

/** A 32-hex id for the n-th seeded run of a source (they never collide with the scenario's ids). */
function seededId(sourceIndex: number, run: number): string {
	return `de${sourceIndex.toString(16).padStart(2, '0')}${run.toString(16).padStart(4, '0')}`.padEnd(32, '0');
}

function entry(spec: PastRunSpec, sourceIndex: number, run: number, now: number): HistoryEntry {
	// One run a day, the newest yesterday, each at about the same time.
	const end = now - (run + 1) * DAY;
	const start = end - spec.durationMs;
	return {
		tenant: 'demo',
		id: seededId(sourceIndex, run),
		source: spec.source,
		status: spec.status ?? 'COMPLETED',
		start: new Date(start).toISOString(),
		end: new Date(end).toISOString(),
		durationMs: spec.durationMs,
		lastSeenRunning: new Date(end - 5000).toISOString(),
		counts: {
			totalAccounts: spec.total,
			processedAccounts: spec.processed,
			totalAccountsMarkedForDeletion: spec.marked,
			deletedAccounts: spec.deleted,
		},
		longestGapMs: spec.gapMs,
		startedMs: spec.startedMs,
		outcome: {
			completionStatus: spec.outcome?.completionStatus ?? 'SUCCESS',
			warnings: spec.outcome?.warnings ?? 0,
			errors: spec.outcome?.errors ?? 0,
			// The changes split as the simulator's tasks do: a tenth added, the rest changed.
			counts: {
				total: spec.total,
				created: Math.floor(spec.processed / 10),
				updated: spec.processed - Math.floor(spec.processed / 10),
				deleted: spec.deleted,
			},
		},
		recordedAt: new Date(end).toISOString(),
	};
}

/**
 * The demo's past: a week of earlier runs of its sources, so the monitor has something to compare with (and `H` and
 * `aggwatch history --demo` something to list). Workday usually removes about 3 accounts (this run removes 120), LDAP
 * usually takes under a minute (this one stalls), Okta usually marks 2 accounts for deletion out of 4,000 (this one
 * marks 900), Active Directory runs as usual; Active Directory EU often ends with warnings, and one Jira run failed.
 */
export function demoHistory(now: number): HistoryEntry[] {
	const {workday, activeDirectory, serviceNow, ldap, okta, activeDirectoryEu, jira} = DEMO_SOURCES;
	const sources: Array<{name: string; runs: Array<Omit<PastRunSpec, 'source'>>}> = [
		{
			name: workday.name,
			runs: [28, 31, 27, 30, 29, 33].map((seconds, index) => ({
				durationMs: seconds * 1000,
				processed: 12_300 + index * 40,
				total: 12_300 + index * 40,
				marked: [3, 2, 4, 3, 3, 5][index]!,
				deleted: [3, 2, 4, 3, 3, 5][index]!,
				gapMs: 5000,
				startedMs: 5000,
			})),
		},
		{
			name: activeDirectory.name,
			runs: [4.4, 4.6, 4.3, 4.8, 4.5].map((minutes, index) => ({
				durationMs: minutes * MIN,
				processed: 249_000 + index * 300,
				total: 249_000 + index * 300,
				marked: 3100 + index * 50,
				deleted: 3100 + index * 50,
				gapMs: 10_000,
				startedMs: 20_000,
			})),
		},
		{
			name: serviceNow.name,
			runs: [110, 125, 118].map(seconds => ({
				durationMs: seconds * 1000,
				processed: 39_500,
				total: 40_000,
				marked: 0,
				deleted: 0,
				gapMs: 5000,
				startedMs: 5000,
			})),
		},
		{
			name: ldap.name,
			runs: [42, 45, 40, 47, 44, 46].map(seconds => ({
				durationMs: seconds * 1000,
				processed: 30_000,
				total: 30_000,
				marked: 4,
				deleted: 4,
				gapMs: 5000,
				startedMs: 5000,
			})),
		},
		{
			name: okta.name,
			runs: [25, 24, 26, 27, 25].map((seconds, index) => ({
				durationMs: seconds * 1000,
				processed: 4000,
				total: 4000,
				marked: [2, 1, 3, 2, 2][index]!,
				deleted: [2, 1, 3, 2, 2][index]!,
				gapMs: 5000,
				startedMs: 4000,
			})),
		},
		{
			name: activeDirectoryEu.name,
			runs: [52, 49, 55, 50].map((seconds, index) => ({
				durationMs: seconds * 1000,
				processed: 5900 + index * 30,
				total: 5900 + index * 30,
				marked: 0,
				deleted: 0,
				gapMs: 5000,
				startedMs: 20_000,
				...(index % 2 === 1 ? {outcome: {completionStatus: 'WARNING', warnings: 2}} : {}),
			})),
		},
		{
			name: jira.name,
			runs: [61, 66, 58].map((seconds, index) => ({
				durationMs: seconds * 1000,
				processed: 1900 + index * 20,
				total: 1900 + index * 20,
				marked: 0,
				deleted: 0,
				gapMs: 5000,
				startedMs: 15_000,
				...(index === 1 ? {outcome: {completionStatus: 'ERROR', errors: 1}} : {}),
			})),
		},
	];
	return sources.flatMap(({name, runs}, sourceIndex) => runs.map((spec, run) => entry({...spec, source: name}, sourceIndex, run, now)));
}
