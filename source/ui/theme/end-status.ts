import {completionOf, normalCompletionStatus, outcomeLabel, type OutcomeTally} from '../../domain/outcome.js';
import type {ColorRole, Glyphs} from './theme.js';

/** How an end status from the history (or an alert) is drawn: a glyph and a colour role, so it reads without colour. */
export function endStatusLook(status: string, glyphs: Glyphs): {glyph: string; role: ColorRole} {
	switch (normalCompletionStatus(status)) {
		case 'COMPLETED':
		case 'SUCCESS': {
			return {glyph: glyphs.completed, role: 'done'};
		}

		case 'WARNING': {
			return {glyph: glyphs.warning, role: 'warning'};
		}

		case 'ERROR':
		case 'TEMP_ERROR':
		case 'TEMPERROR': {
			return {glyph: glyphs.terminated, role: 'failed'};
		}

		case 'CANCELLED': {
			return {glyph: glyphs.cancelled, role: 'cancelled'};
		}

		case 'TERMINATED': {
			return {glyph: glyphs.terminated, role: 'failed'};
		}

		default: {
			return {glyph: glyphs.unknown, role: 'unknown'};
		}
	}
}

/**
 * A run's outcome as the row badge says it, for the lists of runs (H, the detail pane's earlier runs): the end status's
 * glyph, then "completed ⚠ 3", "completed ✖ 2", "ERROR"; coloured by the task's verdict where it warned or failed.
 */
export function runOutcomeLook(
	status: string,
	outcome: OutcomeTally | undefined,
	glyphs: Glyphs,
): {glyph: string; text: string; role: ColorRole} {
	const look = endStatusLook(status, glyphs);
	const text = outcomeLabel(status, outcome, {warning: glyphs.warning, error: glyphs.terminated});
	const completion = completionOf(outcome?.completionStatus);
	const role: ColorRole =
		completion === 'warning' ? 'warning' : completion === 'error' || completion === 'terminated' ? 'failed' : look.role;
	return {glyph: look.glyph, text, role};
}
