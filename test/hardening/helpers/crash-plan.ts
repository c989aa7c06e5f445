/**
 * What the crash child (crash-child.ts) writes, round after round, and what the test expects to find after
 * killing it: every state on disk must be one the child wrote completely.
 */
import {isDeepStrictEqual} from 'node:util';
import type {EndedRow} from '../../../source/history/entry.js';
import type {StoredRow} from '../../../source/store/config.js';

export const TENANT = 'acme';
const BASE = 1_700_000_000_000;

export function rowId(round: number): string {
	return `row-${String(round).padStart(6, '0')}`;
}

/** Row `of` as round `round` saves it. */
export function snapshotRow(round: number, of: number): StoredRow {
	return {
		id: rowId(of),
		tenant: TENANT,
		addedAt: BASE + of,
		label: `round ${round}`,
		phase: 'running',
		lastOkAt: BASE + round,
		snapshot: {status: 'ACCOUNTS_COLLECTED', start: '2025-05-01T12:00:00.000Z', totalAccounts: 1_000_000, processedAccounts: round},
	};
}

/** Row `round` as round `round` adds it, before its snapshot is saved. */
export function addedRow(round: number): StoredRow {
	return {id: rowId(round), tenant: TENANT, addedAt: BASE + round};
}

/** The aggregation round `round` records in the history. */
export function endedRow(round: number): EndedRow {
	return {
		id: rowId(round),
		tenant: TENANT,
		label: `Source ${round}`,
		phase: 'ended',
		endedAt: BASE + 100_000 + round,
		snapshot: {status: 'COMPLETED', start: '2025-05-01T12:00:00.000Z', totalAccounts: round, processedAccounts: round},
	};
}

/** The round to do next after a kill: the last row's again if its snapshot was never saved. */
export function resumeRound(rows: readonly StoredRow[]): number {
	const last = rows.at(-1);
	return last !== undefined && last.snapshot === undefined ? rows.length - 1 : rows.length;
}

/**
 * Why `rows` is not a state the child wrote completely, or undefined when it is: rows 0..k all at round k, or rows
 * 0..k-1 at round k-1 and row k just added.
 */
export function inconsistency(rows: readonly StoredRow[]): string | undefined {
	if (rows.length === 0) {
		return undefined;
	}

	const k = rows.length - 1;
	const justAdded = rows[k]!.snapshot === undefined;
	const round = justAdded ? k - 1 : k;
	const expected = rows.map((_, of) => (justAdded && of === k ? addedRow(k) : snapshotRow(round, of)));
	const wrong = rows.findIndex((row, of) => !isDeepStrictEqual(row, expected[of]));
	return wrong === -1 ? undefined : `row ${wrong} is ${JSON.stringify(rows[wrong])}, expected ${JSON.stringify(expected[wrong])}`;
}
