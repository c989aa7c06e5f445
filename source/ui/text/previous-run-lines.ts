import {formatDuration} from '../../core/durations.js';
import {direction} from '../../domain/words.js';
import {slowness, typicalDurationMs, type PreviousRun} from '../../history/previous-runs.js';
import {clockTime} from './clock-text.js';
import type {DetailField} from './detail-fields.js';
import {runOutcomeLook} from '../theme/end-status.js';
import type {Glyphs} from '../theme/theme.js';
import {plural} from '../../domain/text.js';

/** At most this many earlier runs in a detail pane (it has a few lines only). */
export const MAX_PREVIOUS_RUNS = 5;
/** A run this many times the typical duration or more is called slow. */
export const SLOW_FACTOR = 1.5;

function ratio(value: number, glyphs: Glyphs): string {
	return `${value >= 10 ? Math.round(value) : Math.round(value * 10) / 10}${glyphs.times}`;
}

/** "2.3× slower than typical", "3× faster than typical", "about the typical time". */
function typicalComparison(factor: number, glyphs: Glyphs): string {
	const way = direction(factor, 'duration');
	return way === undefined ? 'about the typical time' : `${ratio(way.by, glyphs)} ${way.word} than typical`;
}

export interface CurrentRun {
	/** How long the run looked at has taken (so far). */
	elapsedMs?: number;
	/** It is still going: "so far". */
	running: boolean;
	/** Its end was seen late, so elapsedMs is only an upper bound. */
	approximate?: boolean;
}

/**
 * Detail-pane lines that set a run against earlier runs of the same source on the same tenant: how this run
 * compares with the typical (median completed) duration, then each earlier run with its end time, status,
 * duration and account count, slow ones marked, so a run that takes unusually long is obvious.
 */
export function previousRunLines(runs: readonly PreviousRun[], current: CurrentRun, now: number, glyphs: Glyphs): DetailField[] {
	if (runs.length === 0) {
		return [{label: 'Earlier runs', value: 'none recorded for this source yet', role: 'muted'}];
	}

	const typical = typicalDurationMs(runs);
	const lines: DetailField[] = [];
	const shown = runs.slice(0, MAX_PREVIOUS_RUNS);
	const more = runs.length - shown.length;
	lines.push({
		label: 'Earlier runs',
		value: `${runs.length} recorded, newest first${typical === undefined ? '' : `; typical ${formatDuration(typical)}`}${more > 0 ? ` (${more} older not shown)` : ''}`,
	});
	if (current.elapsedMs !== undefined) {
		const factor = slowness(current.elapsedMs, runs);
		const so = current.running ? ' so far' : '';
		let compared = '';
		if (factor !== undefined && typical !== undefined) {
			// A run still under way and not yet past the typical duration: the typical duration says more than a ratio.
			compared =
				current.running && factor < 1
					? `; typical ${formatDuration(typical)}`
					: `, ${current.approximate ? 'at most ' : ''}${typicalComparison(factor, glyphs)}`;
		}
		// An upper bound that looks slow proves nothing; a run still going that is already past it does.
		const slow = factor !== undefined && factor >= SLOW_FACTOR && !current.approximate;
		lines.push({
			label: 'This run',
			value: `${current.approximate ? glyphs.atMost : ''}${formatDuration(current.elapsedMs)}${so}${compared}${slow ? `  ${glyphs.warning} slow` : ''}`,
			...(slow ? {role: 'warning' as const} : {}),
		});
	}

	for (const run of shown) {
		const end = Date.parse(run.end);
		const look = runOutcomeLook(run.status, run.outcome, glyphs);
		// An end seen late (aggwatch was not watching) makes the duration an upper bound, and says nothing of speed.
		const approximate = run.approximate;
		const duration = run.durationMs === undefined ? '-' : `${approximate ? glyphs.atMost : ''}${formatDuration(run.durationMs)}`;
		const accounts = run.accounts === undefined ? '' : plural(run.accounts, 'change');
		const factor = run.durationMs !== undefined && typical !== undefined && typical > 0 ? run.durationMs / typical : undefined;
		const slow = !approximate && factor !== undefined && factor >= SLOW_FACTOR;
		const failed = look.role === 'failed' || look.role === 'cancelled';
		lines.push({
			label: Number.isNaN(end) ? run.end : clockTime(end, now),
			value: `${look.glyph} ${look.text.padEnd(14)} ${duration.padStart(8)}  ${accounts.padStart(14)}${slow ? `  ${glyphs.warning} slow: ${ratio(factor, glyphs)} slower than typical` : ''}`,
			...(slow ? {role: 'warning' as const} : failed || look.role === 'warning' ? {role: look.role} : {}),
		});
	}

	return lines;
}
