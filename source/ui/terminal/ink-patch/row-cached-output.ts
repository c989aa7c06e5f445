import {isSingleWidth} from '../ansi-line.js';

/**
 * Ink's frame assembly (its `Output` class, ink/build/output.js), made cheap for a screen that changes a few
 * rows a second. scripts/bundle.mjs puts `rowCachedOutput(InkOutput)` in the place of Ink's own class.
 *
 * The Ink patch: none of what it relies on is Ink's public API. The Ink internals it uses, each with its guard
 * (scripts/ink-patch.mjs, run by every build; the build fails when one no longer holds):
 * - ink/build/renderer.js imports `./output.js` and makes a new Output for every frame: the bundle swaps that import
 *   (guard: replaceInkOutput().applied(), checked after the build);
 * - ink/build/output.js's default export, a class built with {width, height} whose write(x, y, text, {transformers}),
 *   clip(clip) and unclip() are what Ink's renderer calls and whose get() gives {output, height}: subclassed here, and
 *   used whole for the rows and frames this class leaves to Ink (guard: checkInkInternals makes one and calls each);
 * - its private `operations` field, the list of {type: 'write', x, y, text, transformers}, {type: 'clip', clip} and
 *   {type: 'unclip'} that get() reads (guard: checkInkInternals compares what the calls above recorded);
 * - all of it as in Ink 6.8.0 (guard: INK_CHECKED, Ink's exact version; package.json allows ~6.8.0).
 * test/terminal/row-cached-output.test.ts compares this class with Ink's own on generated frames: run it before
 * adding an Ink version to INK_CHECKED. readme.md ("The Ink patch") says when the patch can go.
 *
 * Ink's `get()` builds a cell object for every column of every row, splits each text it was given into styled
 * characters (grapheme segmentation and SGR tokenising), places them, and turns every row back into a string: about
 * 9 ms a frame for 120×40 on this project's 2-core machine, for every frame, however little changed. Measured in the
 * monitor with 20 running aggregations, that was half of its CPU.
 *
 * This class takes the same operations and gives the same rows:
 * - a row given exactly the same texts at the same columns as in the previous frame is that frame's string again;
 * - a row whose texts are plain (single-width characters, see isSingleWidth, and SGR sequences) and do not overlap
 *   is joined from them directly: the gaps as spaces, each styled text closed with a reset;
 * - any other row (wide or combining characters, other escapes, texts drawn over each other, text off the row's
 *   ends) is made by Ink's own class, given only that row's texts;
 * - a frame with a horizontal clip, or a transformed line holding a newline, is made by Ink's class whole.
 *
 * The strings differ from Ink's only in how their SGR sequences are spelled: the cells, characters and styles, are
 * the same (test/terminal/row-cached-output.test.ts compares the two on generated frames).
 */

/** Ink's OutputTransformer: applied to each line of a text, with the line's index. */
export type InkTransformer = (line: string, index: number) => string;

interface InkClip {
	x1: number | undefined;
	x2: number | undefined;
	y1: number | undefined;
	y2: number | undefined;
}

type InkOperation =
	{type: 'write'; x: number; y: number; text: string; transformers: InkTransformer[]} | {type: 'clip'; clip: InkClip} | {type: 'unclip'};

/** The part of Ink's Output class that this class uses and keeps. */
export interface InkOutput {
	width: number;
	height: number;
	write(x: number, y: number, text: string, options: {transformers: InkTransformer[]}): void;
	clip(clip: InkClip): void;
	unclip(): void;
	get(): {output: string; height: number};
}

export type InkOutputClass = new (options: {width: number; height: number}) => InkOutput;

interface Piece {
	x: number;
	text: string;
}

const escapeCode = 0x1b;
const reset = '\u001B[0m';
/**
 * An SGR sequence that Ink's tokenizer and a terminal read alike: every parameter present and without leading zeros.
 * (`ESC[m`, `ESC[00m` or `ESC[;1m` reset a terminal but not Ink's model of the styles: a row holding one is Ink's.)
 */
