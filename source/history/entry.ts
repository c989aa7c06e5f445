import type {TrackedRow} from '../core/types.js';
import {errorCount, isTaskComplete, warningCount} from '../domain/outcome.js';
import {COUNT_FIELDS} from '../domain/status.js';
import {isCount, isDateString, isFiniteNumber, isNonEmptyString, isRecord, isString} from '../domain/guards.js';

export type HistoryCounts = Partial<Record<(typeof COUNT_FIELDS)[number], number>>;

/** One aggregation aggwatch saw end. Times are ISO date-times so the file and --json read well. */
export interface HistoryEntry {
	tenant: string;
	/** The aggregation id. */
	id: string;
	/** The source name, when it was known. */
	source?: string;
	/** The end status ISC reported: COMPLETED, CANCELLED or TERMINATED (or another end status a newer ISC sends). */
	status: string;
	/** ISC's start time, when it gave one. */
	start?: string;
	/** When aggwatch first saw the end state (so at most one poll interval after the real end). */
	end: string;
	/** end − start, as observed; absent without a start. */
	durationMs?: number;
	/**
	 * The last time an answer showed it still running. The real end lies between this and `end`; when this is
	 * absent or long before `end` (see isEndApproximate), `end` and `durationMs` are only upper bounds.
	 */
	lastSeenRunning?: string;
	/** The counts of the last status seen. */
	counts: HistoryCounts;
	/** The longest pause between moves of the counts while it ran (ms), as aggwatch saw it: what a stall is measured against. */
	longestGapMs?: number;
	/** How long it stayed in STARTED (ms, to within a poll interval), when aggwatch saw it leave STARTED. */
	startedMs?: number;
	/** How it went, from its task (task-status/{id}), once aggwatch read it: absent while unknown. */
	outcome?: HistoryOutcome;
	/** When it was written to the history. */
	recordedAt: string;
	/**
	 * `start` and `end` are the task's launched and completed times (task-status/{id}), so `durationMs` is exact:
	 * the run's own duration, not when aggwatch happened to see its end (an hour later for a run that ended unwatched).
	 */
	timesFromTask?: true;
	/**
	 * Not seen by aggwatch: found on the tenant's task list (`discover --ended`), shown in the history view only.
	 * `status` is then the task's completion status (SUCCESS, WARNING, ERROR, TERMINATED, …).
	 */
	foundOnTenant?: boolean;
}

/** A run's outcome as the history keeps it: the task's completion status, how many warnings and errors it reported, and its figures. */
export interface HistoryOutcome {
	completionStatus: string;
	warnings: number;
	errors: number;
	/** The task's figures by attribute name (total, created, updated, deleted, …). */
	counts: Record<string, number>;
}

/**
 * What recordEnded reads from a row: the monitor's TrackedRow and the store's StoredRow both fit.
 * `lastRunningAt`: when the row was last seen running (the previous row's lastOkAt; see endedRows), if known.
 */
export type EndedRow = Pick<TrackedRow, 'id' | 'tenant' | 'label' | 'snapshot' | 'endedAt'> &
	Partial<Pick<TrackedRow, 'longestGapMs' | 'leftStartedAt' | 'task'>> & {phase?: TrackedRow['phase']; lastRunningAt?: number};

/** An end seen more than this long after the last running answer is only an upper bound of the real end. */
export const APPROXIMATE_END_MS = 120_000;

/** Whether `end` (and so `durationMs`) may be well after the real end: the end was not seen within APPROXIMATE_END_MS of a running answer. */
export function isEndApproximate(entry: Pick<HistoryEntry, 'end' | 'lastSeenRunning' | 'timesFromTask'>): boolean {
	if (entry.timesFromTask === true) {
		return false;
	}

	return entry.lastSeenRunning === undefined || Date.parse(entry.end) - Date.parse(entry.lastSeenRunning) > APPROXIMATE_END_MS;
}

export function historyKey(entry: {tenant: string; id: string}): string {
	return `${entry.tenant}\u0000${entry.id}`;
}

function isoOf(ms: number): string {
	return new Date(ms).toISOString();
}

/**
 * The history entry for a row that has ended, or undefined for one that has not (still polled, not found,
 * expired: nobody saw how those ended). `now` stands in for an end time the row lacks.
 */
