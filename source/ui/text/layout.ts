/**
 * Column widths for list rows, from the terminal width. Narrow terminals drop columns in this order: the progress
 * bar (a picture of the counts), then the percentage (which repeats them), then rate and ETA, then elapsed, then the
 * processed/total counts (the percentage then comes back: it is the only progress left), then the tenant (whose name
 * then goes in front of the label). The label, the status badge and the marks column always stay. At 80 columns a row
 * keeps its counts, rate, ETA and elapsed time.
 */

export const MIN_COLUMNS = 40;
export const MIN_ROWS = 10;

export interface RowLayout {
	/** Usable width (one less than the terminal, so no line ever ends in the last cell and wraps). */
	width: number;
	/** Each column's width; 0 means hidden. */
	/** The tenant, in front of the label, when rows of several tenants are shown. */
	tenant: number;
	label: number;
	badge: number;
	bar: number;
	counts: number;
	percent: number;
	rate: number;
	eta: number;
	elapsed: number;
	marks: number;
}

/** The selection cursor and the spinner cell, each followed by a space. */
export const LEAD_WIDTH = 4;
const GAP = 1;
const FIXED = {percent: 4, marks: 6, counts: 17, rate: 8, eta: 7, elapsed: 7} as const;
const LABEL = {min: 11, max: 40} as const;
const BADGE = {min: 12, max: 26} as const;
const BAR = {min: 10, max: 40} as const;
/** The marks column (errors, staleness, stalls, deletions, departures from the usual) grows to say more. */
const MARKS = {min: FIXED.marks, max: 40} as const;

type Optional = 'rate' | 'eta' | 'elapsed' | 'bar' | 'percent' | 'counts' | 'tenant';
/** Dropped first to last. rate and eta go together. */
const DROP_ORDER: ReadonlyArray<readonly Optional[]> = [['bar'], ['percent'], ['rate', 'eta'], ['elapsed'], ['counts'], ['tenant']];
/** The tenant column fits the longest tenant name within these bounds. */
export const TENANT_WIDTH = {min: 4, max: 14} as const;

/**
 * @param tenantWidth The longest tenant name when rows of several tenants are shown (0: no tenant column).
 */
export function rowLayout(columns: number, tenantWidth = 0): RowLayout {
	const width = Math.max(0, columns - 1);
	const tenant = tenantWidth > 0 ? Math.max(TENANT_WIDTH.min, Math.min(TENANT_WIDTH.max, tenantWidth)) : 0;
	const minimumWidth = (shown: ReadonlySet<Optional>): number => {
		let total = LEAD_WIDTH + LABEL.min + GAP + BADGE.min + GAP + FIXED.marks;
		for (const column of shown) {
			total += GAP + (column === 'bar' ? BAR.min : column === 'tenant' ? tenant : FIXED[column]);
		}

		return total;
	};

	const shown = new Set<Optional>(['rate', 'eta', 'elapsed', 'bar', 'percent', 'counts', ...(tenant > 0 ? (['tenant'] as const) : [])]);
	for (const group of DROP_ORDER) {
		if (minimumWidth(shown) <= width) {
			break;
		}

		for (const column of group) {
			shown.delete(column);
		}
	}

	// Without the counts the percentage is the only progress left: it comes back where it fits.
	if (!shown.has('counts') && !shown.has('percent') && minimumWidth(new Set([...shown, 'percent'])) <= width) {
		shown.add('percent');
	}

	let spare = Math.max(0, width - minimumWidth(shown));
	let label: number = LABEL.min;
	let bar: number = shown.has('bar') ? BAR.min : 0;
	let badge: number = BADGE.min;
	let marks: number = MARKS.min;
	const grow = (current: number, max: number): number => {
		const add = Math.max(0, Math.min(max - current, spare));
		spare -= add;
		return current + add;
	};

	// Spare width goes to the label first (names are what people scan), then the badge (so an outcome such as
	// "completed ⚠ 3 warnings", or a status ISC may add later, shows in full), then the marks (a stall or a deletion
	// warning in words), then the bar, the label and the marks again.
	label = grow(label, 24);
	badge = grow(badge, BADGE.max);
	marks = grow(marks, 22);
	if (bar > 0) {
		bar = grow(bar, 30);
	}

	if (bar > 0) {
		bar = grow(bar, BAR.max);
	}

	label = grow(label, LABEL.max);
	marks = grow(marks, MARKS.max);
	if (minimumWidth(shown) > width) {
		// Below the minimum size the screen shows "too small"; keep the numbers sane anyway.
		label = Math.max(1, label - (minimumWidth(shown) - width));
	}

	return {
		width,
		tenant: shown.has('tenant') ? tenant : 0,
		label,
		badge,
		bar,
		counts: shown.has('counts') ? FIXED.counts : 0,
		percent: shown.has('percent') ? FIXED.percent : 0,
		rate: shown.has('rate') ? FIXED.rate : 0,
		eta: shown.has('eta') ? FIXED.eta : 0,
		elapsed: shown.has('elapsed') ? FIXED.elapsed : 0,
		marks,
	};
}

export function isTooSmall(columns: number, rows: number): boolean {
	return columns < MIN_COLUMNS || rows < MIN_ROWS;
}

/** A list keeps at least this many rows when a detail pane opens under it. */
export const MIN_LIST_ROWS = 3;