const sgrSequence = /\u001B\[(?:0|[1-9]\d*)(?:;(?:0|[1-9]\d*))*m/y;

/** Columns of `text` when it holds only single-width characters and plain SGR sequences; undefined otherwise. */
export function plainWidth(text: string): number | undefined {
	let width = 0;
	let index = 0;
	while (index < text.length) {
		const code = text.charCodeAt(index);
		if (code === escapeCode) {
			sgrSequence.lastIndex = index;
			const match = sgrSequence.exec(text);
			if (match === null) {
				return undefined;
			}

			index += match[0].length;
			continue;
		}

		// Every single-width code point is in the Basic Multilingual Plane: a surrogate is never one.
		if (!isSingleWidth(code)) {
			return undefined;
		}

		width++;
		index++;
	}

	return width;
}

/** The row joined from its texts, or undefined when they are not plain, overlap or leave the row. */
function joinPlainRow(pieces: readonly Piece[], width: number): string | undefined {
	const ordered = pieces.length > 1 ? [...pieces].sort((a, b) => a.x - b.x) : pieces;
	let line = '';
	let column = 0;
	for (const {x, text} of ordered) {
		const textWidth = plainWidth(text);
		if (textWidth === undefined || !Number.isInteger(x)) {
			return undefined;
		}

		if (textWidth === 0) {
			continue; // nothing to draw (Ink places no character either)
		}

		if (x < column || x + textWidth > width) {
			return undefined;
		}

		line += ' '.repeat(x - column) + text;
		// Ink styles each text on its own: a style left open in one must not run into the gap or the next text.
		if (text.includes('\u001B')) {
			line += reset;
		}

		column = x + textWidth;
	}

	// Ink trims each row's string the same way.
	return line.trimEnd();
}

/**
 * Ink's Output class with its `get()` made from rows (see above). Rows are remembered from one frame to the next
 * across instances (Ink makes a new Output for every frame).
 */
export function rowCachedOutput(InkOutputBase: InkOutputClass): InkOutputClass {
	let previousFrame = new Map<string, string>();

	return class RowCachedOutput extends InkOutputBase {
		override get(): {output: string; height: number} {
			const {width, height} = this;
			const operations = (this as unknown as {operations: readonly InkOperation[]}).operations;
			const rows: Piece[][] = [];
			for (let y = 0; y < height; y++) {
				rows.push([]);
			}

			// Before any transformer runs (Ink's class runs them again): a horizontal clip is Ink's to make.
			if (
				operations.some(
					operation => operation.type === 'clip' && typeof operation.clip.x1 === 'number' && typeof operation.clip.x2 === 'number',
				)
			) {
				return super.get();
			}

			const clips: InkClip[] = [];
			for (const operation of operations) {
				if (operation.type === 'clip') {
					clips.push(operation.clip);
					continue;
				}

				if (operation.type === 'unclip') {
					clips.pop();
					continue;
				}

				// The same steps as Ink's get(), for a vertical clip only.
				let {y} = operation;
				let lines = operation.text.split('\n');
				const clip = clips.at(-1);
				if (clip !== undefined && typeof clip.y1 === 'number' && typeof clip.y2 === 'number') {
					const lineCount = lines.length;
					if (y + lineCount < clip.y1 || y > clip.y2) {
						continue;
					}

					const from = y < clip.y1 ? clip.y1 - y : 0;
					const to = y + lineCount > clip.y2 ? clip.y2 - y : lineCount;
					lines = lines.slice(from, to);
					if (y < clip.y1) {
						y = clip.y1;
					}
				}

				let offsetY = 0;
				for (const [index, text] of lines.entries()) {
					const row = rows[y + offsetY];
					if (row === undefined) {
						continue; // as in Ink: a line off the screen is dropped, and the next one tries the same row
					}

					let line = text;
					for (const transformer of operation.transformers) {
						line = transformer(line, index);
					}

					if (line.includes('\n')) {
						return super.get();
					}

					row.push({x: operation.x, text: line});
					offsetY++;
				}
			}

			const frame = new Map<string, string>();
			const lines: string[] = [];
			for (const pieces of rows) {
				let key = `${width}`;
				for (const {x, text} of pieces) {
					// With the text's length, no two lists of pieces make the same key, whatever the texts hold.
					key += `\u0000${x}\u0000${text.length}\u0000${text}`;
				}

				let line = frame.get(key) ?? previousFrame.get(key);
				if (line === undefined) {
					line = joinPlainRow(pieces, width) ?? this.#inkRow(pieces, width);
				}

				frame.set(key, line);
				lines.push(line);
			}

			previousFrame = frame;
			return {output: lines.join('\n'), height};
		}

		/** One row made by Ink's own class. */
		#inkRow(pieces: readonly Piece[], width: number): string {
			const output = new InkOutputBase({width, height: 1});
			for (const {x, text} of pieces) {
				output.write(x, 0, text, {transformers: []});
			}

			return output.get().output;
		}
	};
}
