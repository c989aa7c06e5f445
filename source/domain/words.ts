/**
 * The words aggwatch uses for what it shows, in one place, so rows, the detail pane, alerts, the plain commands and
 * `--json` say each thing one way. Plain functions of plain values; imports nothing of ours.
 *
 * Deletions: accounts an aggregation *marked for deletion*; accounts it *removed*; a marked share *over the
 * threshold* (the source's deleteThreshold, with its value); deletions ISC *held back* (skipped because of it).
 * Comparisons with the source's usual say which way: *slower* or *faster*, *more* or *fewer*.
 */

/** A whole number with comma thousands separators, independent of the locale: 1234567 → "1,234,567". */
export function formatCount(n: number): string {
	if (!Number.isFinite(n)) {
		return '?';
	}

	const rounded = Math.round(n);
	const digits = String(Math.abs(rounded)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
	return rounded < 0 ? `-${digits}` : digits;
}

/** "12.5%": a percentage with at most one decimal. */
export function percentText(value: number): string {
	return `${Math.round(value * 10) / 10}%`;
}

export const DELETION_WORDS = {
	marked: 'marked for deletion',
	removed: 'removed',
	over: 'over the threshold',
	heldBack: 'held back',
} as const;

/** "900 marked for deletion". */
export function markedText(marked: number): string {
	return `${formatCount(marked)} ${DELETION_WORDS.marked}`;
}

/** "removed 120". */
export function removedText(removed: number): string {
	return `${DELETION_WORDS.removed} ${formatCount(removed)}`;
}

/** "over the threshold (10%)", or without a value when the threshold is not known. */
export function overThresholdText(thresholdPercent: number | undefined): string {
	return thresholdPercent === undefined ? DELETION_WORDS.over : `${DELETION_WORDS.over} (${percentText(thresholdPercent)})`;
}

/** "deletions held back". */
export const HELD_BACK_TEXT = `deletions ${DELETION_WORDS.heldBack}`;

/** The share of a comparison at or beyond which a difference is said as a factor ("2.8× slower"). */
export const NOTABLE_FACTOR = 1.2;

/** "2.8", "12": a factor as shown before its ×. */
export function factorNumber(value: number): string {
	return String(value >= 10 ? Math.round(value) : Math.round(value * 10) / 10);
}

export type Direction = 'slower' | 'faster' | 'more' | 'fewer';

/**
 * Which way a value departs from its usual, and by how much (≥ 1): a duration is slower or faster, a count more or
 * fewer. `factor` is value / usual; undefined when it is within NOTABLE_FACTOR of it (about the usual).
 */
export function direction(factor: number, kind: 'duration' | 'count'): {word: Direction; by: number} | undefined {
	if (!Number.isFinite(factor) || factor >= NOTABLE_FACTOR) {
		return {word: kind === 'duration' ? 'slower' : 'more', by: factor};
	}

	if (factor <= 1 / NOTABLE_FACTOR) {
		return {word: kind === 'duration' ? 'faster' : 'fewer', by: factor <= 0 ? Number.POSITIVE_INFINITY : 1 / factor};
	}

	return undefined;
}
