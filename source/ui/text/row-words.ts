import type {RowInsight} from '../../core/insight.js';
import type {TrackedRow} from '../../core/types.js';
import type {RowConcerns} from '../../core/view.js';
import {badgeFor} from '../theme/badge.js';
import type {Glyphs} from '../theme/theme.js';
import {rowNotes} from './insight-text.js';
import {errorWord} from './row-cells.js';

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
