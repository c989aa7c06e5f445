import {isEndStatus, type AggregationStatus} from '../domain/status.js';
import {pollIntervalMs} from './interval.js';
import {isPolledPhase} from './phase.js';
import type {ProgressSample, TrackedRow} from './types.js';

/**
 * Accounts per second over the span of the given samples (the reducer keeps a bounded recent window), i.e. the
 * slope between the oldest and the newest. Using the whole span rather than the last two samples smooths out the
 * uneven batches ISC reports in. Undefined with fewer than 2 samples, no time between them, or counts going back.
 */
export function rate(samples: readonly ProgressSample[]): number | undefined {
	const first = samples[0];
	const last = samples.at(-1);
	if (first === undefined || last === undefined || last.at <= first.at || last.processed < first.processed) {
		return undefined;
	}

	return ((last.processed - first.processed) * 1000) / (last.at - first.at);
}

/**
 * Estimated milliseconds until the row's accounts are all processed, counted from `now` (time since the newest
 * sample is taken off; never below 0). Undefined when the row is not being polled, the total is unknown, or no
 * progress has been observed (rate undefined or 0).
 */
export function eta(row: TrackedRow, now: number): number | undefined {
	const total = row.snapshot?.totalAccounts;
	const processed = row.snapshot?.processedAccounts;
	if (!isPolledPhase(row.phase) || total === undefined || processed === undefined) {
		return undefined;
	}

	if (processed >= total) {
		return 0;
	}

	const perSecond = rate(row.samples);
	if (perSecond === undefined || perSecond <= 0) {
		return undefined;
	}

	const since = now - (row.samples.at(-1)?.at ?? now);
	return Math.max(0, ((total - processed) / perSecond) * 1000 - Math.max(0, since));
}

/**
 * processedAccounts / totalAccounts as 0 to 100 (not rounded). Undefined when either is missing; a COMPLETED
 * aggregation of 0 accounts is 100.
 */
export function percent(snapshot: AggregationStatus | undefined): number | undefined {
	const total = snapshot?.totalAccounts;
	const processed = snapshot?.processedAccounts;
	if (total === undefined || processed === undefined) {
		return undefined;
	}

	if (total === 0) {
		return snapshot?.status === 'COMPLETED' ? 100 : undefined;
	}

	return Math.min(100, Math.max(0, (processed / total) * 100));
}

/** Milliseconds since the aggregation's `start`; undefined without a (valid) start. Never negative (clock skew). */
export function elapsed(snapshot: AggregationStatus | undefined, now: number): number | undefined {
	const start = snapshot?.start;
	if (start === undefined || start === null) {
		return undefined;
	}

	const startedAt = Date.parse(start);
	return Number.isNaN(startedAt) ? undefined : Math.max(0, now - startedAt);
}

/**
 * elapsed() that stops the clock for a finished row: at endedAt for ended rows, at the last good answer for
 * expired and not-found ones (we do not know when they ended).
 */
export function rowElapsed(row: TrackedRow, now: number): number | undefined {
	if (isPolledPhase(row.phase)) {
		return elapsed(row.snapshot, now);
	}

	const stop = row.endedAt ?? row.lastOkAt;
	return stop === undefined ? undefined : elapsed(row.snapshot, stop);
}

/**
 * The row is behind its own schedule: its next poll (nextPollAt, which the cadence sets from the row's status and
 * whether it is in view) is more than one of its own poll intervals past (`intervalMs` is the monitor's base
 * interval, the row's own is derived from its status), or its last request failed. A row out of view that is polled
 * every 25 s as planned is not stale. Only rows still polled can be stale; a row with no answer yet is waiting, not
 * stale.
 */
export function isStale(row: TrackedRow, now: number, intervalMs: number): boolean {
	if (!isPolledPhase(row.phase) || row.lastOkAt === undefined || isEndStatus(row.snapshot?.status)) {
		return false;
	}

	return row.lastError !== undefined || now > row.nextPollAt + pollIntervalMs(row, intervalMs);
}
