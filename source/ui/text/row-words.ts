import {formatCount} from '../../core/durations.js';
import type {RowInsight} from '../../core/insight.js';
import {isPolledPhase} from '../../core/phase.js';
import type {TrackedRow} from '../../core/types.js';
import type {RowConcerns} from '../../core/view.js';
import {badgeFor, badgeText} from '../theme/badge.js';
import type {Glyphs} from '../theme/theme.js';
import {rowNotes} from './insight-text.js';
import type {ColumnNeeds} from './layout.js';
import {errorWord, rowLabel} from './row-cells.js';

/**
 * The words a row's line says, for the list filter: its badge ("completed", "3 warnings", "2 errors"), its last
 * error's short word and its marks ("stalled? 38s", "deletions held back", "2.1× slower"), long and short forms.
 * Built from the same functions that draw the row, so `/warn`, `/error`, `/stalled` or `/held` find what is on screen.
 */
export function rowShownText(row: TrackedRow, insight: RowInsight | undefined, glyphs: Glyphs): string {
	const badge = badgeFor(row);
	const words = [badge.text, badge.outcome?.text ?? ''];
	if (row.lastError !== undefined) {
		words.push(errorWord(row.lastError.kind), 'error');
	}

	for (const note of rowNotes(insight, glyphs)) {
		words.push(note.long, note.short);
	}

	return words.join('\n');
}

/** What the severity sort and the next-problem keys need of a row's insight. */
export function rowConcerns(insight: RowInsight | undefined): RowConcerns | undefined {
	return insight === undefined ? undefined : {stalled: insight.stall !== undefined, heldBack: insight.deletion?.heldBack === true};
}

function length(text: string): number {
	return [...text].length;
}

/** One row's needs, kept while the row, its insight, its id text and the glyphs are the same objects. */
interface CachedNeeds {
	insight: RowInsight | undefined;
	glyphs: Glyphs;
	idText: string;
	needs: ColumnNeeds;
}

const cache = new WeakMap<TrackedRow, CachedNeeds>();

function rowNeeds(row: TrackedRow, insight: RowInsight | undefined, glyphs: Glyphs, idText: string): ColumnNeeds {
	const cached = cache.get(row);
	if (cached !== undefined && cached.insight === insight && cached.glyphs === glyphs && cached.idText === idText) {
		return cached.needs;
	}

	const total = row.snapshot?.totalAccounts;
	const processed = row.snapshot?.processedAccounts;
	// The processed count grows up to the total: the column is as wide as "total/total", so it does not move.
	const counts =
		total === undefined
			? processed === undefined
				? ''
				: `${formatCount(processed)}/?`
			: `${formatCount(Math.max(total, processed ?? 0))}/${formatCount(total)}`;
	const notes = rowNotes(insight, glyphs);
	const error = row.lastError !== undefined && isPolledPhase(row.phase) ? `${glyphs.error}${errorWord(row.lastError.kind)}` : undefined;
	const first = error ?? notes[0]?.short;
	const needs: ColumnNeeds = {
		label: length(rowLabel(row, false, idText)),
		badge: length(badgeText(badgeFor(row), glyphs)),
		marks: first === undefined ? 0 : length(first),
		marksLong: first === undefined ? 0 : length([...(error === undefined ? [] : [error]), ...notes.map(note => note.long)].join('  ')),
		counts: length(counts),
	};
	cache.set(row, {insight, glyphs, idText, needs});
	return needs;
}

/**
 * What the list's word columns need to show these rows whole (see rowLayout): the longest label, badge text and
 * counts, and the longest marks, short (the first note, which the column always shows) and in full. Staleness comes
 * and goes with the clock and is not counted: when it shows, the marks say less (marksText). Each row's part is
 * kept while the row is the same object (an answer makes a new one), so 5,000 rows cost little per answer.
 */
export function columnNeeds(
	rows: readonly TrackedRow[],
	insights: ReadonlyMap<string, RowInsight> | undefined,
	glyphs: Glyphs,
	idText: (id: string) => string,
): ColumnNeeds {
	const most: ColumnNeeds = {label: 0, badge: 0, marks: 0, marksLong: 0, counts: 0};
	for (const row of rows) {
		const needs = rowNeeds(row, insights?.get(row.key), glyphs, idText(row.id));
		most.label = Math.max(most.label, needs.label);
		most.badge = Math.max(most.badge, needs.badge);
		most.marks = Math.max(most.marks, needs.marks);
		most.marksLong = Math.max(most.marksLong, needs.marksLong);
		most.counts = Math.max(most.counts, needs.counts);
	}

	return most;
}
