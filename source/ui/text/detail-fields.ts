import {formatCount, formatDuration, formatRate} from '../../core/durations.js';
import {rowCadenceMs} from '../../core/cadence.js';
import {isPolledPhase} from '../../core/phase.js';
import {eta, isStale, percent, rate} from '../../core/progress.js';
import {rowOutcome} from '../../core/summary.js';
import {completionOf, errorCount, scannedAccounts, warningCount, type TaskOutcome} from '../../domain/outcome.js';
import {figuresText, outcomeText, plural} from '../../domain/text.js';
import type {MonitorState, TrackedRow} from '../../core/types.js';
import {safeText} from '../../domain/status.js';
import {authAdvice, tenantStopWord} from './auth-advice.js';
import {clockWithAge, countdown} from './clock-text.js';
import type {ColorRole} from '../theme/theme.js';

/** One labelled value of the detail pane. */
export interface DetailField {
	label: string;
	value: string;
	role?: ColorRole;
}

export interface DetailContent {
	/** Short values, laid out in a grid. */
	fields: DetailField[];
	/** Long values (errors), one full-width line each. */
	lines: DetailField[];
}

const NONE = '-';

function pair(done: number | undefined, total: number | undefined): string {
	if (done === undefined && total === undefined) {
		return NONE;
	}

	const text = `${done === undefined ? '?' : formatCount(done)} / ${total === undefined ? '?' : formatCount(total)}`;
	const share = total !== undefined && total > 0 && done !== undefined ? ` (${Math.floor((done / total) * 100)}%)` : '';
	return text + share;
}

function count(value: number | undefined): string {
	return value === undefined ? NONE : formatCount(value);
}

function startText(start: string | null | undefined, now: number): string {
	if (start === null) {
		return 'not yet';
	}

	if (start === undefined) {
		return NONE;
	}

	const at = Date.parse(start);
	return Number.isNaN(at) ? start : clockWithAge(at, now);
}

function nextPollText(row: TrackedRow, state: MonitorState, now: number): DetailField {
	const label = 'Next poll';
	if (!isPolledPhase(row.phase)) {
		return {label, value: 'never: finished rows are not polled'};
	}

	if (row.inFlight) {
		return {label, value: 'asking now'};
	}

	if (state.paused) {
		return {label, value: 'paused (p resumes)', role: 'warning'};
	}

	const tenant = state.tenants[row.tenant];
	if (tenant?.pausedUntil !== undefined && tenant.pausedUntil > now) {
		const at = Math.max(tenant.pausedUntil, row.nextPollAt);
		return {label, value: `rate-limited, in ${countdown(at, now)}`, role: 'warning'};
	}

	if (tenant?.authError !== undefined) {
		const at = Math.max(tenant.authProbeAt ?? now, row.nextPollAt);
		const why = tenantStopWord(tenant.authError) === undefined ? 'credentials failing' : 'TLS certificate not trusted';
		return {label, value: `${why}, retry in ${countdown(at, now)}`, role: 'error'};
	}

	const every = `every ${formatDuration(rowCadenceMs(state, row))}`;
	return {label, value: row.nextPollAt > now ? `in ${countdown(row.nextPollAt, now)} (${every})` : `due now (${every})`};
}

function taskTime(text: string | undefined, now: number): string | undefined {
	const at = text === undefined ? Number.NaN : Date.parse(text);
	return Number.isNaN(at) ? undefined : clockWithAge(at, now);
}

function taskOutcomeText(task: TaskOutcome): string {
	return outcomeText(task.completionStatus ?? 'not complete yet', warningCount(task), errorCount(task));
}

/** What the row's task says (task-status/{id}): outcome, times, every figure present, and each message. */
function taskLines(row: TrackedRow, now: number): DetailField[] {
	const {task} = row;
	if (task === undefined) {
		if (row.taskGaveUp === true) {
			return [{label: 'Outcome', value: 'unknown: the task did not complete within a few minutes', role: 'warning'}];
		}

		return row.taskRead?.purpose === 'outcome' ? [{label: 'Outcome', value: 'reading the task…'}] : [];
	}

	// Real tenants have sent `Success`, `Error`, `TEMPERROR`: the verdict is read whatever the spelling.
	const completion = completionOf(task.completionStatus);
	const role = completion === 'success' ? 'done' : completion === 'warning' ? 'warning' : completion === undefined ? undefined : 'error';
	const gaveUp = row.taskGaveUp === true && task.completionStatus === null ? ' (gave up waiting for it)' : '';
	const lines: DetailField[] = [{label: 'Outcome', value: taskOutcomeText(task) + gaveUp, ...(role === undefined ? {} : {role})}];
	const launched = taskTime(task.launched, now);
	const completed = taskTime(task.completed, now);
	if (launched !== undefined || completed !== undefined) {
		lines.push({label: 'Launched / done', value: `${launched ?? NONE} / ${completed ?? NONE}`});
	}

	const figures = figuresText(task.counts);
	if (figures !== undefined) {
		lines.push({label: 'Figures', value: figures});
	}

	for (const message of task.messages) {
		const type = message.type.toUpperCase();
		lines.push({
			label: type,
			value: message.text,
			...(type === 'ERROR' ? {role: 'error' as const} : type.startsWith('WARN') ? {role: 'warning' as const} : {}),
		});
	}

	return lines;
}

