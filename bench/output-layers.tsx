/**
 * Figure: the output layer, decided by measurement. The same frames of the 1,000-row monitor go through
 *   A. what aggwatch uses: Ink in debug mode through LineDiffOutput (only the changed cells are written), and
 *   B. Ink 6.8's own incrementalRendering (only the changed lines are rewritten) with maxFps 30,
 * each into a headless xterm set up as runFullscreen sets up the terminal (alternate screen, no autowrap), with a
 * resize to 100 columns and back on the way. It reports the bytes and CPU per frame of each, and whether each
 * screen shows, cell for cell, what a plain full redraw of Ink's last frame shows.
 */
import {EventEmitter} from 'node:events';
import React from 'react';
import chalk from 'chalk';
import {render, type Instance} from 'ink';
import {reduce} from '../source/core/reducer.js';
import type {MonitorState} from '../source/core/types.js';
import {LineDiffOutput, MonitorView, TerminalSizeProvider, type TerminalWriteStream, ThemeProvider} from '../source/ui/index.js';
import {NOOP_COMMANDS} from './noop-commands.js';
import {sampleMonitorState} from './sample-state.js';
import {fullscreenTerminal, referenceDrawing, visibleCells, writeTo} from '../test/terminal/xterm-screen.js';
import type {BenchConfig} from './config.js';
import {IdleStdin} from '../test/helpers/idle-stdin.js';
import {fixed, type Figure} from './figure.js';
import {summarize} from './stats.js';

type Xterm = ReturnType<typeof fullscreenTerminal>;

/** A resizable terminal that counts the bytes it gets and draws them in a headless xterm. */
class XtermStdout extends EventEmitter implements TerminalWriteStream {
	readonly isTTY = true;
	bytes = 0;
	readonly terminal: Xterm;

	constructor(
		public columns: number,
		public rows: number,
	) {
		super();
		this.terminal = fullscreenTerminal(columns, rows);
	}

	write(chunk: string): boolean {
		this.bytes += Buffer.byteLength(chunk, 'utf8');
		this.terminal.write(chunk);
		return true;
	}

	resize(columns: number, rows: number): void {
		this.columns = columns;
		this.rows = rows;
		this.terminal.resize(columns, rows);
		this.emit('resize');
	}
}

interface LayerRun {
	bytesPerFrame: number;
	cpuPerFrameMs: number;
	/** Screen rows that differ from a plain redraw of the last frame, after the run. */
	wrongRows: number;
}

async function sleep(ms: number): Promise<void> {
	await new Promise(resolve => setTimeout(resolve, ms));
}

async function runLayer(layer: 'line-diff' | 'ink-incremental', config: BenchConfig, frames: number): Promise<LayerRun> {
	let now = Date.UTC(2025, 5, 2, 9, 30);
	let state: MonitorState = sampleMonitorState({count: 1000, now});
	const terminal = new XtermStdout(config.columns, config.rows);
	const output = layer === 'line-diff' ? new LineDiffOutput({stdout: terminal, minIntervalMs: 0}) : undefined;
	const stdout = output ?? terminal;
	const treeOn = (source: TerminalWriteStream) => (
		<TerminalSizeProvider source={source}>
			<ThemeProvider color>
				<MonitorView state={state} now={now} commands={NOOP_COMMANDS} tenantLabel="acme" isActive={false} onQuit={() => {}} />
			</ThemeProvider>
		</TerminalSizeProvider>
	);
	const tree = () => treeOn(stdout);
	const instance: Instance = render(tree(), {
		stdout: stdout as unknown as NodeJS.WriteStream,
		stdin: new IdleStdin() as unknown as NodeJS.ReadStream,
		debug: layer === 'line-diff',
		incrementalRendering: layer === 'ink-incremental',
		maxFps: 30,
		patchConsole: false,
		exitOnCtrlC: false,
		isScreenReaderEnabled: false,
	});
	const collecting = state.rows.filter(row => row.snapshot?.status === 'ACCOUNTS_COLLECTED').map(row => row.key);
	const cpu: number[] = [];
	let bytesBefore = 0;
	try {
		instance.rerender(tree());
		const warmup = 30;
		for (let index = 0; index < warmup + frames; index++) {
			if (index === warmup) {
				bytesBefore = terminal.bytes;
			}

			if (index === warmup + Math.floor(frames / 3)) {
				terminal.resize(100, config.rows);
				await sleep(40);
			}

			if (index === warmup + Math.floor((2 * frames) / 3)) {
				terminal.resize(config.columns, config.rows);
				await sleep(40);
			}

			now += 1000;
			const key = collecting[(index * 7) % collecting.length];
			const row = state.rows.find(candidate => candidate.key === key);
			if (row?.snapshot !== undefined) {
				state = reduce(state, {
					type: 'polled',
					key: row.key,
					status: {...row.snapshot, processedAccounts: (row.snapshot.processedAccounts ?? 0) + 37},
					now,
				});
			}

			const before = process.cpuUsage();
			instance.rerender(tree());
			const used = process.cpuUsage(before);
			if (index >= warmup) {
				cpu.push((used.user + used.system) / 1000);
			}

			// One frame a second in the monitor; here every frame is let through Ink's 30 fps throttle.
			await sleep(40);
		}

		const bytes = terminal.bytes - bytesBefore;
		// Ink's last frame, drawn the plain way on a fresh terminal of the same size.
		const reference = fullscreenTerminal(terminal.columns, terminal.rows);
		await writeTo(reference, referenceDrawing(inkFrame(treeOn, terminal.columns, terminal.rows), terminal.rows));
		await writeTo(terminal.terminal, '');
		const want = visibleCells(reference);
		const got = visibleCells(terminal.terminal);
		const wrongRows = want.filter((line, index) => line !== got[index]).length;
		return {bytesPerFrame: bytes / frames, cpuPerFrameMs: summarize(cpu).median, wrongRows};
	} finally {
		instance.unmount();
		output?.close();
	}
}

