import {countLabel, errorCount, orderedCounts, warningCount, type TaskOutcome} from './outcome.js';
import {formatCount} from './words.js';

/**
 * How counts and the task's verdict are put into words, beside words.ts (formatCount): the plain commands, the
 * screens and the alerts say "3 warnings, 2 errors" and "scanned 48,000 · added 600" the same way. Imports nothing of
 * ours but domain.
 */

/** "1 warning", "3 warnings", "1,200 accounts": a count and its noun, plural unless the count is one. */
export function plural(count: number, word: string): string {
	return `${formatCount(count)} ${word}${count === 1 ? '' : 's'}`;
}

/** "one aggregation", "3 aggregations": as `plural`, with one spelled out (for sentences). */
export function spelledPlural(count: number, word: string): string {
	return count === 1 ? `one ${word}` : plural(count, word);
}

/** "it" or "them", for the things a sentence just counted. */
export function itOrThem(count: number): string {
	return count === 1 ? 'it' : 'them';
}

/** "3 warnings, 2 errors", "1 warning"; '' when there are neither. */
export function tallyText(warnings: number, errors: number): string {
	return [...(warnings > 0 ? [plural(warnings, 'warning')] : []), ...(errors > 0 ? [plural(errors, 'error')] : [])].join(', ');
}

/** The tally of a task's messages: "3 warnings, 2 errors", or '' when it has neither. */
export function taskTally(task: Pick<TaskOutcome, 'messages'>): string {
	return tallyText(warningCount(task), errorCount(task));
}

/** "WARNING (3 warnings)", "SUCCESS": a completion status with its tally when there is one. */
export function outcomeText(completionStatus: string, warnings: number, errors: number): string {
	const tally = tallyText(warnings, errors);
	return tally === '' ? completionStatus : `${completionStatus} (${tally})`;
}

/** "scanned 48,000 · added 600 · changed 5,400 · …": every figure, readable names first; undefined when none. */
export function figuresText(counts: Readonly<Record<string, number>>): string | undefined {
	const ordered = orderedCounts(counts);
	return ordered.length === 0 ? undefined : ordered.map(([name, value]) => `${countLabel(name)} ${formatCount(value)}`).join(' · ');
}

/**
 * Pads or cuts `text` to exactly `width` characters (cut with `ellipsis` at the end), aligned left or right: a table's
 * column in the plain commands and a cell on screen. Assumes one cell per character.
 */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left', ellipsis = '…'): string {
	if (width <= 0) {
		return '';
	}

	const chars = [...text];
	if (chars.length > width) {
		return width <= ellipsis.length ? chars.slice(0, width).join('') : chars.slice(0, width - ellipsis.length).join('') + ellipsis;
	}

	const pad = ' '.repeat(width - chars.length);
	return align === 'left' ? text + pad : pad + text;
}

/** A column's width: its widest text (the title among them), at most `cap`. Assumes one cell per character. */
export function columnWidth(title: string, texts: Iterable<string>, cap = Number.POSITIVE_INFINITY): number {
	let most = [...title].length;
	for (const text of texts) {
		most = Math.max(most, [...text].length);
	}

	return Math.min(cap, most);
}
