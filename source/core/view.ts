import {percent} from './progress.js';
import {rowCompletion, rowOutcome, type RowOutcome} from './summary.js';
import type {TrackedRow} from './types.js';

export type SortKey = 'added' | 'status' | 'severity' | 'severity-reversed' | 'progress' | 'start';

export const SORT_KEYS: readonly SortKey[] = ['added', 'status', 'severity', 'severity-reversed', 'progress', 'start'];

/** What the screen knows about a row beyond the row itself (its insight): a stall, deletions held back. */
export interface RowConcerns {
	stalled?: boolean;
	heldBack?: boolean;
}

/** Looks a row's concerns up (by row key); none when not given. */
export type ConcernsOf = (row: TrackedRow) => RowConcerns | undefined;

/**
 * How much a row needs a look, worst first: failed (terminated, not found) 0, completed with errors 1, deletions
 * held back 2, stalled 3, completed with warnings 4, cancelled 5, running or waiting 6, done 7, outcome unknown 8.
 */
export function severityRank(row: TrackedRow, concerns?: RowConcerns): number {
	const outcome = rowOutcome(row);
	if (outcome === 'terminated' || outcome === 'not-found') {
		return 0;
	}

	const completion = outcome === 'completed' ? rowCompletion(row) : undefined;
	if (completion === 'error' || completion === 'terminated') {
		return 1;
	}

	if (concerns?.heldBack === true) {
		return 2;
	}

	if (concerns?.stalled === true) {
		return 3;
	}

	if (completion === 'warning') {
		return 4;
	}

	return {running: 6, waiting: 6, cancelled: 5, completed: 7, expired: 8}[outcome];
}

/** A row needing attention: failed, with errors, held back, stalled or with warnings (severityRank below 5). */
export function needsAttention(row: TrackedRow, concerns?: RowConcerns): boolean {
	return severityRank(row, concerns) < 5;
}

/** The sort after `key`, cycling added → status → severity → severity reversed → progress → start → added. */
export function nextSort(key: SortKey): SortKey {
	return SORT_KEYS[(SORT_KEYS.indexOf(key) + 1) % SORT_KEYS.length] ?? 'added';
}

/**
 * Status order: running, waiting, failed (completed with errors among them), completed, outcome unknown.
 */
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

function statusRank(row: TrackedRow): number {
	const outcome = rowOutcome(row);
	const completion = outcome === 'completed' ? rowCompletion(row) : undefined;
	return completion === 'error' || completion === 'terminated' ? OUTCOME_RANK.terminated : OUTCOME_RANK[outcome];
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
 * added: when added, oldest first. status: OUTCOME_RANK (a completed run with errors with the failures).
 * severity: severityRank, worst first (severity-reversed: worst last). progress: percent done, highest first,
 * unknown last. start: the aggregation's start time, oldest first, unknown last.
 * @param concerns The rows' stalls and held-back deletions, for the severity sorts.
 */
export function sortRows(rows: readonly TrackedRow[], key: SortKey, concerns?: ConcernsOf): TrackedRow[] {
	if (key === 'added' && inAddedOrder(rows)) {
		return [...rows]; // the usual case (rows are kept in the order they were added): no sort on every tick
	}

	const compare: (a: TrackedRow, b: TrackedRow) => number = {
		added: () => 0,
		status: (a: TrackedRow, b: TrackedRow) => statusRank(a) - statusRank(b),
		severity: (a: TrackedRow, b: TrackedRow) => severityRank(a, concerns?.(a)) - severityRank(b, concerns?.(b)),
		'severity-reversed': (a: TrackedRow, b: TrackedRow) => severityRank(b, concerns?.(b)) - severityRank(a, concerns?.(a)),
		progress: (a: TrackedRow, b: TrackedRow) => byNumber(percent(a.snapshot), percent(b.snapshot), -1),
		start: (a: TrackedRow, b: TrackedRow) => byNumber(startOf(a), startOf(b), 1),
	}[key];
	// Array#sort is stable, so insertion order breaks addedAt ties.
	return [...rows].sort((a, b) => compare(a, b) || a.addedAt - b.addedAt);
}

/**
 * Rows matching `text`, case-insensitively: every whitespace-separated word must occur in the label, id, tenant,
 * ISC status or outcome (e.g. "expired", "not-found") of the row, or in `shown(row)`: what its line says (badge,
 * warnings and errors, marks), so a word on screen finds its row. Blank text returns `rows` itself.
 */
export function filterRows(rows: readonly TrackedRow[], text: string, shown?: (row: TrackedRow) => string): readonly TrackedRow[] {
	const words = text
		.toLowerCase()
		.split(/\s+/)
		.filter(word => word !== '');
	if (words.length === 0) {
		return rows;
	}

	return rows.filter(row => {
		const haystack = [row.label ?? '', row.id, row.tenant, row.snapshot?.status ?? '', rowOutcome(row), shown?.(row) ?? '']
			.join('\n')
			.toLowerCase();
		return words.every(word => haystack.includes(word));
	});
}
