import {createKeyedHeap, type KeyedHeap} from './keyed-heap.js';
import {isPolledPhase} from './phase.js';
import {rowIndex} from './row-index.js';
import {isBusy, requestDueAt} from './task-reads.js';
import type {RowKey, TrackedRow} from './types.js';

/**
 * A tenant's rows still to be asked about (status polls, and task reads: see task-reads.ts): the idle ones most
 * overdue first, and how many have a request in flight. The rows that have had no answer yet in this session (the
 * first pass: see isFirstPass) are also kept apart, so the schedule finds them first without a scan.
 */
export interface TenantPollQueue {
	/** The idle row (not in flight) whose request is due first; ties in state order. */
	first(): TrackedRow | undefined;
	/** The idle row due next after first(). */
	second(): TrackedRow | undefined;
	/** Of the idle rows still waiting for their first answer, the one due first. */
	firstUnanswered(): TrackedRow | undefined;
	/** Of the idle rows answered before, the one due first. */
	firstAnswered(): TrackedRow | undefined;
	readonly inFlight: number;
}

/** Each tenant that has rows still polled, in the order its first such row appears in the state. */
export type PollOrder = ReadonlyMap<string, TenantPollQueue>;

/** An idle row in its tenant's heap, with what orders it: when it is due, then its place in the state. */
interface Queued {
	row: TrackedRow;
	due: number;
	position: number;
}

interface Queue extends TenantPollQueue {
	/** Idle rows answered before. */
	known: KeyedHeap<Queued>;
	/** Idle rows still waiting for their first answer. */
	fresh: KeyedHeap<Queued>;
	inFlight: number;
}

/**
 * The poll order of a rows array. Built once (O(n log n)) when asked for an array it is not known for. An answer or
 * a request replaces one row without changing whether it is scheduled: the order moves on to the new array with
 * that row moved in its tenant's heap (rowsReplaced), so neither the scheduler nor an answer scans every row.
 * The heaps are updated in place, so an order belongs to one array at a time: the array it came from forgets it
 * (asked again, it is built afresh).
 */
const orders = new WeakMap<readonly TrackedRow[], Map<string, Queue>>();

/** A row the scheduler may still send a request for: a status poll or a task read. */
function isScheduled(row: TrackedRow): boolean {
	return isPolledPhase(row.phase) || row.taskRead !== undefined;
}

/** A row waiting in its tenant's queue: scheduled, nothing in flight. */
function isQueued(row: TrackedRow): boolean {
	return isScheduled(row) && !isBusy(row);
}

/** A status poll still waiting for the row's first answer in this session: the first pass asks these first. */
export function isFirstPass(row: TrackedRow): boolean {
	return row.unanswered === true && row.taskRead === undefined && isPolledPhase(row.phase);
}

const keyOfQueued = (entry: Queued): RowKey => entry.row.key;
const queuedBefore = (a: Queued, b: Queued): boolean => a.due < b.due || (a.due === b.due && a.position < b.position);

function queued(rows: readonly TrackedRow[], row: TrackedRow): Queued {
	return {row, due: requestDueAt(row), position: rowIndex(rows).get(row.key) ?? Number.POSITIVE_INFINITY};
}

/** The entry of `candidates` that comes first, and the one after it. */
function firstTwo(candidates: ReadonlyArray<Queued | undefined>): [Queued | undefined, Queued | undefined] {
	let best: Queued | undefined;
	let next: Queued | undefined;
	for (const entry of candidates) {
		if (entry === undefined) {
			continue;
		}

		if (best === undefined || queuedBefore(entry, best)) {
			next = best;
			best = entry;
		} else if (next === undefined || queuedBefore(entry, next)) {
			next = entry;
		}
	}

	return [best, next];
}

function queue(idle: Queued[]): Queue {
	const known = createKeyedHeap(
		keyOfQueued,
		queuedBefore,
		idle.filter(entry => !isFirstPass(entry.row)),
	);
	const fresh = createKeyedHeap(
		keyOfQueued,
		queuedBefore,
		idle.filter(entry => isFirstPass(entry.row)),
	);
	return {
		known,
		fresh,
		inFlight: 0,
		first: () => firstTwo([known.first(), fresh.first()])[0]?.row,
		second: () => firstTwo([known.first(), known.second(), fresh.first(), fresh.second()])[1]?.row,
		firstUnanswered: () => fresh.first()?.row,
		firstAnswered: () => known.first()?.row,
	};
}

