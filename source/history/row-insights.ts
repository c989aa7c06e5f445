import {rowInsight, type RowInsight} from '../core/insight.js';
import type {PastRun} from '../core/past-runs.js';
import type {RowKey, TrackedRow} from '../core/types.js';
import type {HistoryEntry} from './entry.js';
import {pastRunsFor} from './past-run-facts.js';

/** History entries by tenant and source name (case-insensitive), so each row only looks at its own source's runs. */
function sourceKey(tenant: string, source: string): string {
	return `${tenant}\u0000${source.trim().toLowerCase()}`;
}

/**
 * The history by source, each run's earlier runs once worked out (they change only with the history), and the
 * last insight of each row object: a row the poller has not touched keeps its insight, except that a running row's
 * comparison (elapsed against the usual) is brought up to date every REFRESH_MS.
 */
export interface HistoryIndex {
	bySource: ReadonlyMap<string, readonly HistoryEntry[]>;
	past: Map<RowKey, {label: string; runs: PastRun[]}>;
	insights: WeakMap<TrackedRow, CachedInsight>;
}

interface CachedInsight {
	insight: RowInsight;
	at: number;
	past: readonly PastRun[];
	threshold: number | undefined;
	stallAfterMs: number;
}

/** How often a running row's comparison with the usual duration is worked out again. */
export const REFRESH_MS = 5000;

/** The earlier runs of a row's source (newest first), from the index's cache. */
function pastOf(index: HistoryIndex, row: TrackedRow): PastRun[] {
	if (row.label === undefined) {
		return [];
	}

	const known = index.past.get(row.key);
	if (known !== undefined && known.label === row.label) {
		return known.runs;
	}

	const entries = index.bySource.get(sourceKey(row.tenant, row.label));
	const runs = entries === undefined ? [] : pastRunsFor(entries, row.tenant, row.label, row.id);
	index.past.set(row.key, {label: row.label, runs});
	return runs;
}

export function indexHistory(entries: readonly HistoryEntry[]): HistoryIndex {
	const index = new Map<string, HistoryEntry[]>();
	for (const entry of entries) {
		if (entry.source !== undefined) {
			const key = sourceKey(entry.tenant, entry.source);
			const list = index.get(key);
			if (list === undefined) {
				index.set(key, [entry]);
			} else {
				list.push(entry);
			}
		}
	}

	return {bySource: index, past: new Map(), insights: new WeakMap()};
}

export interface RowInsightInputs {
	history: HistoryIndex;
	/** deleteThreshold of each row's source, by row key, where known. */
	thresholds: ReadonlyMap<RowKey, number | undefined>;
	stallAfterMs: number;
}

/** The insight of every row that has something to say (stalled, deletions, a comparison), by row key. */
export function rowInsights(rows: readonly TrackedRow[], now: number, inputs: RowInsightInputs): Map<RowKey, RowInsight> {
	const insights = new Map<RowKey, RowInsight>();
	for (const row of rows) {
		if (row.phase !== 'running' && row.phase !== 'ended') {
			continue;
		}

		const past = pastOf(inputs.history, row);
		const threshold = inputs.thresholds.get(row.key);
		const cached = inputs.history.insights.get(row);
		let insight: RowInsight;
		if (
			cached !== undefined &&
			cached.past === past &&
			cached.threshold === threshold &&
			cached.stallAfterMs === inputs.stallAfterMs &&
			(row.phase !== 'running' || cached.insight.comparison?.duration === undefined || Math.abs(now - cached.at) < REFRESH_MS)
		) {
			insight = cached.insight;
		} else {
			insight = rowInsight(row, now, {
				stallAfterMs: inputs.stallAfterMs,
				past,
				...(threshold === undefined ? {} : {thresholdPercent: threshold}),
			});
			inputs.history.insights.set(row, {insight, at: now, past, threshold, stallAfterMs: inputs.stallAfterMs});
		}

		if (insight.stall !== undefined || insight.deletion !== undefined || insight.comparison !== undefined) {
			insights.set(row.key, insight);
		}
	}

	return insights;
}
