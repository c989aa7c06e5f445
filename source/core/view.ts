import {percent} from './progress.js';
import {rowOutcome, type RowOutcome} from './summary.js';
import type {TrackedRow} from './types.js';

export type SortKey = 'added' | 'status' | 'progress' | 'start';

export const SORT_KEYS: readonly SortKey[] = ['added', 'status', 'progress', 'start'];

/** The sort after `key`, cycling added → status → progress → start → added. */
export function nextSort(key: SortKey): SortKey {
	return SORT_KEYS[(SORT_KEYS.indexOf(key) + 1) % SORT_KEYS.length] ?? 'added';
}

/** Status order: what needs attention first. Running, waiting, failed, completed, outcome unknown. */
const OUTCOME_RANK: Record<RowOutcome, number> = {
	running: 0,
	waiting: 1,
	terminated: 2,
	cancelled: 2,
	'not-found': 2,
	completed: 3,
	expired: 4,
};

function startOf(row: TrackedRow): number | undefined {
	const start = row.snapshot?.start;
	const at = start === undefined || start === null ? Number.NaN : Date.parse(start);
	return Number.isNaN(at) ? undefined : at;
}

/** Compares two possibly missing numbers; missing values go last whatever the direction. */
function byNumber(a: number | undefined, b: number | undefined, direction: 1 | -1): number {
	if (a === undefined || b === undefined) {
		return a === b ? 0 : a === undefined ? 1 : -1;
	}

	return (a - b) * direction;
}

function inAddedOrder(rows: readonly TrackedRow[]): boolean {
	for (let index = 1; index < rows.length; index++) {
		if ((rows[index]?.addedAt ?? 0) < (rows[index - 1]?.addedAt ?? 0)) {
			return false;
		}
	}

	return true;
}

/**
 * A sorted copy (the input is left alone). Ties keep the added order.
 * added: when added, oldest first. status: OUTCOME_RANK. progress: percent done, highest first, unknown last.
 * start: the aggregation's start time, oldest first, unknown last.
 */
export function sortRows(rows: readonly TrackedRow[], key: SortKey): TrackedRow[] {
	if (key === 'added' && inAddedOrder(rows)) {
		return [...rows]; // the usual case (rows are kept in the order they were added): no sort on every tick
	}

	const compare: (a: TrackedRow, b: TrackedRow) => number = {
		added: () => 0,
		status: (a: TrackedRow, b: TrackedRow) => OUTCOME_RANK[rowOutcome(a)] - OUTCOME_RANK[rowOutcome(b)],
		progress: (a: TrackedRow, b: TrackedRow) => byNumber(percent(a.snapshot), percent(b.snapshot), -1),
		start: (a: TrackedRow, b: TrackedRow) => byNumber(startOf(a), startOf(b), 1),
	}[key];
	// Array#sort is stable, so insertion order breaks addedAt ties.
	return [...rows].sort((a, b) => compare(a, b) || a.addedAt - b.addedAt);
}

/**
 * Rows matching `text`, case-insensitively: every whitespace-separated word must occur in the label, id, tenant,
 * ISC status or outcome (e.g. "expired", "not-found") of the row. Blank text returns `rows` itself.
 */
export function filterRows(rows: readonly TrackedRow[], text: string): readonly TrackedRow[] {
	const words = text
		.toLowerCase()
		.split(/\s+/)
		.filter(word => word !== '');
	if (words.length === 0) {
		return rows;
	}

	return rows.filter(row => {
		const haystack = [row.label ?? '', row.id, row.tenant, row.snapshot?.status ?? '', rowOutcome(row)].join('\n').toLowerCase();
		return words.every(word => haystack.includes(word));
	});
}
