import {formatCount, formatDuration} from '../core/durations.js';
import {isPolled} from '../core/phase.js';
import {rowCompletion, rowOutcome, type RowOutcome} from '../core/summary.js';
import {errorCount, warningCount} from '../domain/outcome.js';
import type {TrackedRow} from '../core/types.js';
import {idShortener} from '../core/short-ids.js';
import {plural} from '../domain/text.js';

export type AlertSeverity = 'success' | 'failure';

/** What to tell the user when an aggregation ends (or keeps failing). */
export interface Alert {
	id: string;
	tenant: string;
	/** e.g. "Workday: COMPLETED". */
	title: string;
	/** e.g. "5,210 accounts in 14m 03s". */
	body: string;
	/** Title and body on one line, for a desktop notification or a log: "Workday: COMPLETED, 5,210 accounts in 14m 03s". */
	text: string;
	/** success: COMPLETED. failure: CANCELLED, TERMINATED, not found, outcome unknown, or failing request after request. */
	severity: AlertSeverity;
}

/** A still-polled row whose requests failed this many times in a row is worth an alert (once). */
export const PERSISTENT_FAILURES = 5;

const ENDINGS: ReadonlySet<RowOutcome> = new Set(['completed', 'cancelled', 'terminated', 'not-found', 'expired']);

/** The row's label, else its id as short as tells it from the others (`short`; default its first 8 characters). */
function nameOf(row: TrackedRow, short: (id: string) => string): string {
	const label = row.label?.trim();
	if (label !== undefined && label !== '') {
		return label;
	}

	// Marked as cut where it was cut: "a1b2c3d4…" or "…00000003".
	const cut = short(row.id);
	return cut === row.id || cut.startsWith('…') ? cut : `${cut}…`;
}

function accountsPhrase(row: TrackedRow, completed: boolean): string | undefined {
	const processed = row.snapshot?.processedAccounts;
	const total = row.snapshot?.totalAccounts;
	if (completed) {
		const count = processed ?? total;
		return count === undefined ? undefined : plural(count, 'account');
	}

	if (processed === undefined && total === undefined) {
		return undefined;
	}

	return `${formatCount(processed ?? 0)} of ${total === undefined ? '?' : formatCount(total)} accounts`;
}

/** An end seen longer than this after the last running answer is not when it ended: no duration is given. */
const LATE_END_MS = 120_000;

/**
 * How long it ran, when that is known: it has a start, and it was seen running shortly before the end was seen
 * (an end found on the first answer, or after a long gap, may be long past).
 */
function elapsedMs(row: TrackedRow, previousRow: TrackedRow | undefined, now: number): number | undefined {
	const start = typeof row.snapshot?.start === 'string' ? Date.parse(row.snapshot.start) : Number.NaN;
	const end = row.endedAt ?? now;
	// Seen running: by the previous state, or (when the screen saw the states in between only in part) by a
	// progress sample taken before the end answer.
	const earlierSample = row.samples.findLast(sample => sample.at < (row.lastOkAt ?? end));
	const seenRunning =
		(previousRow?.phase === 'running' && previousRow.lastOkAt !== undefined && end - previousRow.lastOkAt <= LATE_END_MS) ||
		(earlierSample !== undefined && end - earlierSample.at <= LATE_END_MS);
	return Number.isFinite(start) && seenRunning ? Math.max(0, end - start) : undefined;
}

/** How the run's task ended, when it warned or failed: " with 3 warnings", " with 2 errors" ('' otherwise or while unknown). */
function taskOutcomePhrase(row: TrackedRow): string {
	const completion = rowCompletion(row);
	if (row.task === undefined || completion === undefined) {
		return '';
	}

	if (completion === 'warning') {
		const warnings = warningCount(row.task);
		return warnings > 0 ? ` with ${plural(warnings, 'warning')}` : ' with warnings';
	}

	if (completion === 'error' || completion === 'terminated') {
		const errors = errorCount(row.task);
		return errors > 0 ? ` with ${plural(errors, 'error')}` : ` (task ${row.task.completionStatus ?? 'ERROR'})`;
	}

	return '';
}

function make(row: TrackedRow, title: string, body: string, severity: AlertSeverity): Alert {
	return {id: row.id, tenant: row.tenant, title, body, text: body === '' ? title : `${title}, ${body}`, severity};
}

function endingAlert(
	row: TrackedRow,
	previousRow: TrackedRow | undefined,
	outcome: RowOutcome,
	now: number,
	short: (id: string) => string,
): Alert {
	const name = nameOf(row, short);
	const elapsed = elapsedMs(row, previousRow, now);
	switch (outcome) {
		case 'completed': {
			const parts = [accountsPhrase(row, true), elapsed === undefined ? undefined : `in ${formatDuration(elapsed)}`].filter(
				part => part !== undefined,
			);
			const failed = rowCompletion(row) === 'error' || rowCompletion(row) === 'terminated';
			return make(row, `${name}: COMPLETED${taskOutcomePhrase(row)}`, parts.join(' '), failed ? 'failure' : 'success');
		}

		case 'not-found': {
			return make(row, `${name}: not found`, 'ISC does not know this aggregation id', 'failure');
		}

		case 'expired': {
			return make(row, `${name}: outcome unknown`, 'ISC stopped reporting it before an end was seen', 'failure');
		}

		default: {
			// CANCELLED, TERMINATED.
			const parts = [accountsPhrase(row, false), elapsed === undefined ? undefined : `after ${formatDuration(elapsed)}`].filter(
				part => part !== undefined,
			);
			return make(row, `${name}: ${row.snapshot?.status ?? outcome.toUpperCase()}`, parts.join(', '), 'failure');
		}
	}
}

/**
 * The alert for what just happened to a row, or undefined when nothing alert-worthy did. `previousRow` is the
 * same row before the change (undefined: the row is new, so an end seen on its first answer alerts too).
 * Alerts when the row reaches an end (COMPLETED: success; CANCELLED, TERMINATED, not found, expired: failure),
 * with the duration only when the previous row was seen running shortly before; and, once, when a still-polled row's requests have failed PERSISTENT_FAILURES times in a row.
 */
export function endAlert(
	row: TrackedRow,
	previousRow: TrackedRow | undefined,
	now: number,
	short: (id: string) => string = idShortener([row.id]),
): Alert | undefined {
	const outcome = rowOutcome(row);
	if (ENDINGS.has(outcome)) {
		return previousRow !== undefined && rowOutcome(previousRow) === outcome
			? undefined
			: endingAlert(row, previousRow, outcome, now, short);
	}

	if (
		isPolled(row) &&
		row.lastError !== undefined &&
		row.failures >= PERSISTENT_FAILURES &&
		(previousRow?.failures ?? 0) < PERSISTENT_FAILURES
	) {
		return make(row, `${nameOf(row, short)}: failing`, `${row.lastError.message} (${row.failures} requests in a row)`, 'failure');
	}

	return undefined;
}
