import {newestFirst} from './bounds.js';
import type {OutcomeTally} from '../domain/outcome.js';
import {entryAccounts, isEndApproximate, type HistoryEntry} from './entry.js';

/** An earlier run of a source, for the detail view. */
export interface PreviousRun {
	id: string;
	status: string;
	start?: string;
	end: string;
	durationMs?: number;
	/** true: the end was seen late (see isEndApproximate), so end and duration are upper bounds. Absent or false otherwise. */
	approximate?: boolean;
	/** Changes processed (else the total): the status endpoint's counts are new, changed and deleted accounts. */
	accounts?: number;
	/** How its task ended, once aggwatch read it: completion status, warnings, errors. */
	outcome?: OutcomeTally;
}

export interface PreviousRunsOptions {
	/** At most this many, newest first. Default 10. */
	limit?: number;
}

function sameName(a: string | undefined, b: string): boolean {
	return a !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** The history entries previousRuns picks (see there), as they are. */
export function earlierEntries(
	history: readonly HistoryEntry[],
	tenant: string,
	sourceName: string,
	beforeId: string,
	options: PreviousRunsOptions = {},
): HistoryEntry[] {
	const current = history.find(entry => entry.tenant === tenant && entry.id === beforeId);
	const cutoff = current === undefined ? Number.POSITIVE_INFINITY : Date.parse(current.end);
	return history
		.filter(
			entry => entry.tenant === tenant && entry.id !== beforeId && sameName(entry.source, sourceName) && Date.parse(entry.end) <= cutoff,
		)
		.sort(newestFirst)
		.slice(0, options.limit ?? 10);
}

/**
 * Earlier runs of the same source on the same tenant, newest first: what the detail view sets the selected run
 * against, so a slow one stands out. `beforeId` is the run being looked at: it is left out, and when it is in
 * the history, so are runs that ended after it.
 */
export function previousRuns(
	history: readonly HistoryEntry[],
	tenant: string,
	sourceName: string,
	beforeId: string,
	options: PreviousRunsOptions = {},
): PreviousRun[] {
	return earlierEntries(history, tenant, sourceName, beforeId, options).map(entry => {
		const accounts = entryAccounts(entry);
		return {
			id: entry.id,
			status: entry.status,
			...(entry.start === undefined ? {} : {start: entry.start}),
			end: entry.end,
			...(entry.durationMs === undefined ? {} : {durationMs: entry.durationMs}),
			...(isEndApproximate(entry) ? {approximate: true} : {}),
			...(accounts === undefined ? {} : {accounts}),
			...(entry.outcome === undefined
				? {}
				: {
						outcome: {
							completionStatus: entry.outcome.completionStatus,
							warnings: entry.outcome.warnings,
							errors: entry.outcome.errors,
						},
					}),
		};
	});
}

/**
 * The median duration of the COMPLETED runs among `runs` whose end was seen in time (cancelled and terminated runs
 * say nothing about speed, and an end seen late would make a run look slower than it was).
 */
export function typicalDurationMs(runs: readonly PreviousRun[]): number | undefined {
	const durations = runs
		.filter(run => run.status === 'COMPLETED' && run.durationMs !== undefined && run.approximate !== true)
		.map(run => run.durationMs!)
		.sort((a, b) => a - b);
	if (durations.length === 0) {
		return undefined;
	}

	const middle = Math.floor(durations.length / 2);
	return durations.length % 2 === 1 ? durations[middle] : (durations[middle - 1]! + durations[middle]!) / 2;
}

/** How many times the typical duration `elapsedMs` is (1.0 = typical), or undefined with no completed runs to go by. */
export function slowness(elapsedMs: number, runs: readonly PreviousRun[]): number | undefined {
	const typical = typicalDurationMs(runs);
	return typical === undefined || typical <= 0 ? undefined : elapsedMs / typical;
}
