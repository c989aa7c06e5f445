import type {RowKey, TrackedRow} from './types.js';

/**
 * Where each row sits in a rows array, by key, computed once per array. An answer replaces one row in a copy of
 * the array with the same keys in the same places, so the copy shares its index (sameRowOrder): finding the row of
 * an answer stays O(1) however many rows are tracked.
 */
const indexes = new WeakMap<readonly TrackedRow[], ReadonlyMap<RowKey, number>>();

export function rowIndex(rows: readonly TrackedRow[]): ReadonlyMap<RowKey, number> {
	let index = indexes.get(rows);
	if (index === undefined) {
		const built = new Map<RowKey, number>();
		for (const [position, row] of rows.entries()) {
			built.set(row.key, position);
		}

		index = built;
		indexes.set(rows, index);
	}

	return index;
}

/** The row with `key`, if tracked. */
export function findRow(rows: readonly TrackedRow[], key: RowKey): TrackedRow | undefined {
	const position = rowIndex(rows).get(key);
	return position === undefined ? undefined : rows[position];
}

/** `next` holds the same keys in the same places as `previous` (one row replaced): it reuses previous's index. */
export function sameRowOrder(previous: readonly TrackedRow[], next: readonly TrackedRow[]): void {
	const index = indexes.get(previous);
	if (index !== undefined) {
		indexes.set(next, index);
	}
}
