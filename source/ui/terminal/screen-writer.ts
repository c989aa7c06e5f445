import {blankCell, contentLength, parseLine, sameCell, type Cell, type ParsedLine} from './ansi-line.js';
import {defaultStyle, resetSgr, sgrFromUnknown, sgrTransition, type SgrStyle} from './sgr.js';

export interface ScreenSize {
	readonly columns: number;
	readonly rows: number;
}

interface Position {
	/** 1-based, like the terminal's own coordinates. */
	row: number;
	column: number;
}

const emptyLine: ParsedLine = {cells: [], endStyle: defaultStyle};
const eraseToEndOfLine = '\u001B[K';
const clearScreen = `${resetSgr}\u001B[H\u001B[2J`;
/** Beyond this gap, moving the cursor is never cheaper than rewriting the cells in between. */
const maxWriteThrough = 8;

/**
 * Turns a sequence of whole frames (Ink's output: lines joined by `\n`) into the bytes that change the terminal
 * from the previous frame to the next one, on a full-screen (alternate) buffer with autowrap off.
 *
 * It keeps a model of what is on screen (cells, cursor position and current SGR style) and, for each line that
 * changed, writes only the cells that differ, moving the cursor by the shortest sequence and switching styles only
 * when needed. Lines holding characters whose width it cannot vouch for are redrawn whole (absolute position,
 * erase, text). The first frame, a size change and invalidate() clear the screen and draw everything.
 *
 * Pure: no I/O, no timers. The model assumes nothing else writes to the terminal between two frames.
 */
export class ScreenWriter {
	#lines: string[] = [];
	#parsed: Array<ParsedLine | undefined> = [];
	#cursor: Position | undefined;
	#style: SgrStyle | undefined;
	#size: ScreenSize | undefined;
	#invalid = true;

	/** Forget what is on screen: the next render() clears it and draws the whole frame. */
	invalidate(): void {
		this.#invalid = true;
	}

	/** The bytes to write so that the screen shows `frame`; empty when the screen already does. */
	render(frame: string, size: ScreenSize): string {
		const rows = Math.max(0, Math.floor(size.rows));
		const columns = Math.max(1, Math.floor(size.columns));
		let output = '';
		if (this.#invalid || this.#size?.rows !== rows || this.#size.columns !== columns) {
			output += clearScreen;
			this.#invalid = false;
			this.#size = {columns, rows};
			this.#lines = [];
			this.#parsed = [];
			this.#cursor = {row: 1, column: 1};
			this.#style = defaultStyle;
		}

		const nextLines = frame.split('\n');
		for (let index = 0; index < rows; index++) {
			const next = nextLines[index] ?? '';
			const previous = this.#lines[index] ?? '';
			if (next === previous) {
				continue;
			}

			const previousParsed = previous === '' ? emptyLine : this.#parsed[index];
			const nextParsed = next === '' ? emptyLine : parseLine(next);
			output += this.#updateLine(index + 1, previousParsed, next, nextParsed, columns);
			this.#lines[index] = next;
			this.#parsed[index] = nextParsed;
		}

		return output;
	}

	#updateLine(row: number, previous: ParsedLine | undefined, nextText: string, next: ParsedLine | undefined, columns: number): string {
		if (previous === undefined || next === undefined) {
			return this.#redrawLine(row, nextText, next, columns);
		}

		const want = next.cells;
		const have = previous.cells;
		const end = Math.min(contentLength(want), columns);
		let output = '';
		for (let index = 0; index < end; index++) {
			const cell = want[index] ?? blankCell;
			if (sameCell(cell, have[index] ?? blankCell)) {
				continue;
			}

			output += this.#moveTo(row, index + 1, want);
			output += this.#writeCell(row, index + 1, cell, columns);
		}

		if (Math.min(contentLength(have), columns) > end) {
			output += this.#moveTo(row, end + 1, want);
			output += this.#setStyle(defaultStyle) + eraseToEndOfLine;
		}

		return output;
	}

	/** Absolute position, erase the row, write the text verbatim. Correct whatever the characters' widths. */
	#redrawLine(row: number, text: string, parsed: ParsedLine | undefined, columns: number): string {
		const output = this.#moveTo(row, 1, []) + this.#setStyle(defaultStyle) + eraseToEndOfLine + text;
		if (parsed === undefined) {
			this.#style = undefined;
			this.#cursor = undefined;
		} else {
			this.#style = parsed.endStyle;
			const width = parsed.cells.length;
			this.#cursor = width < columns ? {row, column: width + 1} : undefined;
		}

		return output;
	}

	#writeCell(row: number, column: number, cell: Cell, columns: number): string {
		const output = this.#setStyle(cell.style) + cell.char;
		// Writing the last column leaves the cursor in a terminal-specific "pending wrap" state: stop guessing.
		this.#cursor = column < columns ? {row, column: column + 1} : undefined;
		return output;
	}

	#setStyle(style: SgrStyle): string {
		const output = this.#style === undefined ? sgrFromUnknown(style) : sgrTransition(this.#style, style);
		this.#style = style;
		return output;
	}

	/** The shortest way to put the cursor at (row, column), given the cells of the line being drawn. */
	#moveTo(row: number, column: number, lineCells: readonly Cell[]): string {
		const cursor = this.#cursor;
		const absolute = column === 1 ? (row === 1 ? '\u001B[H' : `\u001B[${row}H`) : `\u001B[${row};${column}H`;
		if (cursor === undefined) {
			this.#cursor = {row, column};
			return absolute;
		}

		if (cursor.row === row && cursor.column === column) {
			return '';
		}

		let best = absolute;
		const relative = verticalMove(row - cursor.row) + horizontalMove(cursor.column, column);
		if (relative.length < best.length) {
			best = relative;
		}

		const gap = column - cursor.column;
		if (cursor.row === row && gap > 0 && gap <= maxWriteThrough) {
			// The cells in between already show the new frame's content; rewriting them can be cheaper than a move.
			let style = this.#style;
			let through = '';
			for (let index = cursor.column; index < column; index++) {
				const cell = lineCells[index - 1] ?? blankCell;
				through += (style === undefined ? sgrFromUnknown(cell.style) : sgrTransition(style, cell.style)) + cell.char;
				style = cell.style;
			}

			if (through.length < best.length) {
				this.#style = style;
				this.#cursor = {row, column};
				return through;
			}
		}

		this.#cursor = {row, column};
		return best;
	}
}

function verticalMove(delta: number): string {
	if (delta === 0) {
		return '';
	}

	const distance = Math.abs(delta);
	const final = delta > 0 ? 'B' : 'A';
	return distance === 1 ? `\u001B[${final}` : `\u001B[${distance}${final}`;
}

function horizontalMove(from: number, to: number): string {
	const delta = to - from;
	if (delta === 0) {
		return '';
	}

	if (to === 1) {
		return '\r';
	}

	if (delta < 0 && delta >= -3) {
		return '\b'.repeat(-delta);
	}

	const distance = Math.abs(delta);
	const final = delta > 0 ? 'C' : 'D';
	return distance === 1 ? `\u001B[${final}` : `\u001B[${distance}${final}`;
}
