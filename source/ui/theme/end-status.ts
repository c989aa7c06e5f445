import type {ColorRole, Glyphs} from './theme.js';

/** How an end status from the history (or an alert) is drawn: a glyph and a colour role, so it reads without colour. */
export function endStatusLook(status: string, glyphs: Glyphs): {glyph: string; role: ColorRole} {
	switch (status) {
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
