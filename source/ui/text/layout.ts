/**
 * Column widths for list rows, from the terminal width and what the shown rows say (ColumnNeeds). What a row says in
 * words keeps its whole text first: its name, its status badge ("completed ⚠ 3 warnings") and its marks ("held back",
 * "del>10%", "stalled? 38s", at least in their short form). The numbers make room for them, dropped in this order:
 * the progress bar (a picture of the counts), then the percentage (which repeats them), then rate and ETA, then
 * elapsed, then the processed/total counts (the percentage then comes back: it is the only progress left). Only when
 * the words alone do not fit are they cut, and then the tenant column goes (its name goes in front of the label).
 * With the demo's rows, 80 columns keep the words and the counts; elapsed comes back from 87 columns, rate and ETA
 * from 104, the percentage from 109 and the bar from 120.
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
/** `whole`: a longer label is cut rather than cost the numbers; it still grows to `max` where there is room. */
const LABEL = {min: 11, whole: 30, max: 40} as const;
const BADGE = {min: 12, max: 26} as const;
const BAR = {min: 10, max: 40} as const;
/** The marks column (errors, staleness, stalls, deletions, departures from the usual) grows to say more. */
const MARKS = {min: FIXED.marks, whole: 24, max: 40} as const;
/** The counts column is never narrower than its title (and the sort mark). */
const COUNTS_MIN = 8;

/**
 * What the shown rows say, in characters (see columnNeeds): the longest label, badge and counts, and the longest
 * marks in their shortest form (`marks`: each row's first note, short) and in full (`marksLong`).
 */
export interface ColumnNeeds {
	label: number;
	badge: number;
	marks: number;
	marksLong: number;
	counts: number;
}

type Optional = 'rate' | 'eta' | 'elapsed' | 'bar' | 'percent' | 'counts';
/** Dropped first to last. rate and eta go together. */
const DROP_ORDER: ReadonlyArray<readonly Optional[]> = [['bar'], ['percent'], ['rate', 'eta'], ['elapsed'], ['counts']];
/** The tenant column fits the longest tenant name within these bounds. */
export const TENANT_WIDTH = {min: 4, max: 14} as const;

function clamp(value: number, min: number, max: number): number {
	return Math.max(min, Math.min(max, value));
}

interface Words {
	label: number;
	badge: number;
	marks: number;
}

/**
 * @param tenantWidth The longest tenant name when rows of several tenants are shown (0: no tenant column).
 * @param needs What the shown rows say; without it, the words get their smallest widths (and any room left).
 */
export function rowLayout(columns: number, tenantWidth = 0, needs?: ColumnNeeds): RowLayout {
	const width = Math.max(0, columns - 1);
	let tenant = tenantWidth > 0 ? clamp(tenantWidth, TENANT_WIDTH.min, TENANT_WIDTH.max) : 0;
	const counts = needs === undefined ? FIXED.counts : clamp(needs.counts, COUNTS_MIN, FIXED.counts + 6);
	const smallest: Words = {label: LABEL.min, badge: BADGE.min, marks: MARKS.min};
	const whole: Words =
		needs === undefined
			? smallest
			: {
					label: clamp(needs.label, LABEL.min, LABEL.whole),
					badge: clamp(needs.badge, BADGE.min, BADGE.max),
					marks: clamp(needs.marks, MARKS.min, MARKS.whole),
				};
	const columnWidth = (column: Optional): number => (column === 'bar' ? BAR.min : column === 'counts' ? counts : FIXED[column]);
	const minimumWidth = (shown: ReadonlySet<Optional>, words: Words): number => {
		let total = LEAD_WIDTH + (tenant > 0 ? tenant + GAP : 0) + words.label + GAP + words.badge + GAP + words.marks;
		for (const column of shown) {
			total += GAP + columnWidth(column);
		}

		return total;
	};

	// The numbers make room for the words whole, in their order.
	const shown = new Set<Optional>(['rate', 'eta', 'elapsed', 'bar', 'percent', 'counts']);
	for (const group of DROP_ORDER) {
		if (minimumWidth(shown, whole) <= width) {
			break;
		}

		for (const column of group) {
			shown.delete(column);
		}
	}

	// Not even the words fit whole: they are cut, and the tenant goes in front of the label when they do not fit cut.
	if (tenant > 0 && minimumWidth(shown, smallest) > width) {
		tenant = 0;
	}

	// Without the counts the percentage is the only progress left: it comes back where it fits.
	if (!shown.has('counts') && !shown.has('percent') && minimumWidth(new Set([...shown, 'percent']), whole) <= width) {
		shown.add('percent');
	}

	let spare = Math.max(0, width - minimumWidth(shown, smallest));
	let bar: number = shown.has('bar') ? BAR.min : 0;
	const grow = (current: number, max: number): number => {
		const add = Math.max(0, Math.min(max - current, spare));
		spare -= add;
		return current + add;
	};

	// Spare width makes the words whole first (names are what people scan, then the status, then the marks' short
	// form), then goes to the marks in full (a stall or a deletion warning in words), the label and the badge (a
	// status ISC may add later), the bar, and the label and the marks again.
	let label = grow(LABEL.min, whole.label);
	let badge = grow(BADGE.min, whole.badge);
	let marks = grow(MARKS.min, whole.marks);
	if (needs !== undefined) {
		marks = grow(marks, clamp(needs.marksLong, MARKS.min, MARKS.max));
	}

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
	const over = minimumWidth(shown, smallest) - width;
	if (over > 0) {
		// Below the minimum size the screen shows "too small"; keep the numbers sane anyway.
		label = Math.max(1, label - over);
	}

	return {
		width,
		tenant,
		label,
		badge,
		bar,
		counts: shown.has('counts') ? counts : 0,
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
