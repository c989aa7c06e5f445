import {describe, expect, test} from 'vitest';
import {isTooSmall, LEAD_WIDTH, MIN_COLUMNS, rowLayout, type ColumnNeeds, type RowLayout} from '../../source/ui/text/layout.js';

function used(layout: RowLayout): number {
	const columns = [
		layout.tenant,
		layout.badge,
		layout.bar,
		layout.counts,
		layout.percent,
		layout.rate,
		layout.eta,
		layout.elapsed,
		layout.marks,
	];
	return LEAD_WIDTH + layout.label + columns.filter(width => width > 0).reduce((total, width) => total + 1 + width, 0);
}

describe('rowLayout', () => {
	test('a wide terminal shows every column and never writes into the last cell', () => {
		const layout = rowLayout(140);
		expect(layout.rate && layout.eta && layout.elapsed && layout.bar && layout.counts).toBeGreaterThan(0);
		expect(used(layout)).toBeLessThanOrEqual(139);
	});

	test('columns drop in order as the terminal narrows: the bar, the percentage, rate and ETA, elapsed, the counts', () => {
		const seen: string[] = [];
		let previous = rowLayout(200);
		for (let columns = 200; columns >= MIN_COLUMNS; columns--) {
			const layout = rowLayout(columns);
			for (const column of ['bar', 'percent', 'rate', 'eta', 'elapsed', 'counts'] as const) {
				if (previous[column] > 0 && layout[column] === 0) {
					seen.push(column);
				}

				// Once dropped, a column stays dropped at smaller widths; the percentage comes back once the counts go.
				if (previous[column] === 0 && !(column === 'percent' && layout.counts === 0)) {
					expect(layout[column]).toBe(0);
				}
			}

			expect(used(layout)).toBeLessThanOrEqual(columns - 1);
			expect(layout.label).toBeGreaterThan(0);
			previous = layout;
		}

		// The percentage, back once the counts went, goes again at the smallest size.
		expect(seen).toEqual(['bar', 'percent', 'rate', 'eta', 'elapsed', 'counts', 'percent']);
	});

	test('at 80 columns a row keeps counts, rate, ETA and elapsed; the bar and the percentage have gone', () => {
		const layout = rowLayout(80);
		expect(layout.counts && layout.rate && layout.eta && layout.elapsed).toBeGreaterThan(0);
		expect(layout.bar).toBe(0);
		expect(layout.percent).toBe(0);
	});

	test('a tenant column fits the longest name (within bounds) and goes last, after the counts', () => {
		expect(rowLayout(140).tenant).toBe(0);
		expect(rowLayout(140, 6).tenant).toBe(6);
		expect(rowLayout(140, 40).tenant).toBe(14);
		expect(rowLayout(140, 1).tenant).toBe(4);
		const seen: string[] = [];
		let previous = rowLayout(200, 10);
		for (let columns = 200; columns >= MIN_COLUMNS; columns--) {
			const layout = rowLayout(columns, 10);
			for (const column of ['bar', 'percent', 'rate', 'eta', 'elapsed', 'counts', 'tenant'] as const) {
				if (previous[column] > 0 && layout[column] === 0) {
					seen.push(column);
				}
			}

			expect(used(layout)).toBeLessThanOrEqual(columns - 1);
			previous = layout;
		}

		// The percentage comes back where it fits once the counts have gone, beside the tenant column and after it.
		expect(seen).toEqual(['bar', 'percent', 'rate', 'eta', 'elapsed', 'counts', 'percent', 'tenant', 'percent']);
	});

	test('the minimum width keeps label, badge and marks; the percentage from one column more', () => {
		const layout = rowLayout(MIN_COLUMNS);
		expect(layout.badge).toBeGreaterThan(0);
		expect(layout.marks).toBeGreaterThan(0);
		expect(rowLayout(MIN_COLUMNS + 1).percent).toBeGreaterThan(0);
		expect(layout.label).toBeGreaterThanOrEqual(10);
	});
});

