import {isTaskComplete, type TaskOutcome} from '../domain/outcome.js';
import type {IscErrorInfo} from '../domain/errors.js';
import {withFinalFigures} from './final-figures.js';
import {backoffMs} from './interval.js';
import {isPolledPhase} from './phase.js';
import type {MonitorOptions, TaskRead, TrackedRow} from './types.js';

/**
 * When and why a row's task (GET /v2025/task-status/{id}, the same id) is read. Pure, like the schedule: task reads
 * go through the same per-tenant budget and the same poller as status polls.
 *
 * - outcome: a row reached an end state (or was first seen, or restored, already ended or expired) and its task has
 *   no completion status yet. Read at once, then every taskRetryMs while the task is not complete; after
 *   taskGiveUpMs the row gives up and says so.
 * - exists: an id never seen answered 404 on the status endpoint. If the task answers 404 too, the id is unknown:
 *   not-found at once. If the task exists, the status may still appear: the not-found grace applies. If the task has
 *   ended, the status is asked again at once: the 404 may have come before the run started. Another 404 means the
 *   aggregation ended over an hour ago: the row is expired with its outcome from the task.
 */

/** How long after a read of an unfinished task the next one goes. */
export const TASK_RETRY_MS = 10_000;

/** lastError message of a row whose id neither endpoint knows. */
export const UNKNOWN_ID_MESSAGE = 'not found: neither the status nor the task of this id exists';

export type RequestKind = 'status' | 'task';

/** What the poller should request for this row when the schedule picks it (the schedule uses the same rule). */
export function requestKind(row: TrackedRow): RequestKind | undefined {
	if (row.inFlight || row.taskRead?.inFlight === true) {
		return undefined;
	}

	if (row.taskRead !== undefined) {
		return 'task';
	}

	return isPolledPhase(row.phase) ? 'status' : undefined;
}

/** When the row's next request is due (for the schedule's most-overdue order), given requestKind. */
export function requestDueAt(row: TrackedRow): number {
	return row.taskRead === undefined ? row.nextPollAt : row.taskRead.dueAt;
}

/** A row that has a request in flight, of either kind. */
export function isBusy(row: TrackedRow): boolean {
	return row.inFlight || row.taskRead?.inFlight === true;
}

function startRead(row: TrackedRow, purpose: TaskRead['purpose'], now: number): TrackedRow {
	return {...row, taskRead: {purpose, since: now, dueAt: now, inFlight: false, failures: 0}};
}

/** An ended or expired row whose outcome is still to be read (call after each change of phase, and on restore). */
export function wantsOutcome(row: TrackedRow, options: MonitorOptions): boolean {
	return (
		options.readTasks &&
		(row.phase === 'ended' || row.phase === 'expired') &&
		row.taskRead === undefined &&
		row.taskGaveUp !== true &&
		!isTaskComplete(row.task)
	);
}

/** Starts an outcome read where the row needs one; the same row otherwise. */
export function withOutcomeRead(row: TrackedRow, now: number, options: MonitorOptions): TrackedRow {
	return wantsOutcome(row, options) ? startRead(row, 'outcome', now) : row;
}

/** The first 404 of an id never seen: ask its task whether the id exists at all. */
export function withExistenceRead(row: TrackedRow, now: number, options: MonitorOptions): TrackedRow {
	if (!options.readTasks || row.taskRead !== undefined || row.task !== undefined || row.firstMissingAt !== undefined) {
		return row;
	}

	return startRead(row, 'exists', now);
}

export function taskRequested(row: TrackedRow): TrackedRow {
	return row.taskRead === undefined || row.taskRead.inFlight ? row : {...row, taskRead: {...row.taskRead, inFlight: true}};
}

function withoutRead(row: TrackedRow): TrackedRow {
	const {taskRead: _taskRead, ...rest} = row;
	return rest;
}

function givenUp(row: TrackedRow): TrackedRow {
	return {...withoutRead(row), taskGaveUp: true};
}

/** The task answered. */
export function taskAnswered(row: TrackedRow, task: TaskOutcome, now: number, options: MonitorOptions): TrackedRow {
	const read = row.taskRead;
	if (read === undefined) {
		return row;
	}

	const withTask: TrackedRow = {...row, task};
	if (read.purpose === 'exists') {
		if (isTaskComplete(task) && isPolledPhase(row.phase) && row.snapshot === undefined) {
			// The run has ended, but the 404 may have come before it started (not visible yet) rather than past the
			// hour: the status endpoint decides, at once. Within the hour it answers the end status and its counts;
			// past it, 404 again, and the row is expired with its outcome from the task (reducer missing()).
			return {...withoutRead(withTask), nextPollAt: now};
		}

		// The task exists: the status may still appear, within the not-found grace.
		return withoutRead(withTask);
	}

	if (isTaskComplete(task)) {
		const {taskGaveUp: _taskGaveUp, ...rest} = withoutRead(withTask);
		return withFinalFigures(rest);
	}

	if (now - read.since >= options.taskGiveUpMs) {
		return givenUp(withTask);
	}

	return {...withTask, taskRead: {...read, inFlight: false, failures: 0, dueAt: now + TASK_RETRY_MS}};
}

/** The task read failed. A 429 is handled by the caller (tenant pause); the read keeps its place. */
export function taskFailed(row: TrackedRow, error: IscErrorInfo, now: number, options: MonitorOptions): TrackedRow {
	const read = row.taskRead;
	if (read === undefined) {
		return row;
	}

	if (error.kind === 'rate-limited') {
		return {...row, taskRead: {...read, inFlight: false}};
	}

	if (error.kind === 'not-found') {
		if (read.purpose === 'exists' && isPolledPhase(row.phase) && row.snapshot === undefined) {
			// Neither endpoint knows the id: a mistyped id is told at once, not after the grace period.
			return {
				...withoutRead(row),
				phase: 'not-found',
				inFlight: false,
				firstMissingAt: row.firstMissingAt ?? now,
				lastError: {...error, message: UNKNOWN_ID_MESSAGE, at: now},
			};
		}

		return read.purpose === 'exists' ? withoutRead(row) : givenUp(row);
	}

	// An existence check that fails otherwise is dropped: the status polls (and their not-found grace) go on.
	if (read.purpose === 'exists') {
		return withoutRead(row);
	}

	// A token that may read statuses but not tasks: the outcome cannot be known, and asking again will not help.
	if (error.kind === 'auth' || error.kind === 'forbidden' || now - read.since >= options.taskGiveUpMs) {
		return givenUp(row);
	}

	const failures = read.failures + 1;
	return {
		...row,
		taskRead: {...read, inFlight: false, failures, dueAt: now + backoffMs(TASK_RETRY_MS, failures - 1, options.maxBackoffMs)},
	};
}
