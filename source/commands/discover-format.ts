import {formatDuration} from '../core/durations.js';
import type {RunningAggregation} from './running-aggregations.js';
import {utcTime} from './utc-time.js';

const UNKNOWN_SOURCE = '(unknown source)';
const MAX_SOURCE_WIDTH = 40;

function fit(text: string, width: number): string {
	return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

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
