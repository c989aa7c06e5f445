import {roughDuration, stallPhrase} from '../../alerts/stall-alert.js';
import type {DeletionRisk} from '../../core/deletion-risk.js';
import {formatCount, formatDuration} from '../../core/durations.js';
import {
	DELETION_WORDS,
	direction,
	factorNumber,
	HELD_BACK_TEXT,
	markedText,
	overThresholdText,
	percentText,
	removedText,
} from '../../domain/words.js';
import type {InsightContext, RowInsight} from '../../core/insight.js';
import type {Comparison, CountComparison} from '../../core/past-runs.js';
import {STALL_GAP_FACTOR} from '../../core/stall.js';
import type {DetailField} from './detail-fields.js';
import type {ColorRole, Glyphs} from '../theme/theme.js';

/** One thing the row's marks column can say, long and short, most important first. */
export interface RowNote {
	long: string;
	short: string;
	role?: ColorRole;
}

function factorText(value: number, glyphs: Glyphs): string {
	return `${factorNumber(value)}${glyphs.times}`;
}

function usual(median: number): string {
	return formatCount(Math.round(median));
}

/** "2.8× slower than usual (median 14m 00s over 6 runs)", "so far 2.1× slower than usual (...)", "about the usual time (...)". */
export function durationPhrase(comparison: Comparison, glyphs: Glyphs): string | undefined {
	const duration = comparison.duration;
	if (duration === undefined) {
		return undefined;
	}

	const basis = `(median ${formatDuration(duration.medianMs)} over ${duration.runs} runs)`;
	if (duration.running) {
		const way = direction(duration.factor, 'duration');
		return way?.word === 'slower' ? `so far ${factorText(way.by, glyphs)} slower than usual ${basis}` : undefined;
	}

	const way = direction(duration.factor, 'duration');
	return way === undefined ? `about the usual time ${basis}` : `${factorText(way.by, glyphs)} ${way.word} than usual ${basis}`;
}

const COUNT_WORDS = {
	processedAccounts: (value: number) => `${formatCount(value)} changes`,
	totalAccountsMarkedForDeletion: (value: number) => markedText(value),
	deletedAccounts: (value: number) => removedText(value),
} as const;

/** "40× more than usual", "3× fewer than usual", "about as usual"; "more than usual" where the usual is none. */
function countDirection(count: CountComparison, glyphs: Glyphs): string {
	const way = direction(count.median === 0 ? Number.POSITIVE_INFINITY : count.value / count.median, 'count');
	if (way === undefined) {
		return 'about as usual';
	}

	return Number.isFinite(way.by) ? `${factorText(way.by, glyphs)} ${way.word} than usual` : `${way.word} than usual`;
}

/** "removed 1,204: 401× more than usual (about 3)". */
export function countPhrase(count: CountComparison, glyphs: Glyphs): string {
	return `${COUNT_WORDS[count.field](count.value)}: ${countDirection(count, glyphs)} (about ${usual(count.median)})`;
}

/** What the end alert adds: the duration against the usual, and each count that departs from it. */
export function comparisonSummary(comparison: Comparison | undefined, glyphs: Glyphs): string[] {
	if (comparison === undefined) {
		return [];
	}

	const duration = durationPhrase(comparison, glyphs);
	return [
		...(duration === undefined ? [] : [duration]),
		...comparison.counts.filter(count => count.departure).map(count => countPhrase(count, glyphs)),
	];
}

/**
 * "900 marked for deletion, removed 0: 22.5% of the 4,000 accounts in its last run, over the threshold (10%): ISC will
 * probably hold the deletions back", or the held-back sentence at the end.
 */
export function deletionPhrase(risk: DeletionRisk): string {
	const threshold =
		risk.thresholdPercent === undefined ? 'deleteThreshold not known' : `deleteThreshold ${percentText(risk.thresholdPercent)}`;
	const counts = `${markedText(risk.marked)}, ${removedText(risk.deleted)}`;
	if (risk.heldBack) {
		return risk.countsKnown
			? `${HELD_BACK_TEXT}: ${counts} (the source's ${threshold})`
			: `${HELD_BACK_TEXT}: the task says "Account deletion was skipped"`;
	}

	if (risk.sharePercent === undefined || risk.basis === undefined) {
		return `${counts} (${threshold}; the source's account count is not known)`;
	}

	const of =
		risk.basis.from === 'last-run'
			? `of the ${formatCount(risk.basis.accounts)} accounts in its last run`
			: `of this run's ${formatCount(risk.basis.accounts)} accounts (no earlier run recorded)`;
	const verdict = risk.over
		? `, ${overThresholdText(risk.thresholdPercent)}: ISC will probably hold the deletions back`
		: risk.thresholdPercent === undefined
			? ` (${threshold})`
			: `, under the threshold (${percentText(risk.thresholdPercent)})`;
	return `${counts}: ${percentText(risk.sharePercent)} ${of}${verdict}`;
}

