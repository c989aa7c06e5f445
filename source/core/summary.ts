import {completionOf, isTaskComplete, type Completion} from '../domain/outcome.js';
import type {ErrorNote, MonitorState, TrackedRow} from './types.js';

/**
 * What became of a row, for badges, header counts and exit codes.
 * waiting/running: still polled. completed/cancelled/terminated: the end status ISC reported.
 * not-found: ISC never knew the id. expired: ISC forgot it before we saw an end state, so the outcome is unknown
 * (also used for a row restored as ended without a recorded end status).
 */
export type RowOutcome = 'waiting' | 'running' | 'completed' | 'cancelled' | 'terminated' | 'not-found' | 'expired';

/**
 * Outcomes folded into what a script acts on.
 * active: still going. done: COMPLETED. failed: CANCELLED, TERMINATED or not-found (the aggregation did not run to
 * completion, or the id is wrong). unknown: expired, neither success nor failure was observed.
 */
export type OutcomeGroup = 'active' | 'done' | 'failed' | 'unknown';

/** How the row's task completed, once its task has a completion status. */
export function rowCompletion(row: Pick<TrackedRow, 'task'>): Completion | undefined {
	return isTaskComplete(row.task) ? completionOf(row.task.completionStatus) : undefined;
}

/** The end a task's completion stands for, when the status endpoint never showed one (it had forgotten the run). */
function outcomeOfTask(row: TrackedRow): RowOutcome | undefined {
	switch (rowCompletion(row)) {
		case undefined: {
			return undefined;
		}

		case 'terminated': {
			return 'terminated';
		}

		default: {
			return 'completed';
		}
	}
}

export function rowOutcome(row: TrackedRow): RowOutcome {
	switch (row.phase) {
		case 'waiting':
		case 'running':
		case 'not-found': {
			return row.phase;
		}

		case 'expired': {
			return outcomeOfTask(row) ?? 'expired';
		}

		case 'ended': {
			switch (row.snapshot?.status) {
				case 'COMPLETED': {
					return 'completed';
				}

				case 'CANCELLED': {
					return 'cancelled';
				}

				case 'TERMINATED': {
					return 'terminated';
				}

				default: {
					return outcomeOfTask(row) ?? 'expired';
				}
			}
		}
	}
}

export function outcomeGroup(outcome: RowOutcome): OutcomeGroup {
	switch (outcome) {
		case 'waiting':
		case 'running': {
			return 'active';
		}

		case 'completed': {
			return 'done';
		}

		case 'cancelled':
		case 'terminated':
		case 'not-found': {
			return 'failed';
		}

		case 'expired': {
			return 'unknown';
		}
	}
}

export interface Summary {
	total: number;
	/** Phase running. */
	running: number;
	/** Phase waiting (no status yet). */
	waiting: number;
	/** COMPLETED, and the task succeeded (or its outcome is not known yet). */
	done: number;
	/** COMPLETED, and the task ended WARNING. */
	warnings: number;
	/** COMPLETED, and the task ended ERROR or TERMINATED ("completed, possibly with errors"). */
	errors: number;
	/** TERMINATED: the run failed. */
	failed: number;
	/** CANCELLED: someone stopped the run (counted apart from failures). */
	cancelled: number;
	/** The status endpoint never knew the id (404 from the first request): counted apart from failures. */
	notFound: number;
	/** expired: outcome unknown. */
	expired: number;
	/** Rows still polled whose last request failed (they keep their last data). */
	erroring: number;
	/** Tenants paused by a 429, with the end of the pause; only pauses still in force at `now`. */
	rateLimitedUntil: Record<string, number>;
	/** Tenants with an auth or permission failure (only tenants that still have rows). */
	authErrors: Record<string, ErrorNote>;
	/** The user paused polling. */
	paused: boolean;
}

export function summarize(state: MonitorState, now: number): Summary {
	const summary: Summary = {
		total: state.rows.length,
		running: 0,
		waiting: 0,
		done: 0,
		warnings: 0,
		errors: 0,
		failed: 0,
		cancelled: 0,
		notFound: 0,
		expired: 0,
		erroring: 0,
		rateLimitedUntil: {},
		authErrors: {},
		paused: state.paused,
	};
	const tenantsWithRows = new Set<string>();
	for (const row of state.rows) {
		tenantsWithRows.add(row.tenant);
		const outcome = rowOutcome(row);
		switch (outcomeGroup(outcome)) {
			case 'active': {
				summary[outcome === 'running' ? 'running' : 'waiting']++;
				if (row.lastError !== undefined) {
					summary.erroring++;
				}

				break;
			}

			case 'done': {
				const completion = rowCompletion(row);
				summary[completion === 'warning' ? 'warnings' : completion === 'error' || completion === 'terminated' ? 'errors' : 'done']++;
				break;
			}

			case 'failed': {
				summary[outcome === 'cancelled' ? 'cancelled' : outcome === 'not-found' ? 'notFound' : 'failed']++;
				break;
			}

			case 'unknown': {
				summary.expired++;
				break;
			}
		}
	}

	for (const name of tenantsWithRows) {
		const tenant = state.tenants[name];
		if (tenant?.pausedUntil !== undefined && tenant.pausedUntil > now) {
			summary.rateLimitedUntil[name] = tenant.pausedUntil;
		}

		if (tenant?.authError !== undefined) {
			summary.authErrors[name] = tenant.authError;
		}
	}

	return summary;
}
