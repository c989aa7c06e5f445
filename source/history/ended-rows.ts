import {findRow} from '../core/row-index.js';
import type {MonitorState, TrackedRow} from '../core/types.js';
import type {EndedRow} from './entry.js';

/**
 * The rows that reached phase `ended` between two states, each with `lastRunningAt` (when the previous state last
 * saw it running), ready for HistoryFile.recordEnded. `previous` undefined: every ended row is new.
 */
export function endedRows(previous: MonitorState | undefined, next: MonitorState): Array<TrackedRow & EndedRow> {
	const ended: Array<TrackedRow & EndedRow> = [];
	for (const row of next.rows) {
		if (row.phase !== 'ended') {
			continue;
		}

		// The previous rows' key index is shared by every state an answer made (see row-index): no map per call.
		const previousRow = previous === undefined ? undefined : findRow(previous.rows, row.key);
		if (previousRow?.phase === 'ended') {
			continue;
		}

		const lastRunningAt = previousRow?.phase === 'running' ? previousRow.lastOkAt : undefined;
		ended.push(lastRunningAt === undefined ? row : {...row, lastRunningAt});
	}

	return ended;
}
