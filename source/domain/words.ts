/**
 * The words aggwatch uses for what it shows, in one place, so rows, the detail pane, alerts, the plain commands and
 * `--json` say each thing one way. Plain functions of plain values; imports nothing of ours.
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
