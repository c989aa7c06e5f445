import React from 'react';
import {Text} from 'ink';
import {useTheme, type Glyphs} from '../theme.js';

export interface ProgressBarProps {
	/** 0 to 100; undefined draws an empty track (counts not known yet). */
	percent?: number;
	/** Cells. */
	width: number;
}

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

/** Filled and empty cells use different glyphs, so the bar reads without colour. */
export function ProgressBar({percent, width}: ProgressBarProps) {
	const {glyphs, paint} = useTheme();
	if (width <= 0) {
		return null;
	}

	const filled = filledCells(percent, width);
	return (
		<Text>
			<Text color={paint('barFilled')}>{glyphs.barFilled.repeat(filled)}</Text>
			<Text color={paint('barEmpty')}>{glyphs.barEmpty.repeat(width - filled)}</Text>
		</Text>
	);
}
