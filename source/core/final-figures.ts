import {isTaskComplete} from '../domain/outcome.js';
import type {AggregationStatus} from '../domain/status.js';
import type {TrackedRow} from './types.js';

/**
 * An expired row's figures once its task has them. The status endpoint forgot the run before its end was seen, so its
 * last counts are those of some moment during the run (10 of 40 changes, say). The task's final figures say how it
 * ended: the changes (added + changed + removed) were all done, so the row shows them done out of done (100%), and
 * removed as deletedAccounts. A row whose task gives none of the three keeps what it has.
 */
export function withFinalFigures(row: TrackedRow): TrackedRow {
	if (row.phase !== 'expired' || !isTaskComplete(row.task)) {
		return row;
	}

	const {created, updated, deleted} = row.task.counts;
	if (created === undefined && updated === undefined && deleted === undefined) {
		return row;
	}

	const changes = (created ?? 0) + (updated ?? 0) + (deleted ?? 0);
	const snapshot: AggregationStatus = {
		...row.snapshot,
		processedAccounts: changes,
		totalAccounts: changes,
		...(deleted === undefined ? {} : {deletedAccounts: deleted}),
	};
	return {...row, snapshot};
}