describe('rowLayout with what the rows say (issue 22: 80 columns cut the wrong things)', () => {
	// The demo's rows: "Active Directory EU", "✔ completed ⚠ 3 warnings", "removed 1,029" (in full "removed 1,029  3.3×
	// fewer"), "249,000/250,000".
	const demo: ColumnNeeds = {label: 19, badge: 24, marks: 13, marksLong: 27, counts: 15};

	test('at 80 columns the words are whole and the counts stay; the bar and the percentage have gone', () => {
		const layout = rowLayout(80, 0, demo);
		expect(layout.label).toBeGreaterThanOrEqual(19);
		expect(layout.badge).toBeGreaterThanOrEqual(24);
		expect(layout.marks).toBeGreaterThanOrEqual(13);
		expect(layout.counts).toBeGreaterThanOrEqual(15);
		expect(layout.bar).toBe(0);
		expect(layout.percent).toBe(0);
		expect(used(layout)).toBeLessThanOrEqual(79);
	});

	test('at 130 and 200 columns the bar and the percentage are back, the words still whole', () => {
		for (const columns of [130, 200]) {
			const layout = rowLayout(columns, 0, demo);
			expect(layout.bar).toBeGreaterThan(0);
			expect(layout.percent).toBeGreaterThan(0);
			expect(layout.rate && layout.eta && layout.elapsed).toBeGreaterThan(0);
			expect(layout.label).toBeGreaterThanOrEqual(19);
			expect(layout.badge).toBeGreaterThanOrEqual(24);
			// The marks' short forms at least; in full (every note long) where there is room.
			expect(layout.marks).toBeGreaterThanOrEqual(columns === 200 ? 27 : 13);
			expect(used(layout)).toBeLessThanOrEqual(columns - 1);
		}
	});

	test('the numbers go in their order before any word is cut; the words are cut only when no number is left', () => {
		const seen: string[] = [];
		let previous = rowLayout(200, 0, demo);
		for (let columns = 200; columns >= MIN_COLUMNS; columns--) {
			const layout = rowLayout(columns, 0, demo);
			for (const column of ['bar', 'percent', 'rate', 'eta', 'elapsed', 'counts'] as const) {
				if (previous[column] > 0 && layout[column] === 0) {
					seen.push(column);
				}
			}

			const wordsWhole = layout.label >= 19 && layout.badge >= 24 && layout.marks >= 13;
			if (!wordsWhole) {
				expect(layout.counts + layout.rate + layout.eta + layout.elapsed + layout.bar).toBe(0);
			}

			expect(used(layout)).toBeLessThanOrEqual(columns - 1);
			previous = layout;
		}

		expect(seen.slice(0, 6)).toEqual(['bar', 'percent', 'rate', 'eta', 'elapsed', 'counts']);
	});

	test('a long mark such as "over the threshold (10%)" is whole: the counts make room, the percentage is the progress left', () => {
		const layout = rowLayout(80, 0, {...demo, marks: 24, marksLong: 24});
		expect(layout.marks).toBeGreaterThanOrEqual(24);
		expect(layout.counts).toBe(0);
		expect(layout.percent).toBeGreaterThan(0);
		expect(used(layout)).toBeLessThanOrEqual(79);
	});

	test('a name longer than 30 counts as 30 against the numbers, and grows to 40 where there is room', () => {
		const long = {...demo, label: 46};
		const narrow = rowLayout(80, 0, long);
		expect(narrow.label).toBe(30);
		expect(narrow.badge).toBeGreaterThanOrEqual(24);
		expect(narrow.percent).toBeGreaterThan(0);
		expect(rowLayout(200, 0, long).label).toBe(40);
	});
});

test('isTooSmall below 40x10', () => {
	expect(isTooSmall(39, 24)).toBe(true);
	expect(isTooSmall(80, 9)).toBe(true);
	expect(isTooSmall(40, 10)).toBe(false);
});
