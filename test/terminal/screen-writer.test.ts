import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {ScreenWriter} from '../../source/ui/terminal/screen-writer.js';
import {fullscreenTerminal, referenceDrawing, screenLines, visibleCells, writeTo} from './xterm-screen.js';

const size = {columns: 40, rows: 6};
const cyan = (text: string) => `\u001B[36m${text}\u001B[39m`;

function writerWith(frame: string): ScreenWriter {
	const writer = new ScreenWriter();
	writer.render(frame, size);
	return writer;
}

describe('ScreenWriter', () => {
	it('clears the screen and draws every line of the first frame', async () => {
		const writer = new ScreenWriter();
		const bytes = writer.render(`title\n${cyan('⠋')} running\n\nfooter`, size);
		expect(bytes.startsWith('\u001B[m\u001B[H\u001B[2J')).toBe(true);
		const terminal = fullscreenTerminal(size.columns, size.rows);
		await writeTo(terminal, bytes);
		expect(screenLines(terminal)).toEqual(['title', '⠋ running', '', 'footer', '', '']);
	});

	it('writes nothing for an unchanged frame', () => {
		const frame = `title\n${cyan('⠋')} running`;
		const writer = writerWith(frame);
		expect(writer.render(frame, size)).toBe('');
	});

	it('writes only the changed cell of a changed line: the shortest cursor move and the character', () => {
		const writer = writerWith('title\ncount 7\nfooter');
		// The first frame left the cursor after "footer" (row 3, column 7): one row up is the whole move.
		expect(writer.render('title\ncount 8\nfooter', size)).toBe('\u001B[A8');
		expect(writer.render('title\ncount 9\nfooter', size)).toBe('\b9');
	});

	it('switches style only where the changed cells need it', () => {
		const writer = writerWith(`a\n${cyan('⠋')} one\n${cyan('⠋')} two`);
		// Both spinners change: position and colour once, then the second glyph, in the colour already set.
		expect(writer.render(`a\n${cyan('⠙')} one\n${cyan('⠙')} two`, size)).toBe('\u001B[2H\u001B[36m⠙\u001B[3H⠙');
		// The terminal is still cyan: the next tick needs no colour at all.
		expect(writer.render(`a\n${cyan('⠹')} one\n${cyan('⠹')} two`, size)).toBe('\u001B[2H⠹\u001B[3H⠹');
	});

	it('erases what is left of a line that got shorter, and a line that became empty', () => {
		const writer = writerWith('title\nlong line here\nsecond');
		// From after "second" (row 3, column 7) to row 2, column 5: up one, back two.
		expect(writer.render('title\nlong\n', size)).toBe('\u001B[A\b\b\u001B[K\u001B[3H\u001B[K');
	});

	it('redraws a line whole when it holds characters of uncertain width', () => {
		const writer = writerWith('title\nname 漢字 x');
		// After such a line the terminal's style is not known for sure either: reset it before erasing.
		expect(writer.render('title\nname 漢字 y', size)).toBe('\u001B[2H\u001B[m\u001B[Kname 漢字 y');
	});

	it('starts over with a cleared screen after a size change or invalidate()', () => {
		const writer = writerWith('title');
		expect(writer.render('title', {columns: 50, rows: 6}).startsWith('\u001B[m\u001B[H\u001B[2J')).toBe(true);
		writer.invalidate();
		expect(writer.render('title', {columns: 50, rows: 6})).toBe('\u001B[m\u001B[H\u001B[2Jtitle');
	});

	it('never draws below the last row', () => {
		const writer = new ScreenWriter();
		const bytes = writer.render('1\n2\n3\n4\n5\n6\n7\n8', size);
		expect(bytes).not.toContain('7');
		expect(bytes).not.toContain('8');
	});

	describe('matches a plain full redraw for any sequence of frames', () => {
		const columns = 24;
		const rows = 5;
		const styles = [
			['', ''],
			['\u001B[1m', '\u001B[22m'],
			['\u001B[2m', '\u001B[22m'],
			['\u001B[3m', '\u001B[23m'],
			['\u001B[4m', '\u001B[24m'],
			['\u001B[7m', '\u001B[27m'],
			['\u001B[9m', '\u001B[29m'],
			['\u001B[31m', '\u001B[39m'],
			['\u001B[96m', '\u001B[39m'],
			['\u001B[38;5;208m', '\u001B[39m'],
			['\u001B[38;2;10;20;30m', '\u001B[39m'],
			['\u001B[42m', '\u001B[49m'],
			['\u001B[48;5;17m', '\u001B[49m'],
			['\u001B[1;33;44m', '\u001B[0m'],
		] as const;
		const characters = ['a', 'b', 'Z', ' ', ' ', '─', '█', '⠋', '⠙', 'é', '…', '漢', '✓'];
		const segment = fc.record({
			style: fc.constantFrom(...styles),
			inner: fc.option(fc.constantFrom(...styles), {nil: undefined}),
			text: fc.array(fc.constantFrom(...characters), {minLength: 0, maxLength: 8}),
		});
		const line = fc.array(segment, {maxLength: 5}).map(segments => {
			let text = '';
			let width = 0;
			for (const {style, inner, text: chars} of segments) {
				let body = '';
				for (const char of chars) {
					const charWidth = char === '漢' ? 2 : 1;
					if (width + charWidth > columns) {
						break;
					}

					width += charWidth;
					body += char;
				}

				const [innerOpen, innerClose] = inner ?? ['', ''];
				text += `${style[0]}${innerOpen}${body}${innerClose}${style[1]}`;
			}

			return text;
		});
		const frame = fc.array(line, {maxLength: rows + 1}).map(lines => lines.join('\n'));

		it('cell by cell: characters, colours and attributes', async () => {
			await fc.assert(
				fc.asyncProperty(fc.array(frame, {minLength: 1, maxLength: 6}), async frames => {
					const writer = new ScreenWriter();
					const diffed = fullscreenTerminal(columns, rows);
					const reference = fullscreenTerminal(columns, rows);
					try {
						for (const next of frames) {
							await writeTo(diffed, writer.render(next, {columns, rows}));
							await writeTo(reference, referenceDrawing(next, rows));
							expect(visibleCells(diffed)).toEqual(visibleCells(reference));
						}
					} finally {
						diffed.dispose();
						reference.dispose();
					}
				}),
				{numRuns: 150},
			);
		});
	});
});
