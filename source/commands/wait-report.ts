import {ExitCode, worst} from '../domain/exit-codes.js';
import {formatCount, formatDuration} from '../core/durations.js';
import {percent} from '../core/progress.js';
import {taskOutcomeJson, type TaskOutcome, type TaskOutcomeJson} from '../domain/outcome.js';
import {taskTally} from '../domain/text.js';
import {deletionsHeldBack} from '../core/deletion-risk.js';
import {HELD_BACK_TEXT} from '../domain/words.js';
import {rowCompletion, rowOutcome, type RowOutcome} from '../core/summary.js';
import {isPolled} from '../core/phase.js';
import type {MonitorState, TrackedRow} from '../core/types.js';

/** One line of `aggwatch wait` output: a row changed in a way worth saying. */
export interface WaitEvent {
	id: string;
	tenant: string;
	/** The ISC status, or the outcome where ISC gave none (waiting, not-found, expired). */
	status: string;
	outcome: RowOutcome;
	processedAccounts?: number;
	totalAccounts?: number;
	/**
	 * The aggregation's task once read (task-status/{id}): completion status (in one spelling, the tenant's beside it
	 * where it differs), times, messages, counts.
	 */
	task?: TaskOutcomeJson;
	/** Once it has ended: whether ISC held its deletions back (status counts, or the task's "Account deletion was skipped"). */
	deletionsHeldBack?: boolean;
	/** The task had no completion status within a few minutes: the outcome is not known. */
	taskGaveUp?: true;
	/** The last error, while one is pending. */
	error?: {kind: string; message: string; trackingId?: string; retryInMs?: number};
	at: string;
}

function signature(row: TrackedRow): string {
	const snapshot = row.snapshot ?? {};
	return [
		row.phase,
		snapshot.status,
		snapshot.processedAccounts,
		snapshot.totalAccounts,
		row.lastError?.kind,
		row.lastError?.message,
		row.task?.completionStatus,
		row.taskGaveUp,
	].join('|');
}

/**
 * The rows that changed between two states, as events. `previous` undefined means every row is new.
 * Only what a reader cares about counts: phase, status, counts and errors — not in-flight flags or schedules.
 */
export function changedRows(previous: MonitorState | undefined, next: MonitorState, now: number): WaitEvent[] {
	const before = new Map(previous?.rows.map(row => [row.key, signature(row)]));
	const events: WaitEvent[] = [];
	for (const row of next.rows) {
		if (before.get(row.key) === signature(row)) {
			continue;
		}

		// A row with no answer and no error yet has nothing to say.
		if (!previous && row.phase === 'waiting' && !row.lastError) {
			continue;
		}

		events.push(toEvent(row, now));
	}

	return events;
}

export function toEvent(row: TrackedRow, now: number): WaitEvent {
	const outcome = rowOutcome(row);
	const snapshot = row.snapshot;
	return {
		id: row.id,
		tenant: row.tenant,
		// An expired row keeps saying so even once its task told the outcome (the status endpoint no longer knows it).
		status:
			row.phase === 'not-found' || row.phase === 'expired'
				? row.phase.toUpperCase().replace('-', '_')
				: (snapshot?.status ?? outcome.toUpperCase()),
		outcome,
		...(snapshot?.processedAccounts === undefined ? {} : {processedAccounts: snapshot.processedAccounts}),
		...(snapshot?.totalAccounts === undefined ? {} : {totalAccounts: snapshot.totalAccounts}),
		...(row.task === undefined ? {} : {task: taskOutcomeJson(row.task)}),
		...(row.taskGaveUp === true ? {taskGaveUp: true as const} : {}),
		...(row.phase === 'ended' || row.phase === 'expired' ? {deletionsHeldBack: deletionsHeldBack(snapshot, row.phase, row.task)} : {}),
		...(row.lastError
			? {
					error: {
						kind: row.lastError.kind,
						message: row.lastError.message,
						...(row.lastError.trackingId ? {trackingId: row.lastError.trackingId} : {}),
						...(isPolled(row) && row.taskRead === undefined && row.nextPollAt > now ? {retryInMs: row.nextPollAt - now} : {}),
					},
				}
			: {}),
		at: new Date(now).toISOString(),
	};
}

