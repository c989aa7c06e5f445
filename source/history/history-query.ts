import {newestFirst} from './bounds.js';
import type {HistoryEntry} from './entry.js';

export interface HistoryQuery {
	tenant?: string;
	/** A source name, matched without regard to case. */
	source?: string;
	/** Only entries that ended at or after this time (epoch ms). */
	endedSince?: number;
}

/** The entries that match, newest first. */
export function queryHistory(entries: readonly HistoryEntry[], query: HistoryQuery): HistoryEntry[] {
	const source = query.source?.trim().toLowerCase();
	return entries
		.filter(
			entry =>
				(query.tenant === undefined || entry.tenant === query.tenant) &&
				(source === undefined || entry.source?.toLowerCase() === source) &&
				(query.endedSince === undefined || Date.parse(entry.end) >= query.endedSince),
		)
		.sort(newestFirst);
}
