import type {TrackedRow} from './types.js';

/** Statuses that move quickly, so they are polled at the base interval. */
const FAST_STATUSES: readonly string[] = ['ACCOUNTS_COLLECTED', 'RETRIED'];

/**
 * How often a row is polled while all is well.
 * ACCOUNTS_COLLECTED and RETRIED: `intervalMs` (counts are moving).
 * STARTED, a row with no answer yet ('waiting'), an answer without a status, and any status ISC may add later
 * that we do not know: twice `intervalMs`. Unknown statuses take the slow pace because we cannot tell whether they
 * move, and the budget is better spent on rows we know are counting.
 */
export function pollIntervalMs(row: Pick<TrackedRow, 'snapshot'>, intervalMs: number): number {
	const status = row.snapshot?.status;
	return status !== undefined && FAST_STATUSES.includes(status) ? intervalMs : 2 * intervalMs;
}

/**
 * Delay before the next try after `failures` consecutive failures (1 or more):
 * baseMs × 2^failures, capped at maxMs, but never sooner than baseMs (a failing row is never polled faster than a
 * healthy one). Deterministic: the even per-tenant spacing of the schedule already prevents bursts, so no jitter.
 */
export function backoffMs(baseMs: number, failures: number, maxMs: number): number {
	const grown = baseMs * 2 ** Math.max(0, Math.min(failures, 30));
	return Math.max(baseMs, Math.min(maxMs, grown));
}
