import {rowOutcome} from '../core/summary.js';
import type {TrackedRow} from '../core/types.js';
import type {ColorRole, Glyphs} from './theme.js';

/** How a row's status is drawn: a symbol and a word (so it reads without colour) and a colour role. */
export interface Badge {
	symbol: keyof Glyphs & string;
	text: string;
	role: ColorRole;
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
			return {symbol: 'completed', text: 'completed', role: 'done'};
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
