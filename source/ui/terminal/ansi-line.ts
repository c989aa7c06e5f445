import {applySgr, defaultStyle, isInvisibleOnBlank, type SgrStyle} from './sgr.js';

/** One terminal column: a single-width character and the style it is drawn in. */
export interface Cell {
	readonly char: string;
	readonly style: SgrStyle;
}

export interface ParsedLine {
	readonly cells: readonly Cell[];
	/** The terminal's style after the whole line has been written verbatim. */
	readonly endStyle: SgrStyle;
}

export const blankCell: Cell = {char: ' ', style: defaultStyle};

/**
 * Code points that Ink (string-width) and terminals both draw one column wide, and that never combine with their
 * neighbours. Anything else (wide CJK, emoji, combining marks, controls) makes the line "opaque": the writer then
 * redraws that line whole instead of cell by cell, which is always correct whatever the character's width.
 */
export function isSingleWidth(codePoint: number): boolean {
	return (
		(codePoint >= 0x20 && codePoint <= 0x7e) ||
		(codePoint >= 0xa0 && codePoint <= 0x2ff && codePoint !== 0xad) ||
		(codePoint >= 0x370 && codePoint <= 0x482) ||
		(codePoint >= 0x48a && codePoint <= 0x4ff) ||
		(codePoint >= 0x2010 && codePoint <= 0x2027) ||
		(codePoint >= 0x2030 && codePoint <= 0x205e) ||
		(codePoint >= 0x20a0 && codePoint <= 0x20bf) ||
		(codePoint >= 0x2190 && codePoint <= 0x21ff) ||
		(codePoint >= 0x2200 && codePoint <= 0x22ff) ||
		(codePoint >= 0x2500 && codePoint <= 0x25fc) ||
		codePoint === 0x25ff ||
		(codePoint >= 0x2713 && codePoint <= 0x2718) ||
		(codePoint >= 0x2800 && codePoint <= 0x28ff)
	);
}

const csiPattern = /^\u001B\[([0-?]*)([ -/]*)([@-~])/;

/**
 * Splits one line of an Ink frame into cells, or returns undefined when the line holds anything whose width or
 * effect this model cannot vouch for (see isSingleWidth, and escape sequences other than plain SGR).
 */
export function parseLine(line: string): ParsedLine | undefined {
	const cells: Cell[] = [];
	let style = defaultStyle;
	let index = 0;
	while (index < line.length) {
		const codePoint = line.codePointAt(index) ?? 0;
		if (codePoint === 0x1b) {
			const match = csiPattern.exec(line.slice(index, index + 64));
			if (match === null || match[3] !== 'm' || match[2] !== '') {
				return undefined;
			}

			const next = applySgr(style, match[1] ?? '');
			if (next === undefined) {
				return undefined;
			}

			style = next;
			index += match[0].length;
			continue;
		}

		if (!isSingleWidth(codePoint)) {
			return undefined;
		}

		const char = String.fromCodePoint(codePoint);
		cells.push(char === ' ' && isInvisibleOnBlank(style) ? blankCell : {char, style});
		index += char.length;
	}

	return {cells, endStyle: style};
}

export function sameCell(a: Cell, b: Cell): boolean {
	return a.char === b.char && a.style.key === b.style.key;
}

/** Number of cells up to and including the last one that is not a default blank. */
export function contentLength(cells: readonly Cell[]): number {
	let length = cells.length;
	while (length > 0) {
		const cell = cells[length - 1];
		if (cell === undefined || !sameCell(cell, blankCell)) {
			break;
		}

		length--;
	}

	return length;
}
