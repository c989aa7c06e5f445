import {formatDuration} from '../core/durations.js';
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

/** The plain table of `discover --ended`: source, outcome, start, duration, warnings and errors, id. */
export function formatEndedTable(rows: readonly EndedAggregation[]): string[] {
	const width = Math.min(MAX_SOURCE_WIDTH, Math.max('SOURCE'.length, ...rows.map(row => (row.sourceName ?? UNKNOWN_SOURCE).length)));
	const lines = [`${fit('SOURCE', width)}  ${'OUTCOME'.padEnd(10)}  ${'STARTED'.padEnd(23)}  ${'DURATION'.padEnd(8)}  WARN  ERR  ID`];
	for (const row of rows) {
		const duration = row.durationMs === undefined ? '?' : formatDuration(row.durationMs);
		lines.push(
			`${fit(row.sourceName ?? UNKNOWN_SOURCE, width)}  ${(row.task.completionStatus ?? '?').padEnd(10)}  ${(row.started === undefined ? '-' : utcTime(Date.parse(row.started))).padEnd(23)}  ${duration.padEnd(8)}  ${String(row.warnings).padStart(4)}  ${String(row.errors).padStart(3)}  ${row.id}`,
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
		completionStatus: row.task.completionStatus,
		started: row.started ?? null,
		completed: row.completed ?? null,
		durationMs: row.durationMs ?? null,
		warnings: row.warnings,
		errors: row.errors,
		task: row.task,
	};
}
