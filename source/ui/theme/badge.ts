import {errorCount, warningCount} from '../../domain/outcome.js';
import {plural} from '../../domain/text.js';
import {rowCompletion, rowOutcome} from '../../core/summary.js';
import type {TrackedRow} from '../../core/types.js';
import type {ColorRole, Glyphs} from './theme.js';

/** How a row's status is drawn: a symbol and a word (so it reads without colour) and a colour role. */
export interface Badge {
	symbol: keyof Glyphs & string;
	text: string;
	role: ColorRole;
	/** How the run's task ended, after the end word: "⚠ 3 warnings", "✖ 2 errors". */
	outcome?: {symbol: keyof Glyphs & string; text: string; role: ColorRole};
}

/** The task's verdict on a completed run: warnings or errors, or nothing when it succeeded (or is not known yet). */
function taskNote(row: TrackedRow): Badge['outcome'] {
	const completion = rowCompletion(row);
	if (row.task === undefined) {
		return undefined;
	}

	if (completion === 'warning') {
		const warnings = warningCount(row.task);
		return {symbol: 'warning', text: warnings > 0 ? plural(warnings, 'warning') : 'warnings', role: 'warning'};
	}

	if (completion === 'error' || completion === 'terminated') {
		const errors = errorCount(row.task);
		return {symbol: 'terminated', text: errors > 0 ? plural(errors, 'error') : 'errors', role: 'failed'};
	}

	return undefined;
}

const RUNNING: Record<string, Badge> = {
	STARTED: {symbol: 'started', text: 'started', role: 'running'},
	ACCOUNTS_COLLECTED: {symbol: 'collected', text: 'collected', role: 'collected'},
	RETRIED: {symbol: 'retried', text: 'retried', role: 'warning'},
};

/**
 * The badge for a row, from its outcome and ISC status. A status ISC may add later is shown as it came, with "?".
 */
export function badgeFor(row: TrackedRow): Badge {
	switch (rowOutcome(row)) {
		case 'waiting': {
			return {symbol: 'waiting', text: 'waiting', role: 'waiting'};
		}

		case 'running': {
			const status = row.snapshot?.status ?? '';
			return RUNNING[status] ?? {symbol: 'unknown', text: status, role: 'unknown'};
		}

		case 'completed': {
			const outcome = taskNote(row);
			return outcome === undefined
				? {symbol: 'completed', text: 'completed', role: 'done'}
				: {symbol: 'completed', text: 'completed', role: outcome.role === 'failed' ? 'failed' : 'warning', outcome};
		}

		case 'cancelled': {
			return {symbol: 'cancelled', text: 'cancelled', role: 'cancelled'};
		}

		case 'terminated': {
			return {symbol: 'terminated', text: 'terminated', role: 'failed'};
		}

		case 'not-found': {
			return {symbol: 'notFound', text: 'not found', role: 'failed'};
		}

		case 'expired': {
			return {symbol: 'expired', text: 'expired', role: 'muted'};
		}
	}
}

/** The glyph of a badge. */
export function badgeSymbol(badge: Badge, glyphs: Glyphs): string {
	const value = glyphs[badge.symbol];
	return typeof value === 'string' ? value : '?';
}

/** The whole badge as drawn: "✔ completed", "✔ completed ⚠ 3 warnings" (ASCII: "+ completed ! 3 warnings"). */
export function badgeText(badge: Badge, glyphs: Glyphs): string {
	const main = `${badgeSymbol(badge, glyphs)} ${badge.text}`;
	if (badge.outcome === undefined) {
		return main;
	}

	const value = glyphs[badge.outcome.symbol];
	return `${main} ${typeof value === 'string' ? value : '?'} ${badge.outcome.text}`;
}
