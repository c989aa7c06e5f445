import {completionOf} from '../domain/outcome.js';
import {plural} from '../domain/text.js';
import {formatCount, formatDuration} from './durations.js';
import type {LastRunView, RunningView, ScheduleView, SourceOverview} from './source-overview.js';

/**
 * The words of the tenant at a glance, shared by `aggwatch sources` and the monitor's sources screen. Pure.
 */

/** The last run's outcome, as a row badge says it: "completed", "completed, 3 warnings", "ERROR, 2 errors", "TERMINATED". */
export function outcomeWords(run: LastRunView, marks: {warning: string; error: string} = {warning: ',', error: ','}): string {
	const completion = completionOf(run.completionStatus);
	const join = (mark: string) => (mark === ',' ? ', ' : ` ${mark} `);
	const warnings = run.warnings > 0 ? `${join(marks.warning)}${plural(run.warnings, 'warning')}` : '';
	const errors = run.errors > 0 ? `${join(marks.error)}${plural(run.errors, 'error')}` : '';
	const heldBack = run.deletionsHeldBack ? `${join(marks.warning)}deletions held back` : '';
	switch (completion) {
		case 'success': {
			return `completed${heldBack}`;
		}

		case 'warning': {
			return `completed${heldBack}${warnings}`;
		}

		case 'error': {
			return `${run.completionStatus}${errors}`;
		}

		default: {
			return run.completionStatus;
		}
	}
}

/** "14m (usual 12m)", or "14m" without enough earlier runs; "?" when the times are not known. */
export function tookWords(run: LastRunView): string {
	if (run.durationSeconds === null) {
		return '?';
	}

	const took = formatDuration(run.durationSeconds * 1000);
	return run.usualSeconds === undefined ? took : `${took} (usual ${formatDuration(run.usualSeconds * 1000)})`;
}

/** "120 changes, 3,000 scanned", or whichever of the two is known. */
export function figuresWords(run: LastRunView): string {
	const parts = [
		...(run.changes === undefined ? [] : [plural(run.changes, 'change')]),
		...(run.scanned === undefined ? [] : [`${formatCount(run.scanned)} scanned`]),
	];
	return parts.length === 0 ? '-' : parts.join(', ');
}

/** "3h ago", "in 21h": how far a time is from now. */
export function relativeWords(at: number, now: number): string {
	const ms = at - now;
	return ms <= 0 ? `${formatDuration(Math.max(0, -ms))} ago` : `in ${formatDuration(ms)}`;
}

/** A run in progress as the tenant says it: "running 4m 10s", "queued 20s" (how long since it started). */
export function runningWords(running: RunningView, now: number): string {
	const started = running.started === null ? Number.NaN : Date.parse(running.started);
	return `${running.status === 'QUEUED' ? 'queued' : 'running'}${Number.isNaN(started) ? '' : ` ${formatDuration(Math.max(0, now - started))}`}`;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function twoDigits(value: string): string | undefined {
	return /^\d{1,2}$/.test(value) ? value.padStart(2, '0') : undefined;
}

/**
 * The schedule in words for the common shapes ISC's UI writes ("daily at 02:00 GMT-5", "hourly at :15",
 * "weekdays at 06:30 UTC", "every Monday at 03:00 UTC", "every 4 hours at :00"), else the expression itself with its
 * zone. Only words: the times come from croner (core/cron-schedule.ts).
 */
export function scheduleWords(schedule: ScheduleView): string {
	const zone = schedule.zone;
	const fields = schedule.cron.trim().split(/\s+/);
	if (!schedule.readable) {
		return `${schedule.cron} (not read by aggwatch)`;
	}

	const [seconds, minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields;
	const plainDays = (value: string | undefined) => value === '*' || value === '?' || value === '1/1';
	const everyMonth = month === '*' && (year === undefined || year === '*');
	const minute = minutes === undefined ? undefined : twoDigits(minutes);
	const hour = hours === undefined ? undefined : twoDigits(hours);
	if (seconds === '0' && minute !== undefined && everyMonth && plainDays(dayOfMonth)) {
		if (hour !== undefined && plainDays(dayOfWeek)) {
			return `daily at ${hour}:${minute} ${zone}`;
		}

		if (hours === '*' && plainDays(dayOfWeek)) {
			return `hourly at :${minute}`;
		}

		const step = /^(?:\*|0)\/(\d+)$/.exec(hours ?? '');
		if (step !== null && plainDays(dayOfWeek)) {
			return `every ${step[1]} hours at :${minute} (${zone})`;
		}

		if (hour !== undefined && (dayOfWeek === '2-6' || dayOfWeek?.toUpperCase() === 'MON-FRI')) {
			return `weekdays at ${hour}:${minute} ${zone}`;
		}

		if (hour !== undefined && /^[1-7]$/.test(dayOfWeek ?? '')) {
			return `every ${WEEKDAYS[Number(dayOfWeek) - 1]} at ${hour}:${minute} ${zone}`;
		}
	}

	return `${schedule.cron} (${zone})`;
}

/** The attention kinds in words, or "-". */
export function attentionWords(overview: SourceOverview): string {
	return overview.attention.length === 0 ? '-' : overview.attention.join(', ');
}

/**
 * What is said of the next run: "in 21h, daily at 02:00 GMT-5" (the zone the schedule runs in; "zone unknown" when
 * the cluster's could not be read), "no schedule", "?" while it is not read yet.
 */
export function nextRunWords(overview: SourceOverview, now: number): string {
	const {schedule} = overview;
	if (schedule === undefined) {
		return '?';
	}

	if (schedule === null) {
		return 'no schedule';
	}

	const words = `${scheduleWords(schedule)}${schedule.zoneKnown ? '' : ' (zone unknown: read as UTC)'}`;
	if (!schedule.readable) {
		return words;
	}

	return schedule.next === null ? `never again: ${words}` : `${relativeWords(Date.parse(schedule.next), now)}, ${words}`;
}