/** The notes for a row's marks column, most important first. */
export function rowNotes(insight: RowInsight | undefined, glyphs: Glyphs): RowNote[] {
	if (insight === undefined) {
		return [];
	}

	const notes: RowNote[] = [];
	const {stall, deletion, comparison} = insight;
	if (stall !== undefined) {
		notes.push({long: stallPhrase(stall), short: `stalled? ${roughDuration(stall.forMs)}`, role: 'warning'});
	}

	if (deletion !== undefined) {
		if (deletion.heldBack) {
			notes.push({
				long: HELD_BACK_TEXT,
				short: DELETION_WORDS.heldBack,
				role: 'warning',
			});
		} else if (deletion.over) {
			notes.push({
				long: `${markedText(deletion.marked)}, ${overThresholdText(deletion.thresholdPercent)}`,
				short: overThresholdText(deletion.thresholdPercent),
				role: 'warning',
			});
		} else {
			notes.push({
				long: `${markedText(deletion.marked)}, ${removedText(deletion.deleted)}`,
				short: removedText(deletion.deleted),
				role: 'muted',
			});
		}
	}

	if (comparison?.departure === true) {
		const duration = comparison.duration;
		const count = comparison.counts.find(candidate => candidate.departure);
		if (duration?.departure === true) {
			const slower = duration.factor >= 1;
			const factor = factorText(slower ? duration.factor : 1 / duration.factor, glyphs);
			const word = slower ? 'slower' : 'faster';
			notes.push({long: `${factor} ${word} than usual`, short: `${factor} ${word}`, role: 'warning'});
		} else if (count !== undefined) {
			const way = countDirection(count, glyphs);
			notes.push({
				long: `${COUNT_WORDS[count.field](count.value)} (${way}, about ${usual(count.median)})`,
				short: way.replace(' than usual', ''),
				role: 'warning',
			});
		}
	}

	return notes;
}

/** Where the stall threshold comes from, for the detail pane. */
function thresholdSource(thresholdMs: number, stallAfterMs: number, glyphs: Glyphs): string {
	return thresholdMs > stallAfterMs ? `${STALL_GAP_FACTOR}${glyphs.times} the longest pause in this source's past runs` : '--stall-after';
}

/** Detail-pane lines: the stall, the deletion figures, and the comparison with the source's past runs. */
export function insightLines(
	insight: RowInsight | undefined,
	context: Pick<InsightContext, 'stallAfterMs'>,
	glyphs: Glyphs,
): DetailField[] {
	if (insight === undefined) {
		return [];
	}

	const lines: DetailField[] = [];
	const {stall, deletion, comparison} = insight;
	if (stall !== undefined) {
		lines.push({
			label: 'Stalled?',
			value: `${stall.kind === 'started' ? 'STARTED' : 'no progress'} for ${formatDuration(stall.forMs)} (threshold ${formatDuration(stall.thresholdMs)}: ${thresholdSource(stall.thresholdMs, context.stallAfterMs, glyphs)})`,
			role: 'warning',
		});
	}

	if (deletion !== undefined) {
		lines.push({
			label: 'Deletions',
			value: deletionPhrase(deletion),
			...(deletion.over || deletion.heldBack ? {role: 'warning' as const} : {}),
		});
	}

	if (comparison !== undefined) {
		const parts = [durationPhrase(comparison, glyphs), ...comparison.counts.map(count => countPhrase(count, glyphs))].filter(
			part => part !== undefined,
		);
		if (parts.length > 0) {
			lines.push({label: 'Against usual', value: parts.join('; '), ...(comparison.departure ? {role: 'warning' as const} : {})});
		}
	}

	return lines;
}

/**
 * The marks column's text for these notes at this width: every note in full if they fit, else the first in full
 * and the rest short, else all short, else the first one short (cut to fit by the caller). The colour is the
 * first note's.
 */
export function marksText(notes: readonly RowNote[], width: number): {text: string; role?: ColorRole} {
	const first = notes[0];
	if (first === undefined) {
		return {text: ''};
	}

	const tries = [
		notes.map(note => note.long),
		[first.long, ...notes.slice(1).map(note => note.short)],
		notes.map(note => note.short),
		[first.long],
	];
	const fits = tries.map(parts => parts.join('  ')).find(text => [...text].length <= width);
	return {text: fits ?? first.short, ...(first.role === undefined ? {} : {role: first.role})};
}
