export {openHistory, historyPath, HistoryFile, HISTORY_FILE_NAME, type OpenHistoryOptions} from './history-file.js';
export {APPROXIMATE_END_MS, entryFromRow, entryAccounts, historyKey, isEndApproximate, type EndedRow, type HistoryEntry, type HistoryCounts} from './entry.js';
export {
	DEFAULT_HISTORY_BOUNDS,
	HISTORY_MAX_AGE_ENV,
	HISTORY_MAX_ENTRIES_ENV,
	historyBoundsFromEnv,
	pruneEntries,
	type HistoryBounds,
} from './bounds.js';
export {previousRuns, slowness, typicalDurationMs, type PreviousRun} from './previous-runs.js';
export {queryHistory, type HistoryQuery} from './history-query.js';
export {endedRows} from './ended-rows.js';
