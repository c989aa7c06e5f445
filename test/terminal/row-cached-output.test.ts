import {createRequire} from 'node:module';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {
	plainWidth,
	rowCachedOutput,
	type InkOutputClass,
	type InkTransformer,
} from '../../source/ui/terminal/ink-patch/row-cached-output.js';
import {fullscreenTerminal, referenceDrawing, visibleCells, writeTo} from './xterm-screen.js';

// Ink's own frame assembly, the class the bundle wraps (ink's package exports only its index, hence the path).
const inkBuild = path.dirname(createRequire(import.meta.url).resolve('ink'));
const {default: InkOutput} = (await import(pathToFileURL(path.join(inkBuild, 'output.js')).href)) as {default: InkOutputClass};

type Operation =
	| {type: 'write'; x: number; y: number; text: string; transform: 'none' | 'first-line' | 'upper'}
	| {type: 'clip'; y1: number; y2: number; x?: [number, number]}
	| {type: 'unclip'};

const transforms: Record<'first-line' | 'upper', InkTransformer> = {
	// What StyledLine does: a blank laid out by Ink, the styled line drawn in its place.
	'first-line': (line, index) => (index === 0 ? `\u001B[7m${line.replaceAll(' ', '=')}\u001B[27m` : ''),
	upper: line => line.replaceAll('a', 'A'),
};

function frameFrom(Output: InkOutputClass, width: number, height: number, operations: readonly Operation[]): string {
	const output = new Output({width, height});
	for (const operation of operations) {
		if (operation.type === 'write') {
			output.write(operation.x, operation.y, operation.text, {
				transformers: operation.transform === 'none' ? [] : [transforms[operation.transform]],
			});
		} else if (operation.type === 'clip') {
			output.clip({x1: operation.x?.[0], x2: operation.x?.[1], y1: operation.y1, y2: operation.y2});
		} else {
			output.unclip();
		}
	}

	return output.get().output;
}

/** What each cell of a terminal shows after the frame is drawn on it. */
async function drawn(frame: string, columns: number, rows: number): Promise<string[]> {
	const terminal = fullscreenTerminal(columns, rows);
	await writeTo(terminal, referenceDrawing(frame, rows));
	return visibleCells(terminal);
}

const styled = (open: string, close: string) => (text: string) => `\u001B[${open}m${text}\u001B[${close}m`;
const word = fc.constantFrom('a', 'status', '  ', ' ', '…', '⠋', '█░', '·', 'é', 'Ω', '中文', 'e\u0301', '😀', '\t', '', '5\u0000\u00015');
const style = fc.constantFrom(
	(text: string) => text,
	styled('31', '39'),
	styled('1', '22'),
	styled('7', '27'),
	styled('38;5;208', '39'),
	styled('2;36', '22;39'),
	(text: string) => `\u001B[4m${text}`, // left open
	(text: string) => `${text}\u001B[0m`,
	// Resets a terminal reads and Ink's model does not.
	(text: string) => `\u001B[31m\u001B[m${text}`,
	(text: string) => `\u001B[1m\u001B[00m${text}`,
);
const text = fc
	.array(
		fc
			.array(
				fc.tuple(style, word).map(([paint, part]) => paint(part)),
				{maxLength: 4},
			)
			.map(parts => parts.join('')),
		{minLength: 1, maxLength: 3},
	)
	.map(lines => lines.join('\n'));

function operations(width: number, height: number) {
	const write = fc.record({
		type: fc.constant('write' as const),
		x: fc.integer({min: -2, max: width + 2}),
		y: fc.integer({min: -1, max: height}),
		text,
		transform: fc.constantFrom('none' as const, 'none' as const, 'first-line' as const, 'upper' as const),
	});
	const clip = fc.record(
		{
			type: fc.constant('clip' as const),
			y1: fc.integer({min: 0, max: height}),
			y2: fc.integer({min: 0, max: height}),
			x: fc.tuple(fc.integer({min: 0, max: width}), fc.integer({min: 0, max: width})),
		},
		{requiredKeys: ['type', 'y1', 'y2']},
	);
	return fc.array(fc.oneof({arbitrary: write, weight: 6}, {arbitrary: clip, weight: 1}, fc.constant({type: 'unclip' as const})), {
		maxLength: 12,
	});
}

describe('rowCachedOutput (the frame assembly the bundle gives Ink)', () => {
	it('draws exactly the cells Ink’s own assembly draws, frame after frame', async () => {
		const scenario = fc.record({width: fc.integer({min: 1, max: 24}), height: fc.integer({min: 1, max: 6})}).chain(({width, height}) =>
			fc.record({
				width: fc.constant(width),
				height: fc.constant(height),
				// Several frames through the same class: rows carried over from the previous frame must be right too.
				frames: fc.array(operations(width, height), {minLength: 1, maxLength: 3}),
			}),
		);
		await fc.assert(
			fc.asyncProperty(scenario, async ({width, height, frames}) => {
				const Output = rowCachedOutput(InkOutput);
				for (const frame of [...frames, frames[0]!]) {
					const ours = frameFrom(Output, width, height, frame);
					const ink = frameFrom(InkOutput, width, height, frame);
					expect(ours.split('\n')).toHaveLength(ink.split('\n').length);
					expect(await drawn(ours, width + 4, height)).toEqual(await drawn(ink, width + 4, height));
				}
			}),
			{numRuns: 150},
		);
	});

	it('gives back the previous frame’s row when a row got the same texts, and rebuilds only the rows that changed', () => {
		const Output = rowCachedOutput(InkOutput);
		const row = (label: string, count: number) => `\u001B[36m⠋\u001B[39m ${label} ${count}`;
		const frame = (count: number) => [
			{type: 'write' as const, x: 0, y: 0, text: 'title', transform: 'none' as const},
			{type: 'write' as const, x: 2, y: 1, text: row('one', count), transform: 'none' as const},
			{type: 'write' as const, x: 2, y: 2, text: row('two', 7), transform: 'none' as const},
		];
		const first = frameFrom(Output, 20, 3, frame(1)).split('\n');
		const second = frameFrom(Output, 20, 3, frame(2)).split('\n');
		expect(second[0]).toBe(first[0]);
		expect(second[2]).toBe(first[2]);
		expect(second[1]).not.toBe(first[1]);
		expect(second[1]).toContain('one 2');
	});

	it('measures plain texts by their single-width characters and leaves anything else to Ink', () => {
		expect(plainWidth('\u001B[1;36m⠋ running\u001B[22;39m …')).toBe(11);
		expect(plainWidth('')).toBe(0);
		expect(plainWidth('中')).toBeUndefined();
		expect(plainWidth('e\u0301')).toBeUndefined();
		expect(plainWidth('😀')).toBeUndefined();
		expect(plainWidth('\u001B]8;;https://example.com\u0007link\u001B]8;;\u0007')).toBeUndefined();
		expect(plainWidth('\u001B[?25l')).toBeUndefined();
	});
});
