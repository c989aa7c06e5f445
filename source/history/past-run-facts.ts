import type {PastRun} from '../core/past-runs.js';
import {isEndApproximate, type HistoryEntry} from './entry.js';
import {earlierEntries} from './previous-runs.js';

/** How many earlier runs the comparisons and the stall baseline go by. */
export const PAST_RUNS_LIMIT = 10;

/** A history entry as the core's comparison and stall rules read it. */
export function pastRunOf(entry: HistoryEntry): PastRun {
	return {
		status: entry.status,
		...(entry.durationMs === undefined ? {} : {durationMs: entry.durationMs}),
		...(isEndApproximate(entry) ? {approximate: true} : {}),
		counts: {...entry.counts},
		...(entry.longestGapMs === undefined ? {} : {longestGapMs: entry.longestGapMs}),
		...(entry.startedMs === undefined ? {} : {startedMs: entry.startedMs}),
	};
}

/** The earlier runs of a source on a tenant (newest first, the run `beforeId` left out), for the core's rules. */
export function pastRunsFor(history: readonly HistoryEntry[], tenant: string, sourceName: string, beforeId: string): PastRun[] {
	return earlierEntries(history, tenant, sourceName, beforeId, {limit: PAST_RUNS_LIMIT}).map(entry => pastRunOf(entry));
}
