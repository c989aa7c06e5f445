import {errorCount, isTaskComplete, warningCount, type TaskOutcome} from '../domain/outcome.js';
import {deletionRisk} from './deletion-risk.js';
import {isPolled} from './phase.js';
import type {Stall} from './stall.js';
import {rowKey, type MonitorState, type TrackedRow} from './types.js';

/**
 * What --on-end and --notify are told about: a run ended (its outcome read), stalled, or had its deletions held back;
 * or (sources --attention) a source needs attention.
 */
export type RunEventKind = 'ended' | 'stalled' | 'held-back' | 'attention';

/**
 * One event for --on-end (as JSON on its standard input, and as AGGWATCH_* variables) and --notify (the webhook's
 * body is made from it). Plain data: nothing secret, no URL.
 */
export interface RunEvent {
	event: RunEventKind;
	id: string;
	tenant: string;
	/** The source's name, when known. */
	source?: string;
	/** The ISC status (COMPLETED, CANCELLED, TERMINATED, ACCOUNTS_COLLECTED, …), or EXPIRED when ISC forgot it. */
	status: string;
	/** The task's completion status (SUCCESS, WARNING, ERROR, TERMINATED, …); UNKNOWN when the task did not tell; RUNNING for a stall. */
	outcome: string;
	warnings: number;
	errors: number;
	/** From the start to the end (the task's launch and completion when known), or to now for a stall. */
	durationSeconds?: number;
	processedAccounts?: number;
	totalAccounts?: number;
	/** The task's figures (scanned, added, …), by the task's attribute names. */
	counts?: Record<string, number>;
	/** held-back: accounts marked for deletion and those deleted. */
	deletions?: {marked: number; deleted: number};
	/** attention: why the source needs it (failed, warnings, held-back, overdue, unhealthy, stalled). */
	attention?: string[];
	/** stalled: how long nothing moved, and the threshold it passed. */
	stall?: {kind: Stall['kind']; forSeconds: number; thresholdSeconds: number};
	at: string;
}

function parse(date: string | undefined): number {
	return date === undefined ? Number.NaN : Date.parse(date);
}

function durationSeconds(row: TrackedRow, task: TaskOutcome | undefined, end: number): number | undefined {
	const launched = parse(task?.launched);
	const completed = parse(task?.completed);
	if (Number.isFinite(launched) && Number.isFinite(completed) && completed >= launched) {
		return Math.round((completed - launched) / 1000);
	}

	const start = typeof row.snapshot?.start === 'string' ? Date.parse(row.snapshot.start) : Number.NaN;
	return Number.isFinite(start) && end >= start ? Math.round((end - start) / 1000) : undefined;
}

function base(row: TrackedRow, event: RunEventKind, now: number): RunEvent {
	const task = isTaskComplete(row.task) ? row.task : undefined;
	const snapshot = row.snapshot;
	return {
		event,
		id: row.id,
		tenant: row.tenant,
		...(row.label === undefined ? {} : {source: row.label}),
		status: row.phase === 'expired' && snapshot?.status === undefined ? 'EXPIRED' : (snapshot?.status ?? row.phase.toUpperCase()),
		outcome: task?.completionStatus ?? (isPolled(row) ? 'RUNNING' : 'UNKNOWN'),
		warnings: task === undefined ? 0 : warningCount(task),
		errors: task === undefined ? 0 : errorCount(task),
		...(snapshot?.processedAccounts === undefined ? {} : {processedAccounts: snapshot.processedAccounts}),
		...(snapshot?.totalAccounts === undefined ? {} : {totalAccounts: snapshot.totalAccounts}),
		...(task === undefined || Object.keys(task.counts).length === 0 ? {} : {counts: task.counts}),
		at: new Date(now).toISOString(),
	};
}

/** The event for a row that ended and whose outcome has been read from its task (or given up on). */
export function endedEvent(row: TrackedRow, now: number): RunEvent {
	const event = base(row, 'ended', now);
	const seconds = durationSeconds(row, isTaskComplete(row.task) ? row.task : undefined, row.endedAt ?? now);
	return seconds === undefined ? event : {...event, durationSeconds: seconds};
}

/** The event for a running row that just stalled. */
export function stalledEvent(row: TrackedRow, stall: Stall, now: number): RunEvent {
	const seconds = durationSeconds(row, undefined, now);
	return {
		...base(row, 'stalled', now),
		...(seconds === undefined ? {} : {durationSeconds: seconds}),
		stall: {kind: stall.kind, forSeconds: Math.round(stall.forMs / 1000), thresholdSeconds: Math.round(stall.thresholdMs / 1000)},
	};
}

/** A row is done for --on-end when it ended (or ISC forgot it) and no task read is pending: its outcome is as known as it gets. */
export function isSettled(row: TrackedRow): boolean {
	return (row.phase === 'ended' || row.phase === 'expired') && row.taskRead === undefined;
}

/**
 * Finds the events of each change of a monitor state, each once: `ended` when a row is settled, then `held-back`
 * when it COMPLETED having deleted fewer accounts than it marked. Rows settled before `seed` was called give none
 * (the monitor's rows restored as ended). Stalls are told by the callers' own stall rules (stalledEvent).
 */
export class RunEventTracker {
	readonly #told = new Set<string>();

	/** Marks every settled row of `state` as told already. */
	seed(state: MonitorState): void {
		for (const row of state.rows) {
			if (isSettled(row)) {
				this.#told.add(row.key);
			}
		}
	}

	/** The events `state` has that were not told yet. */
	events(state: MonitorState, now: number): RunEvent[] {
		const events: RunEvent[] = [];
		for (const row of state.rows) {
			if (!isSettled(row) || this.#told.has(row.key)) {
				continue;
			}

			this.#told.add(row.key);
			const ended = endedEvent(row, now);
			events.push(ended);
			const risk = deletionRisk(row.snapshot, row.phase);
			if (risk?.heldBack === true) {
				events.push({...ended, event: 'held-back', deletions: {marked: risk.marked, deleted: risk.deleted}});
			}
		}

		return events;
	}

	/** Forgets a row (so a row removed and tracked again is told again). */
	forget(tenant: string, id: string): void {
		this.#told.delete(rowKey(tenant, id));
	}
}