/** A line for a CI log: time, id, status, progress; no colour, no redraws. */
export function formatWaitLine(event: WaitEvent, showTenant: boolean): string {
	const time = event.at.slice(11, 19);
	const who = showTenant ? `${event.tenant}/${event.id}` : event.id;
	const parts = [time, who, event.status];
	if (event.processedAccounts !== undefined || event.totalAccounts !== undefined) {
		const value = percent({processedAccounts: event.processedAccounts, totalAccounts: event.totalAccounts});
		parts.push(
			`${formatCount(event.processedAccounts ?? 0)}/${event.totalAccounts === undefined ? '?' : formatCount(event.totalAccounts)}${value === undefined ? '' : ` (${value.toFixed(1)}%)`}`,
		);
	}

	if (event.status === 'EXPIRED') {
		parts.push('ISC no longer keeps its status (about an hour after it ends)');
	}

	if (event.task?.completionStatus !== null && event.task !== undefined) {
		parts.push(`task ${event.task.completionStatus}${tallyAfter(event.task)}`);
	} else if (event.taskGaveUp === true) {
		parts.push('task outcome unknown (the task had not completed after a few minutes)');
	}

	if (event.deletionsHeldBack === true) {
		parts.push(HELD_BACK_TEXT);
	}

	if (event.error) {
		const retry = event.error.retryInMs === undefined ? '' : `; retrying in ${formatDuration(event.error.retryInMs)}`;
		const tracking = event.error.trackingId ? ` [trackingId ${event.error.trackingId}]` : '';
		parts.push(`error: ${event.error.message}${tracking}${retry}`);
	}

	return parts.join('  ');
}

/** " (3 warnings, 2 errors)" after the task's completion status, or '' when it has neither. */
function tallyAfter(task: Pick<TaskOutcome, 'messages'>): string {
	const tally = taskTally(task);
	return tally === '' ? '' : ` (${tally})`;
}

export interface ExitRules {
	/** --fail-on-warning: a task that ended WARNING fails the run (exit 2). */
	failOnWarning?: boolean;
}

/** The exit code for one row once waiting is over (timedOut: it had not ended when time ran out). */
export function rowExitCode(row: TrackedRow, timedOut: boolean, rules: ExitRules = {}): number {
	switch (rowOutcome(row)) {
		case 'completed': {
			// COMPLETED "possibly with errors": the task tells. ERROR or TERMINATED fails as CANCELLED does.
			const completion = rowCompletion(row);
			if (completion === 'error' || completion === 'terminated' || (completion === 'warning' && rules.failOnWarning === true)) {
				return ExitCode.failed;
			}

			return ExitCode.ok;
		}

		case 'cancelled':
		case 'terminated': {
			return ExitCode.failed;
		}

		case 'not-found':
		case 'expired': {
			return ExitCode.notFound;
		}

		default: {
			return timedOut ? ExitCode.timeout : ExitCode.ok;
		}
	}
}

export function waitExitCode(state: MonitorState, timedOut: boolean, authFailed: boolean, rules: ExitRules = {}): number {
	return worst([...state.rows.map(row => rowExitCode(row, timedOut, rules)), authFailed ? ExitCode.auth : ExitCode.ok]);
}

/** What one row amounts to in the summary line, in the order the line lists them. */
const SUMMARY_KINDS = [
	'ok',
	'with warnings',
	'with errors',
	'cancelled',
	'terminated',
	'not found',
	'expired',
	'outcome unknown',
	'not ended',
] as const;
type SummaryKind = (typeof SUMMARY_KINDS)[number];

function summaryKind(row: TrackedRow): SummaryKind {
	const outcome = rowOutcome(row);
	switch (outcome) {
		case 'completed': {
			const completion = rowCompletion(row);
			if (completion === 'error' || completion === 'terminated') {
				return 'with errors';
			}

			if (completion === 'warning') {
				return 'with warnings';
			}

			return completion === undefined && row.taskGaveUp === true ? 'outcome unknown' : 'ok';
		}

		case 'cancelled':
		case 'terminated':
		case 'expired': {
			return outcome;
		}

		case 'not-found': {
			return 'not found';
		}

		default: {
			return 'not ended';
		}
	}
}

/**
 * The last line of `aggwatch wait`: "5 ended: 1 ok, 2 with errors, 1 not found → exit 3", or, when some had not
 * ended (timeout, credentials refused), "3 of 5 ended: 3 ok → exit 5". Each kind counted once, in a fixed order.
 */
export function formatWaitSummary(rows: readonly TrackedRow[], exitCode: number): string {
	const counts = new Map<SummaryKind, number>();
	for (const row of rows) {
		const kind = summaryKind(row);
		counts.set(kind, (counts.get(kind) ?? 0) + 1);
	}

	const notEnded = counts.get('not ended') ?? 0;
	const parts = SUMMARY_KINDS.filter(kind => kind !== 'not ended' && counts.has(kind)).map(
		kind => `${formatCount(counts.get(kind)!)} ${kind}`,
	);
	const ended = formatCount(rows.length - notEnded);
	const head = notEnded === 0 ? `${ended} ended` : `${ended} of ${formatCount(rows.length)} ended`;
	return `${head}${parts.length === 0 ? '' : `: ${parts.join(', ')}`} → exit ${exitCode}`;
}