/** The frame Ink makes of `element` at this size (in debug mode Ink writes each frame whole). */
function inkFrame(element: (source: TerminalWriteStream) => React.ReactElement, columns: number, rows: number): string {
	const capture = new XtermStdout(columns, rows);
	let frame = '';
	capture.write = (chunk: string) => {
		// Ink also writes cursor show/hide and, on unmount, an empty frame: keep the last real one.
		if (chunk.trim() !== '' && !/^(?:\u001B\[\?25[hl])+$/.test(chunk)) {
			frame = chunk;
		}

		return true;
	};

	const instance = render(element(capture), {
		stdout: capture as unknown as NodeJS.WriteStream,
		stdin: new IdleStdin() as unknown as NodeJS.ReadStream,
		debug: true,
		patchConsole: false,
		exitOnCtrlC: false,
		isScreenReaderEnabled: false,
	});
	instance.unmount();
	return frame;
}

export async function measureOutputLayers(config: BenchConfig, log: (line: string) => void): Promise<Figure> {
	const chalkLevel = chalk.level;
	chalk.level = 3;
	try {
		const frames = Math.max(30, Math.round(config.renderFrames / 2));
		const lineDiff = await runLayer('line-diff', config, frames);
		const incremental = await runLayer('ink-incremental', config, frames);
		log(`  output layers: ${frames} frames each`);
		const ratio = lineDiff.bytesPerFrame / incremental.bytesPerFrame;
		const ok = lineDiff.wrongRows === 0 && (ratio <= 1 || incremental.wrongRows > 0);
		return {
			key: 'output_layer',
			name: 'Output layer: changed cells vs Ink incremental',
			value: ratio,
			unit: 'bytes ratio',
			display: `${fixed(lineDiff.bytesPerFrame, 0)} vs ${fixed(incremental.bytesPerFrame, 0)} B/frame (${fixed(ratio, 2)})`,
			budget: 'the smaller that draws right',
			ok,
			notes: [
				`changed cells (Ink debug + LineDiffOutput): ${fixed(lineDiff.bytesPerFrame, 0)} B and ${fixed(lineDiff.cpuPerFrameMs)} ms CPU per frame, ${lineDiff.wrongRows} wrong screen rows; Ink incrementalRendering (maxFps 30): ${fixed(incremental.bytesPerFrame, 0)} B and ${fixed(incremental.cpuPerFrameMs)} ms CPU per frame, ${incremental.wrongRows} wrong screen rows (after a resize to 100 columns and back, in a headless xterm)`,
			],
			details: {lineDiff, incremental, frames},
		};
	} finally {
		chalk.level = chalkLevel;
	}
}
