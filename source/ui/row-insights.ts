import {rowInsight, type RowInsight} from '../core/insight.js';
import type {RowKey, TrackedRow} from '../core/types.js';
import type {HistoryEntry} from '../history/entry.js';
import {pastRunsFor} from '../history/past-run-facts.js';

/** History entries by tenant and source name (case-insensitive), so each row only looks at its own source's runs. */
export type HistoryIndex = ReadonlyMap<string, readonly HistoryEntry[]>;

function sourceKey(tenant: string, source: string): string {
	return `${tenant}\u0000${source.trim().toLowerCase()}`;
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

	return index;
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

		const entries = row.label === undefined ? undefined : inputs.history.get(sourceKey(row.tenant, row.label));
		const past = entries === undefined || row.label === undefined ? [] : pastRunsFor(entries, row.tenant, row.label, row.id);
		const threshold = inputs.thresholds.get(row.key);
		const insight = rowInsight(row, now, {stallAfterMs: inputs.stallAfterMs, past, ...(threshold === undefined ? {} : {thresholdPercent: threshold})});
		if (insight.stall !== undefined || insight.deletion !== undefined || insight.comparison !== undefined) {
			insights.set(row.key, insight);
		}
	}

	return insights;
}