/**
 * Everything known about a row, for the detail pane: every field of the status body, timing, and the last error.
 * @param stalled Its counts stopped (a stall insight): the rate is 0/s and there is no ETA, as on its row.
 */
export function detailContent(row: TrackedRow, state: MonitorState, now: number, stalled = false): DetailContent {
	const snapshot = row.snapshot;
	const outcome = rowOutcome(row);
	const perSecond = stalled ? 0 : isPolledPhase(row.phase) ? rate(row.samples) : undefined;
	const remaining = stalled ? undefined : eta(row, now);
	const done = percent(snapshot);
	const stale = isStale(row, now, state.options.intervalMs);
	const fields: DetailField[] = [
		// Id, tenant and name may come from a store file edited by hand: nothing in them reaches the terminal as a sequence.
		{label: 'Id', value: safeText(row.id)},
		{label: 'Tenant', value: safeText(row.tenant)},
		{label: 'Source', value: row.label === undefined ? NONE : safeText(row.label)},
		{
			label: 'Status',
			// ISC forgets a run's status about an hour after its end: expected, not an error. The last status seen is
			// stale then; once the task is read, the figures are its final ones.
			value: row.phase === 'expired' ? `${outcome}; status expired (expected)` : `${snapshot?.status ?? NONE} (${outcome})`,
		},
		{label: 'Started', value: startText(snapshot?.start, now)},
		// The status endpoint's counts are new, changed and deleted accounts; the task says how many were scanned.
		{label: 'Changes', value: pair(snapshot?.processedAccounts, snapshot?.totalAccounts)},
		{label: 'Accounts scanned', value: count(scannedAccounts(row.task))},
		{label: 'Identities', value: pair(snapshot?.processedIdentities, snapshot?.totalIdentities)},
		{label: 'Marked for deletion', value: count(snapshot?.totalAccountsMarkedForDeletion)},
		{label: 'Removed', value: count(snapshot?.deletedAccounts)},
		{
			label: 'Rate / ETA',
			value: `${perSecond === undefined ? NONE : formatRate(perSecond)} / ${remaining === undefined ? NONE : formatDuration(remaining)}${done === undefined ? '' : ` (${Math.floor(done)}%)`}`,
		},
		{label: 'Added', value: clockWithAge(row.addedAt, now)},
		{
			label: 'Last update',
			value: row.lastOkAt === undefined ? 'no answer yet' : `${clockWithAge(row.lastOkAt, now)}${stale ? ' STALE' : ''}`,
			...(stale ? {role: 'warning' as const} : {}),
		},
		nextPollText(row, state, now),
	];
	if (row.endedAt !== undefined) {
		fields.push({label: 'Ended', value: clockWithAge(row.endedAt, now)});
	}

	const lines: DetailField[] = taskLines(row, now);
	const error = row.lastError;
	if (error !== undefined) {
		const http = error.status === undefined ? '' : ` HTTP ${error.status}`;
		const code = error.code === undefined ? '' : ` ${error.code}`;
		const detail = error.detailCode === undefined ? '' : ` [${error.detailCode}]`;
		lines.push({
			label: 'Last error',
			value: `${error.kind}${http}${code}${detail}: ${error.message} (${clockWithAge(error.at, now)})`,
			role: 'error',
		});
		if (error.trackingId !== undefined) {
			lines.push({label: 'Tracking id', value: error.trackingId});
		}

		if (error.hint !== undefined) {
			lines.push({label: 'What to do', value: error.hint});
		}

		if (isPolledPhase(row.phase) && row.nextPollAt > now && !row.inFlight) {
			const failures = `${plural(row.failures, 'failure')} in a row`;
			lines.push({label: 'Retry', value: `in ${countdown(row.nextPollAt, now)} (${failures})`, role: 'warning'});
		}
	}

	const tenantError = state.tenants[row.tenant]?.authError;
	if (tenantError !== undefined && isPolledPhase(row.phase)) {
		lines.push({label: 'Tenant', value: authAdvice(row.tenant, tenantError, state.options.authRetryMs), role: 'error'});
	}

	return {fields, lines};
}
