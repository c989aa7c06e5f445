import {formatDuration} from '../core/durations.js';
import type {Stall} from '../core/stall.js';
import type {TrackedRow} from '../core/types.js';
import type {Alert} from './end-alert.js';

/** A duration to the minute once it is a minute or more: "45s", "17m", "2h 03m". */
export function roughDuration(ms: number): string {
	const text = formatDuration(ms);
	return /^\d+m \d\ds$/.test(text) ? text.replace(/ \d\ds$/, '') : text;
}

/** "stalled? no progress for 17m" or "stalled? STARTED for 45m". */
export function stallPhrase(stall: Stall): string {
	return stall.kind === 'started'
		? `stalled? STARTED for ${roughDuration(stall.forMs)}`
		: `stalled? no progress for ${roughDuration(stall.forMs)}`;
}

function nameOf(row: TrackedRow): string {
	const label = row.label?.trim();
	return label === undefined || label === '' ? `${row.id.slice(0, 8)}…` : label;
}

/** The alert for a row that has just stalled (given once per stall, like an end). */
export function stallAlert(row: TrackedRow, stall: Stall): Alert {
	const title = `${nameOf(row)}: ${stallPhrase(stall)}`;
	const body = `threshold ${roughDuration(stall.thresholdMs)}`;
	return {id: row.id, tenant: row.tenant, title, body, text: `${title} (${body})`, severity: 'failure'};
}

/**
 * The rows that stalled since the last look, given the keys that were stalled then; returns them and the keys
 * stalled now. A row that resumes leaves the set, so a later stall of it is told again.
 */
export function newStalls<K>(before: ReadonlySet<K>, now: ReadonlyMap<K, Stall>): {started: K[]; stalled: Set<K>} {
	const started = [...now.keys()].filter(key => !before.has(key));
	return {started, stalled: new Set(now.keys())};
}
