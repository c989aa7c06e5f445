import type {PastRun} from './past-runs.js';
import type {TrackedRow} from './types.js';

/** --stall-after by default: no progress for this long is a stall (unless the source's history allows longer). */
export const DEFAULT_STALL_AFTER_MS = 15 * 60_000;
/** A pause up to this many times the longest one seen in the source's earlier runs is still normal. */
export const STALL_GAP_FACTOR = 3;

/** What the source's earlier runs say is normal. */
export interface StallBaseline {
	/** The longest pause between progress steps in any earlier run. */
	longestGapMs?: number;
	/** The longest time any earlier run stayed in STARTED. */
	longestStartedMs?: number;
}

export interface Stall {
	/** no-progress: the counts stopped moving. started: still STARTED far longer than the source's runs stay there. */
	kind: 'no-progress' | 'started';
	/** Since when nothing moved (epoch ms). */
	since: number;
	/** How long nothing has moved, as the answers show (up to the last good answer). */
	forMs: number;
	/** The threshold it passed. */
	thresholdMs: number;
}

/** The baseline from earlier runs of the same source. */
export function stallBaseline(past: readonly PastRun[]): StallBaseline {
	const gaps = past.map(run => run.longestGapMs).filter(gap => gap !== undefined);
	const started = past.map(run => run.startedMs).filter(ms => ms !== undefined);
	return {
		...(gaps.length === 0 ? {} : {longestGapMs: Math.max(...gaps)}),
		...(started.length === 0 ? {} : {longestStartedMs: Math.max(...started)}),
	};
}

/** --stall-after, or STALL_GAP_FACTOR times the longest normal pause, whichever is longer. */
export function stallThresholdMs(stallAfterMs: number, longestNormalMs: number | undefined): number {
	return Math.max(stallAfterMs, STALL_GAP_FACTOR * (longestNormalMs ?? 0));
}

/**
 * Whether a running row has stalled at `now`. Only what the answers show counts: the time without progress runs
 * from the first answer with the current counts to the last good answer (a row whose requests fail is not
 * called stalled for that; it shows its errors). A row in STARTED (no counts yet) is measured from the
 * aggregation's start against the longest STARTED of earlier runs; any other running row from its last move
 * against the longest pause between moves, except a RETRIED one (ISC is retrying it, which its badge shows).
 */
export function stallOf(row: TrackedRow, stallAfterMs: number, baseline: StallBaseline = {}): Stall | undefined {
	const snapshot = row.snapshot;
	if (row.phase !== 'running' || snapshot === undefined || row.lastOkAt === undefined || row.progressAt === undefined) {
		return undefined;
	}

	if (snapshot.status === 'STARTED') {
		const start = typeof snapshot.start === 'string' ? Date.parse(snapshot.start) : Number.NaN;
		const since = Number.isFinite(start) ? Math.min(start, row.progressAt) : row.progressAt;
		const thresholdMs = stallThresholdMs(stallAfterMs, baseline.longestStartedMs);
		const forMs = row.lastOkAt - since;
		return forMs >= thresholdMs ? {kind: 'started', since, forMs, thresholdMs} : undefined;
	}

	// RETRIED: ISC is already trying again and says so; its counts stand still by nature.
	if (snapshot.status === 'RETRIED') {
		return undefined;
	}

	const thresholdMs = stallThresholdMs(stallAfterMs, baseline.longestGapMs);
	const forMs = row.lastOkAt - row.progressAt;
	return forMs >= thresholdMs ? {kind: 'no-progress', since: row.progressAt, forMs, thresholdMs} : undefined;
}
