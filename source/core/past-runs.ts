import type {AggregationStatus} from '../domain/status.js';

/**
 * How a run compares with the same source's earlier runs. Pure: the caller hands in the earlier runs as plain
 * data (from the history) and the current run's figures.
 */

/** What the comparison needs of one earlier run of the same source. */
export interface PastRun {
	status: string;
	durationMs?: number;
	/** The end was seen late, so durationMs is only an upper bound (it says nothing of speed). */
	approximate?: boolean;
	counts: Partial<Record<CountCompared | 'totalAccounts', number>>;
	/** The longest pause between moves of the counts seen while it ran. */
	longestGapMs?: number;
	/** How long it stayed in STARTED. */
	startedMs?: number;
}

/** The counts compared: changed accounts, accounts marked for deletion, accounts deleted. */
export const COMPARED_COUNTS = ['processedAccounts', 'totalAccountsMarkedForDeletion', 'deletedAccounts'] as const;
export type CountCompared = (typeof COMPARED_COUNTS)[number];

/** At least this many earlier runs with a figure before a median is given. */
export const MIN_RUNS = 2;
/** A run this many times the median duration or more (so far, while it runs) departs from the usual. */
export const SLOW_DEPARTURE = 2;
/** An ended run this fraction of the median duration or less departs too (it may have skipped work). */
export const FAST_DEPARTURE = 1 / 3;
/** A count departs when it is this many times the median or more ... */
export const COUNT_FACTOR = 3;
/** ... and at least this many more than it (3 deletions where 1 is usual is not news). */
export const COUNT_MARGIN = 10;

export function median(values: readonly number[]): number | undefined {
	const sorted = [...values].sort((a, b) => a - b);
	if (sorted.length === 0) {
		return undefined;
	}

	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export interface CurrentRunFigures {
	/** How long it has run (so far), when known. */
	elapsedMs?: number;
	/** Still polled: counts can only grow and the duration is "so far". */
	running: boolean;
	/** The ISC status, to compare only like with like (a CANCELLED run's counts say little). */
	status?: string;
	counts: Pick<AggregationStatus, CountCompared>;
}

export interface DurationComparison {
	/** elapsed / median. */
	factor: number;
	medianMs: number;
	runs: number;
	running: boolean;
	departure: boolean;
}

export interface CountComparison {
	field: CountCompared;
	value: number;
	median: number;
	runs: number;
	departure: boolean;
}

export interface Comparison {
	duration?: DurationComparison;
	/** Every compared count with a median, in COMPARED_COUNTS order. */
	counts: CountComparison[];
	/** Something departs far from the usual: flag the row. */
	departure: boolean;
}

/** The median duration of the earlier COMPLETED runs whose end was seen in time, and how many there were. */
export function usualDuration(past: readonly PastRun[]): {medianMs: number; runs: number} | undefined {
	const durations = past
		.filter(run => run.status === 'COMPLETED' && run.durationMs !== undefined && run.approximate !== true)
		.map(run => run.durationMs!);
	const value = median(durations);
	return value === undefined || durations.length < MIN_RUNS || value <= 0 ? undefined : {medianMs: value, runs: durations.length};
}

function countDeparts(value: number, usual: number, running: boolean): boolean {
	const higher = value >= COUNT_FACTOR * usual && value - usual >= COUNT_MARGIN;
	// Counts only grow while it runs, so "fewer than usual" means something only at the end.
	const lower = !running && usual >= COUNT_MARGIN * COUNT_FACTOR && value * COUNT_FACTOR <= usual;
	return higher || lower;
}

/**
 * The current run against the median of the earlier COMPLETED runs of the same source (undefined when there are
 * fewer than MIN_RUNS). Durations: a running row departs once it has run SLOW_DEPARTURE times the median; an ended
 * one also when it took FAST_DEPARTURE of it or less. Counts: COUNT_FACTOR times the median and COUNT_MARGIN more.
 */
export function compareWithPast(current: CurrentRunFigures, past: readonly PastRun[]): Comparison | undefined {
	const completed = past.filter(run => run.status === 'COMPLETED');
	if (completed.length < MIN_RUNS) {
		return undefined;
	}

	// A cancelled or terminated run stopped early: neither its duration nor its counts compare with completed ones.
	const comparable = current.running || current.status === 'COMPLETED';
	let duration: DurationComparison | undefined;
	const usual = usualDuration(completed);
	if (comparable && usual !== undefined && current.elapsedMs !== undefined) {
		const factor = current.elapsedMs / usual.medianMs;
		const departure = factor >= SLOW_DEPARTURE || (!current.running && current.status === 'COMPLETED' && factor <= FAST_DEPARTURE);
		duration = {factor, medianMs: usual.medianMs, runs: usual.runs, running: current.running, departure};
	}

	const counts: CountComparison[] = [];
	for (const field of COMPARED_COUNTS) {
		const value = current.counts[field];
		const values = completed.map(run => run.counts[field]).filter(count => count !== undefined);
		const usualCount = median(values);
		if (!comparable || value === undefined || usualCount === undefined || values.length < MIN_RUNS) {
			continue;
		}

		counts.push({field, value, median: usualCount, runs: values.length, departure: countDeparts(value, usualCount, current.running)});
	}

	if (duration === undefined && counts.length === 0) {
		return undefined;
	}

	return {
		...(duration === undefined ? {} : {duration}),
		counts,
		departure: duration?.departure === true || counts.some(count => count.departure),
	};
}
