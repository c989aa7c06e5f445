import xterm from '@xterm/headless';
import {enterSequence} from '../../source/ui/terminal/alternate-screen.js';

const {Terminal} = xterm;
type XtermTerminal = InstanceType<typeof Terminal>;

/** A headless xterm already switched the way runFullscreen switches the real one (alternate screen, no autowrap). */
export function fullscreenTerminal(columns: number, rows: number): XtermTerminal {
	const terminal = new Terminal({cols: columns, rows, allowProposedApi: true});
	terminal.write(enterSequence);
	return terminal;
}

export async function writeTo(terminal: XtermTerminal, data: string): Promise<void> {
	await new Promise<void>(resolve => {
		terminal.write(data, resolve);
	});
}

/**
 * What a person sees in each cell: the character and, for visible text, every attribute; for a blank cell only
 * what shows on a blank (background, inverse, underline, strikethrough, overline).
 */
export function visibleCells(terminal: XtermTerminal): string[] {
	const buffer = terminal.buffer.active;
	const rows: string[] = [];
	for (let row = 0; row < terminal.rows; row++) {
		const line = buffer.getLine(buffer.viewportY + row);
		const cells: string[] = [];
		for (let column = 0; column < terminal.cols; column++) {
			const cell = line?.getCell(column);
			if (cell === undefined) {
				cells.push('?');
				continue;
			}

			const char = cell.getChars() === '' ? ' ' : cell.getChars();
			const background = `${cell.getBgColorMode()}:${cell.getBgColor()}`;
			const onBlank = `${background}/${cell.isInverse()}${cell.isUnderline()}${cell.isStrikethrough()}${cell.isOverline()}`;
			if (char === ' ' && cell.getWidth() === 1) {
				cells.push(`' '${onBlank}`);
			} else {
				const foreground = `${cell.getFgColorMode()}:${cell.getFgColor()}`;
				const flags = `${cell.isBold()}${cell.isDim()}${cell.isItalic()}${cell.isInvisible()}`;
				cells.push(`${JSON.stringify(char)}w${cell.getWidth()} ${foreground} ${flags} ${onBlank}`);
			}
		}

		rows.push(cells.join('|'));
	}

	return rows;
}

/** The visible text of each row, trailing spaces trimmed. */
export function screenLines(terminal: XtermTerminal): string[] {
	const buffer = terminal.buffer.active;
	const lines: string[] = [];
	for (let row = 0; row < terminal.rows; row++) {
		lines.push(buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '');
	}

	return lines;
}

/** Draw a frame the plain way: clear, then each line at its row. The reference the diffing writer must match. */
export function referenceDrawing(frame: string, rows: number): string {
	let output = '\u001B[m\u001B[H\u001B[2J';
	for (const [index, line] of frame.split('\n').slice(0, rows).entries()) {
		output += `\u001B[${index + 1};1H${line}\u001B[m`;
	}

	return output;
}
