import type {Segment} from '../text/segments.js';
import type {ColorRole, Glyphs} from '../theme/theme.js';

function filledCells(percent: number | undefined, width: number): number {
	return percent === undefined ? 0 : Math.max(0, Math.min(width, Math.floor((percent / 100) * width)));
}

/** The bar as plain text (for a line drawn in one colour, e.g. a flashing row). */
export function barText(percent: number | undefined, width: number, glyphs: Glyphs): string {
	if (width <= 0) {
		return '';
	}

	const filled = filledCells(percent, width);
	return glyphs.barFilled.repeat(filled) + glyphs.barEmpty.repeat(width - filled);
}

/**
 * The bar as two segments, filled and empty cells (`percent` undefined draws an empty track: counts not known yet).
 * Filled and empty cells use different glyphs, so the bar reads without colour.
 */
export function barSegments(
	percent: number | undefined,
	width: number,
	glyphs: Glyphs,
	paint: (role: ColorRole) => string | undefined,
	style: Omit<Segment, 'text' | 'color'> = {},
): Segment[] {
	if (width <= 0) {
		return [];
	}

	const filled = filledCells(percent, width);
	return [
		{...style, text: glyphs.barFilled.repeat(filled), color: paint('barFilled')},
		{...style, text: glyphs.barEmpty.repeat(width - filled), color: paint('barEmpty')},
	];
}