/** The heap of `queue` that holds (or would hold) the idle `row`. */
function heapOf(tenantQueue: Queue, row: TrackedRow): KeyedHeap<Queued> {
	return isFirstPass(row) ? tenantQueue.fresh : tenantQueue.known;
}

export function pollOrder(rows: readonly TrackedRow[]): PollOrder {
	let order = orders.get(rows);
	if (order === undefined) {
		const idle = new Map<string, Queued[]>();
		const busy = new Map<string, number>();
		for (const row of rows) {
			if (!isScheduled(row)) {
				continue;
			}

			if (!idle.has(row.tenant)) {
				idle.set(row.tenant, []);
				busy.set(row.tenant, 0);
			}

			if (isBusy(row)) {
				busy.set(row.tenant, busy.get(row.tenant)! + 1);
			} else {
				idle.get(row.tenant)!.push(queued(rows, row));
			}
		}

		order = new Map();
		for (const [tenant, entries] of idle) {
			const built = queue(entries);
			built.inFlight = busy.get(tenant) ?? 0;
			order.set(tenant, built);
		}

		orders.set(rows, order);
	}

	return order;
}

/**
 * `next` is `previous` with rows replaced in the same places (it shares previous's key index): each pair is
 * [old row, its replacement]. When previous's order is known and every replaced row is scheduled in both or in
 * neither, the order moves on to next with those rows moved in their tenants' heaps.
 */
export function rowsReplaced(
	previous: readonly TrackedRow[],
	next: readonly TrackedRow[],
	replaced: ReadonlyArray<readonly [TrackedRow, TrackedRow]>,
): void {
	const order = orders.get(previous);
	if (order === undefined || replaced.some(([old, replacement]) => isScheduled(old) !== isScheduled(replacement))) {
		return; // built afresh if asked for
	}

	for (const [old, replacement] of replaced) {
		if (!isScheduled(old)) {
			continue;
		}

		const tenantQueue = order.get(old.tenant);
		if (tenantQueue === undefined || (isQueued(old) && !heapOf(tenantQueue, old).has(old.key))) {
			orders.delete(previous); // not the order it should be: let it be built afresh
			return;
		}

		if (isQueued(old)) {
			heapOf(tenantQueue, old).remove(old.key);
		} else {
			tenantQueue.inFlight--;
		}

		if (isQueued(replacement)) {
			heapOf(tenantQueue, replacement).push(queued(next, replacement));
		} else {
			tenantQueue.inFlight++;
		}
	}

	orders.delete(previous);
	orders.set(next, order);
}

/** Of each tenant, the due idle rows in focus that come first in the poll order: of those answered before, and of the others. */
export interface FocusDue {
	answered: ReadonlyMap<string, TrackedRow>;
	unanswered: ReadonlyMap<string, TrackedRow>;
}

/**
 * Of each tenant, the idle rows in focus that are due by `now` and first in the poll order (the ones the scheduler
 * would reach first walking the queue), apart for rows answered before and rows still waiting for their first answer.
 * Looks at the rows in focus only, however many rows wait out of view.
 */
export function dueInFocus(rows: readonly TrackedRow[], focus: ReadonlySet<RowKey>, now: number): FocusDue {
	const answered = new Map<string, Queued>();
	const unanswered = new Map<string, Queued>();
	const index = rowIndex(rows);
	for (const key of focus) {
		const position = index.get(key);
		const row = position === undefined ? undefined : rows[position];
		if (position === undefined || row === undefined || !isQueued(row) || requestDueAt(row) > now) {
			continue;
		}

		const entry: Queued = {row, due: requestDueAt(row), position};
		const firsts = isFirstPass(row) ? unanswered : answered;
		const best = firsts.get(row.tenant);
		if (best === undefined || queuedBefore(entry, best)) {
			firsts.set(row.tenant, entry);
		}
	}

	const rowsOf = (firsts: Map<string, Queued>): ReadonlyMap<string, TrackedRow> =>
		new Map([...firsts].map(([tenant, entry]) => [tenant, entry.row]));
	return {answered: rowsOf(answered), unanswered: rowsOf(unanswered)};
}
