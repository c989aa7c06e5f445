import {isPolledPhase} from './phase.js';
import {rowIndex} from './row-index.js';
import {isBusy, requestDueAt} from './task-reads.js';
import type {TrackedRow} from './types.js';

/**
 * A tenant's rows still to be asked about (status polls, and task reads: see task-reads.ts): the idle ones most
 * overdue first, and how many have a request in flight.
 */
export interface TenantPollQueue {
	/** Not in flight, by the time their next request is due, ties in state order. */
	readonly idle: readonly TrackedRow[];
	readonly inFlight: number;
}

/** Each tenant that has rows still polled, in the order its first such row appears in the state. */
export type PollOrder = ReadonlyMap<string, TenantPollQueue>;

/**
 * The poll order of a rows array, computed once per array. An answer or a request replaces one row without
 * changing whether it is polled: the new array's order is derived from the old one by moving that row
 * (rowReplaced), so the scheduler finds the most overdue rows without scanning every row on each pass.
 */
const orders = new WeakMap<readonly TrackedRow[], PollOrder>();

function position(rows: readonly TrackedRow[], row: TrackedRow): number {
	return rowIndex(rows).get(row.key) ?? Number.POSITIVE_INFINITY;
}

/** A row the scheduler may still send a request for: a status poll or a task read. */
function isScheduled(row: TrackedRow): boolean {
	return isPolledPhase(row.phase) || row.taskRead !== undefined;
}

function before(rows: readonly TrackedRow[], a: TrackedRow, b: TrackedRow): boolean {
	const dueA = requestDueAt(a);
	const dueB = requestDueAt(b);
	return dueA < dueB || (dueA === dueB && position(rows, a) < position(rows, b));
}

/** Where `row` goes in `idle` (sorted by due time, then position). */
function insertionPoint(rows: readonly TrackedRow[], idle: readonly TrackedRow[], row: TrackedRow): number {
	let low = 0;
	let high = idle.length;
	while (low < high) {
		const middle = (low + high) >>> 1;
		const other = idle[middle];
		if (other !== undefined && before(rows, other, row)) {
			low = middle + 1;
		} else {
			high = middle;
		}
	}

	return low;
}

export function pollOrder(rows: readonly TrackedRow[]): PollOrder {
	let order = orders.get(rows);
	if (order === undefined) {
		const built = new Map<string, {idle: TrackedRow[]; inFlight: number}>();
		for (const row of rows) {
			if (!isScheduled(row)) {
				continue;
			}

			let queue = built.get(row.tenant);
			if (queue === undefined) {
				queue = {idle: [], inFlight: 0};
				built.set(row.tenant, queue);
			}

			if (isBusy(row)) {
				queue.inFlight++;
			} else {
				queue.idle.push(row);
			}
		}

		for (const queue of built.values()) {
			// Stable: ties keep the state order.
			queue.idle.sort((a, b) => requestDueAt(a) - requestDueAt(b));
		}

		order = built;
		orders.set(rows, order);
	}

	return order;
}

/**
 * `next` is `previous` with `old` replaced by `replacement` at the same place (and shares its key index). When
 * previous's order is known and the row is polled in both or in neither, next's order is derived from it.
 */
export function rowReplaced(previous: readonly TrackedRow[], next: readonly TrackedRow[], old: TrackedRow, replacement: TrackedRow): void {
	const order = orders.get(previous);
	const polled = isScheduled(old);
	if (order === undefined || polled !== isScheduled(replacement)) {
		return; // built afresh if asked for
	}

	if (!polled) {
		orders.set(next, order);
		return;
	}

	const queue = order.get(old.tenant);
	if (queue === undefined) {
		return;
	}

	const idle = [...queue.idle];
	if (!isBusy(old)) {
		const at = insertionPoint(previous, idle, old);
		const found = idle[at] === old ? at : idle.indexOf(old);
		if (found === -1) {
			return;
		}

		idle.splice(found, 1);
	}

	if (!isBusy(replacement)) {
		idle.splice(insertionPoint(next, idle, replacement), 0, replacement);
	}

	const derived = new Map(order);
	derived.set(old.tenant, {idle, inFlight: queue.inFlight - (isBusy(old) ? 1 : 0) + (isBusy(replacement) ? 1 : 0)});
	orders.set(next, derived);
}
