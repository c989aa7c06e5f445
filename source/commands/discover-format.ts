import {formatCount, formatDuration} from '../core/durations.js';
import {outcomeLabel, scannedAccounts, taskHeldBackDeletions, taskOutcomeJson, type TaskOutcome} from '../domain/outcome.js';
import type {EndedAggregation} from './ended-aggregations.js';
import type {RunningAggregation} from './running-aggregations.js';
import {utcTime} from './utc-time.js';
import {fit} from '../domain/text.js';

const UNKNOWN_SOURCE = '(unknown source)';
const MAX_SOURCE_WIDTH = 40;

/** The plain table discover prints: a heading, then one line per aggregation (source, start, how long ago, id). */
export function formatRunningTable(rows: readonly RunningAggregation[], now: number): string[] {
	const width = Math.min(MAX_SOURCE_WIDTH, Math.max('SOURCE'.length, ...rows.map(row => (row.sourceName ?? UNKNOWN_SOURCE).length)));
	const lines = [`${fit('SOURCE', width)}  ${'STARTED'.padEnd(23)}  ${'RUNNING'.padEnd(8)}  ID`];
	for (const row of rows) {
		const started = row.started === undefined ? undefined : Date.parse(row.started);
		const since = started === undefined ? '-' : utcTime(started);
		const running = started === undefined ? '-' : formatDuration(Math.max(0, now - started));
		lines.push(`${fit(row.sourceName ?? UNKNOWN_SOURCE, width)}  ${since.padEnd(23)}  ${running.padEnd(8)}  ${row.id}`);
	}

	return lines;
}

/** One --json line. Fields are always present (null when unknown) so scripts can rely on them. */
export function runningJson(row: RunningAggregation, tenant: string): Record<string, unknown> {
	return {
		id: row.id,
		tenant,
		source: row.sourceName ?? null,
		sourceId: row.sourceId ?? null,
		started: row.started ?? null,
		progress: row.progress ?? null,
	};
}

/** The changes the task reports (added + changed + removed), when it reports any of them. */
function taskChanges(task: TaskOutcome): number | undefined {
	const {created, updated, deleted} = task.counts;
	return created === undefined && updated === undefined && deleted === undefined
		? undefined
		: (created ?? 0) + (updated ?? 0) + (deleted ?? 0);
}

/**
 * The plain table of `discover --ended`: source, outcome (the task's completion status with its warnings or errors,
 * "WARNING ⚠ 3"), start, duration, the changes and the accounts scanned the task reports, id.
 */
export function formatEndedTable(rows: readonly EndedAggregation[]): string[] {
	const width = Math.min(MAX_SOURCE_WIDTH, Math.max('SOURCE'.length, ...rows.map(row => (row.sourceName ?? UNKNOWN_SOURCE).length)));
	const outcomes = rows.map(row =>
		outcomeLabel(undefined, {completionStatus: row.task.completionStatus, warnings: row.warnings, errors: row.errors}),
	);
	const outcomeWidth = Math.max('OUTCOME'.length, ...outcomes.map(text => [...text].length));
	const pad = (text: string) => text + ' '.repeat(Math.max(0, outcomeWidth - [...text].length));
	const count = (value: number | undefined) => (value === undefined ? '?' : formatCount(value)).padStart(9);
	const lines = [
		`${fit('SOURCE', width)}  ${pad('OUTCOME')}  ${'STARTED'.padEnd(23)}  ${'DURATION'.padEnd(8)}  ${'CHANGES'.padStart(9)}  ${'SCANNED'.padStart(9)}  ID`,
	];
	for (const [index, row] of rows.entries()) {
		const duration = row.durationMs === undefined ? '?' : formatDuration(row.durationMs);
		lines.push(
			`${fit(row.sourceName ?? UNKNOWN_SOURCE, width)}  ${pad(outcomes[index]!)}  ${(row.started === undefined ? '-' : utcTime(Date.parse(row.started))).padEnd(23)}  ${duration.padEnd(8)}  ${count(taskChanges(row.task))}  ${count(scannedAccounts(row.task))}  ${row.id}`,
		);
	}

	return lines;
}

/** One `discover --ended --json` line; fields always present (null when unknown). */
export function endedJson(row: EndedAggregation, tenant: string): Record<string, unknown> {
	return {
		id: row.id,
		tenant,
		source: row.sourceName ?? null,
		sourceId: row.sourceId ?? null,
		...taskStatusFields(row.task),
		started: row.started ?? null,
		completed: row.completed ?? null,
		durationMs: row.durationMs ?? null,
		warnings: row.warnings,
		errors: row.errors,
		deletionsHeldBack: taskHeldBackDeletions(row.task),
		task: taskOutcomeJson(row.task),
	};
}

/** completionStatus in one spelling, and completionStatusRaw where the tenant's differs. */
function taskStatusFields(task: TaskOutcome): {completionStatus: string | null; completionStatusRaw?: string} {
	const {completionStatus, completionStatusRaw} = taskOutcomeJson(task);
	return {completionStatus, ...(completionStatusRaw === undefined ? {} : {completionStatusRaw})};
}