export function entryFromRow(row: EndedRow, now: number): HistoryEntry | undefined {
	const status = row.snapshot?.status;
	if (row.phase !== 'ended' || status === undefined) {
		return undefined;
	}

	// The task's launched and completed times, when it has both, are the run's own: they win over when the end was seen.
	const launched = row.task?.launched === undefined ? Number.NaN : Date.parse(row.task.launched);
	const completed = row.task?.completed === undefined ? Number.NaN : Date.parse(row.task.completed);
	const timesFromTask = Number.isFinite(launched) && Number.isFinite(completed) && completed >= launched;
	const endMs = timesFromTask ? completed : (row.endedAt ?? now);
	const startMs = timesFromTask ? launched : typeof row.snapshot?.start === 'string' ? Date.parse(row.snapshot.start) : Number.NaN;
	const counts: HistoryCounts = {};
	for (const field of COUNT_FIELDS) {
		const value = row.snapshot?.[field];
		if (value !== undefined) {
			counts[field] = value;
		}
	}

	const source = row.label?.trim();
	return {
		tenant: row.tenant,
		id: row.id,
		...(source === undefined || source === '' ? {} : {source}),
		status,
		...(Number.isFinite(startMs) ? {start: isoOf(startMs), durationMs: Math.max(0, endMs - startMs)} : {}),
		end: isoOf(endMs),
		...(row.lastRunningAt === undefined || !Number.isFinite(row.lastRunningAt)
			? {}
			: {lastSeenRunning: isoOf(Math.min(row.lastRunningAt, endMs))}),
		counts,
		...(row.longestGapMs === undefined ? {} : {longestGapMs: row.longestGapMs}),
		...(row.leftStartedAt !== undefined && Number.isFinite(startMs) ? {startedMs: Math.max(0, row.leftStartedAt - startMs)} : {}),
		...(isTaskComplete(row.task)
			? {
					outcome: {
						completionStatus: row.task.completionStatus,
						warnings: warningCount(row.task),
						errors: errorCount(row.task),
						counts: {...row.task.counts},
					},
				}
			: {}),
		recordedAt: isoOf(now),
		...(timesFromTask ? {timesFromTask: true as const} : {}),
	};
}

/** A saved outcome, checked: {outcome} when usable, undefined otherwise (an odd one is dropped, not fatal). */
function parseOutcome(value: unknown): {outcome: HistoryOutcome} | undefined {
	if (!isRecord(value) || !isNonEmptyString(value['completionStatus']) || !isCount(value['warnings']) || !isCount(value['errors'])) {
		return undefined;
	}

	const counts: Record<string, number> = {};
	if (isRecord(value['counts'])) {
		for (const [name, count] of Object.entries(value['counts'])) {
			if (isFiniteNumber(count)) {
				counts[name] = count;
			}
		}
	}

	return {outcome: {completionStatus: value['completionStatus'], warnings: value['warnings'], errors: value['errors'], counts}};
}

function isDurationMs(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** An entry read from the file, checked; undefined for one that is not usable (it is then dropped, not fatal). */
export function parseEntry(value: unknown): HistoryEntry | undefined {
	if (!isRecord(value)) {
		return undefined;
	}

	const {
		tenant,
		id,
		source,
		status,
		start,
		end,
		durationMs,
		lastSeenRunning,
		counts,
		longestGapMs,
		startedMs,
		outcome,
		recordedAt,
		timesFromTask,
	} = value;
	if (!isNonEmptyString(tenant) || !isNonEmptyString(id) || !isString(status) || !isDateString(end)) {
		return undefined;
	}

	const cleanCounts: HistoryCounts = {};
	if (isRecord(counts)) {
		for (const field of COUNT_FIELDS) {
			const count = counts[field];
			if (isCount(count)) {
				cleanCounts[field] = count;
			}
		}
	}

	return {
		tenant,
		id,
		...(isNonEmptyString(source) ? {source} : {}),
		status,
		...(isDateString(start) ? {start} : {}),
		end,
		...(isFiniteNumber(durationMs) && durationMs >= 0 ? {durationMs} : {}),
		...(isDateString(lastSeenRunning) ? {lastSeenRunning} : {}),
		counts: cleanCounts,
		...(isDurationMs(longestGapMs) ? {longestGapMs} : {}),
		...(isDurationMs(startedMs) ? {startedMs} : {}),
		...(parseOutcome(outcome) ?? {}),
		recordedAt: isDateString(recordedAt) ? recordedAt : end,
		...(timesFromTask === true ? {timesFromTask: true as const} : {}),
	};
}

/** Accounts an entry stands for: processed, else total. */
export function entryAccounts(entry: HistoryEntry): number | undefined {
	return entry.counts.processedAccounts ?? entry.counts.totalAccounts;
}
