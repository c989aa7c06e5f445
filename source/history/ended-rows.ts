import {findRow} from '../core/row-index.js';
import type {MonitorState, TrackedRow} from '../core/types.js';
import {isTaskComplete} from '../domain/outcome.js';
import type {EndedRow} from './entry.js';

/**
 * The rows that reached phase `ended` between two states, each with `lastRunningAt` (when the previous state last
 * saw it running), ready for HistoryFile.recordEnded; and ended rows whose outcome was read from their task since
 * (recordEnded adds it to their entry). `previous` undefined: every ended row is new.
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
			if (previousRow.task !== row.task && isTaskComplete(row.task) && !isTaskComplete(previousRow.task)) {
				ended.push(row); // its outcome is known now
			}

			continue;
		}

		const lastRunningAt = previousRow?.phase === 'running' ? previousRow.lastOkAt : undefined;
		ended.push(lastRunningAt === undefined ? row : {...row, lastRunningAt});
	}

	return ended;
}
