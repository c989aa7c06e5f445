import {badgeSymbol, type Badge} from '../badge.js';
import {fit} from '../layout.js';
import type {Glyphs} from '../theme.js';

/** Symbol and word, cut or padded to `width` cells (the full text without one): with its colour, any one tells the status. */
export function badgeText(badge: Badge, glyphs: Glyphs, width?: number): string {
	const text = `${badgeSymbol(badge, glyphs)} ${badge.text}`;
	return width === undefined ? text : fit(text, width, 'left', glyphs.ellipsis);
}
