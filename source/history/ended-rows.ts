import type {MonitorState, TrackedRow} from '../core/types.js';
import type {EndedRow} from './entry.js';

/**
 * The rows that reached phase `ended` between two states, each with `lastRunningAt` (when the previous state last
 * saw it running), ready for HistoryFile.recordEnded. `previous` undefined: every ended row is new.
 */
export function endedRows(previous: MonitorState | undefined, next: MonitorState): Array<TrackedRow & EndedRow> {
	const before = new Map(previous?.rows.map(row => [row.key, row]));
	const ended: Array<TrackedRow & EndedRow> = [];
	for (const row of next.rows) {
		const previousRow = before.get(row.key);
		if (row.phase !== 'ended' || previousRow?.phase === 'ended') {
			continue;
		}

		const lastRunningAt = previousRow?.phase === 'running' ? previousRow.lastOkAt : undefined;
		ended.push(lastRunningAt === undefined ? row : {...row, lastRunningAt});
	}

	return ended;
}
