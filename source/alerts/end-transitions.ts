import type {Alert} from './end-alert.js';
import {endAlert} from './end-alert.js';
import {isPolledPhase} from '../core/phase.js';
import {findRow} from '../core/row-index.js';
import type {MonitorState, RowKey, TrackedRow} from '../core/types.js';
import {idShortener} from '../core/short-ids.js';

/** A row that just reached an end state while the monitor was watching: it flashes, and the header says so. */
export interface Flash {
	key: RowKey;
	/** When it was seen ending (epoch ms): the flash and the header message last a few seconds from here. */
	at: number;
	/** e.g. "Workday: COMPLETED, 5,210 accounts in 14m 03s". */
	text: string;
	severity: 'success' | 'failure';
	/** A stall, not an end: told with the stall mark (⧖), not the failure mark. */
	stalled?: true;
}

/** A row that was still polled in the previous state and has reached an end in this one. */
export interface EndTransition {
	row: TrackedRow;
	previous: TrackedRow;
}

/**
 * The rows that ended between two states: still polled (waiting or running) before, finished now (ended, not
 * found, expired). Only an end seen happening while the monitor runs counts, so nothing that belongs to loading:
 * rows new in `next` (restored, or added already ended by another aggwatch) never count, and a row from before
 * `since` (when the monitor started) counts only once it had an answer after `since`: a restored row whose first
 * answer is an end ended while nobody watched, and is simply shown as ended.
 */
export function endTransitions(previous: MonitorState, next: MonitorState, since = Number.NEGATIVE_INFINITY): EndTransition[] {
	if (previous === next || previous.rows === next.rows) {
		return [];
	}

	const ended: EndTransition[] = [];
	for (const [index, row] of next.rows.entries()) {
		// An unchanged row is the same object: only rows an event replaced are looked up (by key, without a scan).
		if (row === previous.rows[index]) {
			continue;
		}

		const old = findRow(previous.rows, row.key);
		if (old === undefined || old === row || !isPolledPhase(old.phase) || isPolledPhase(row.phase)) {
			continue;
		}

		if (row.addedAt >= since || (old.lastOkAt !== undefined && old.lastOkAt >= since)) {
			ended.push({row, previous: old});
		}
	}

	return ended;
}

/**
 * How long an end's alert waits for the run's task at most: the bell and the desktop notification go once, with the
 * outcome (warnings, errors), and the task is usually read within a second of the end.
 */
export const OUTCOME_WAIT_MS = 3000;

/** An end seen, its alert waiting for the first read of the row's task (see OUTCOME_WAIT_MS). */
export interface PendingEnd {
	key: string;
	previous: TrackedRow;
	/** When the end was seen. */
	since: number;
}

/**
 * The row's task has been read once since its end, or will not be: a first answer came (complete or not), the read
 * failed, it gave up, or no read is pending at all. The alert never waits past this first read.
 */
export function outcomeSettled(row: TrackedRow): boolean {
	const read = row.taskRead;
	if (read === undefined || read.purpose !== 'outcome') {
		return true;
	}

	return row.task !== undefined || read.failures > 0 || read.dueAt > read.since;
}

/**
 * Which pending ends alert now (their task read once, or OUTCOME_WAIT_MS passed) with their row as it is now, and
 * which still wait. Rows no longer tracked are dropped.
 */
export function duePendingEnds(
	pending: readonly PendingEnd[],
	state: MonitorState,
	now: number,
): {ready: EndTransition[]; waiting: PendingEnd[]} {
	const ready: EndTransition[] = [];
	const waiting: PendingEnd[] = [];
	for (const item of pending) {
		const row = findRow(state.rows, item.key);
		if (row === undefined) {
			continue;
		}

		if (outcomeSettled(row) || now - item.since >= OUTCOME_WAIT_MS) {
			ready.push({row, previous: item.previous});
		} else {
			waiting.push(item);
		}
	}

	return {ready, waiting};
}

/** How long a row that just ended flashes. */
export const FLASH_MS = 5000;
/** How long the header tells of it. */
export const ALERT_MESSAGE_MS = 8000;

/** The alert text, with the tenant when rows of several tenants are shown. */
export function alertText(alert: Alert, withTenant: boolean): string {
	return withTenant ? `${alert.text} (${alert.tenant})` : alert.text;
}

/**
 * The alert and the flash for each transition; `now` stands in for an end time a row lacks (not found, expired), and
 * the flash starts at `now` (the alert may have waited a moment for the task).
 * `extra` adds phrases to an alert's text (how the run compares with the source's usual, held-back deletions).
 */
export function alertsFor(
	transitions: readonly EndTransition[],
	now: number,
	withTenant: boolean,
	short: (id: string) => string = idShortener(transitions.map(transition => transition.row.id)),
	extra?: (row: TrackedRow) => readonly string[],
): Array<{alert: Alert; flash: Flash}> {
	const result: Array<{alert: Alert; flash: Flash}> = [];
	for (const {row, previous} of transitions) {
		const found = endAlert(row, previous, now, short);
		if (found === undefined) {
			continue;
		}

		const phrases = extra?.(row) ?? [];
		const alert = phrases.length === 0 ? found : {...found, text: [found.text, ...phrases].join('; ')};

		const text = alertText(alert, withTenant);
		result.push({
			alert: {...alert, text},
			flash: {key: row.key, at: Math.max(row.endedAt ?? now, now), text, severity: alert.severity},
		});
	}

	return result;
}
