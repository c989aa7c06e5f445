/**
 * Figure: time to produce one frame of the monitor with 1,000 tracked rows, in-process: MonitorView at 120×40 in
 * Ink (debug mode, as runFullscreen runs it) through the LineDiffOutput layer (without its frame coalescing) into
 * a fake terminal. Each timed frame is one synchronous Ink commit: React, Yoga layout, Ink's output, the cell diff.
 * Frames cycle through what the running monitor does: the one-second clock tick, a poll answer for a row in view,
 * a poll answer for a row out of view. The spinner's own frames are timed too (from its timer to the drawn frame).
 * Run it with NODE_ENV=production (render-worker.tsx does): the CLI bundle uses React's production build.
 * Ink runs here from node_modules, so with its own frame assembly: the bundle's (rowCachedOutput, see
 * scripts/bundle.mjs) does less, so these times are an upper bound; the CPU figures run the bundle itself.
 */
import React from 'react';
import chalk from 'chalk';
import {render} from 'ink';
import {reduce} from '../source/core/reducer.js';
import type {MonitorState, TrackedRow} from '../source/core/types.js';
import {LineDiffOutput, MonitorView, TerminalSizeProvider, ThemeProvider} from '../source/ui/index.js';
import {NOOP_COMMANDS} from './noop-commands.js';
import {sampleMonitorState} from './sample-state.js';
import type {BenchConfig} from './config.js';
import {IdleStdin} from '../test/helpers/idle-stdin.js';
import {FakeStdout} from './fake-terminal.js';
import {inkFloorCpuMs} from './ink-floor.js';
import {fixed, type Figure} from './figure.js';
import {summarize} from './stats.js';

const budgetMs = 16;
const rowCount = 1000;
/** Untimed frames first: Ink's output code is slow (100+ ms a frame) until the JIT has optimised it. */
const warmupFrames = 50;

type FrameKind = 'tick' | 'poll in view' | 'poll out of view';
const kinds: FrameKind[] = ['tick', 'poll in view', 'poll out of view'];

function collecting(state: MonitorState): TrackedRow[] {
	return state.rows.filter(row => row.phase === 'running' && row.snapshot?.status === 'ACCOUNTS_COLLECTED');
}

/** A new answer for `row`: a few more accounts processed. */
function answer(state: MonitorState, row: TrackedRow, now: number): MonitorState {
	const snapshot = row.snapshot ?? {};
	const total = snapshot.totalAccounts ?? 100_000;
	const processed = Math.min(total, (snapshot.processedAccounts ?? 0) + 37);
	return reduce(state, {type: 'polled', key: row.key, status: {...snapshot, processedAccounts: processed}, now});
}

async function nextTurn(): Promise<void> {
	await new Promise(resolve => setImmediate(resolve));
}

export async function measureRenderTime(config: BenchConfig, log: (line: string) => void): Promise<Figure> {
	let now = Date.UTC(2025, 5, 2, 9, 30);
	let state = sampleMonitorState({count: rowCount, now});
	const stdout = new FakeStdout(config.columns, config.rows);
	const output = new LineDiffOutput({stdout, minIntervalMs: 0});
	const inkOutputMs: number[] = [];
	const spinnerMs: number[] = [];
	const byKind = new Map<FrameKind, number[]>(kinds.map(kind => [kind, []]));
	const bytesByKind = new Map<FrameKind, number>(kinds.map(kind => [kind, 0]));
	/** CPU time (this process, all threads) per rerender: less sensitive to other load than wall time. */
	const cpuMs: number[] = [];

	// Colours as on a real terminal (chalk decided from this process's stdout, which may be a pipe).
	const chalkLevel = chalk.level;
	chalk.level = 3;
	// The spinner's frames come from its setInterval; React renders them a moment later (scheduled, not inside the
	// callback). A spinner frame is timed from the callback to the frame reaching the output layer.
	const realSetInterval = globalThis.setInterval;
	let timing = false;
	let spinnerStartedAt: number | undefined;
	let inRerender = false;
	globalThis.setInterval = ((callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) =>
		realSetInterval(
			(...callbackArgs: unknown[]) => {
				spinnerStartedAt = performance.now();
				callback(...callbackArgs);
			},
			ms,
			...args,
		)) as typeof setInterval;
	const write = output.write.bind(output);
	output.write = (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
		const result = write(chunk, ...rest);
		if (!inRerender && spinnerStartedAt !== undefined) {
			if (timing) {
				spinnerMs.push(performance.now() - spinnerStartedAt);
			}

			spinnerStartedAt = undefined;
		}

		return result;
	};

	const tree = () => (
		<TerminalSizeProvider source={output}>
			<ThemeProvider color>
				<MonitorView state={state} now={now} commands={NOOP_COMMANDS} tenantLabel="acme" isActive={false} onQuit={() => {}} />
			</ThemeProvider>
		</TerminalSizeProvider>
	);

	const instance = render(tree(), {
		stdout: output as unknown as NodeJS.WriteStream,
		stdin: new IdleStdin() as unknown as NodeJS.ReadStream,
		debug: true,
		patchConsole: false,
		exitOnCtrlC: false,
		isScreenReaderEnabled: false,
		onRender({renderTime}) {
			if (timing) {
				inkOutputMs.push(renderTime);
			}
		},
	});
	try {
		await nextTurn();
		const inView = collecting(state)
			.slice(0, 20)
			.map(row => row.key);
		const outOfView = collecting(state)
			.slice(-200)
			.map(row => row.key);
		let frames = 0;
		let bytesBefore = 0;
		for (let index = 0; index < warmupFrames + config.renderFrames; index++) {
			if (index === warmupFrames) {
				timing = true;
				bytesBefore = stdout.bytes;
			}

			const kind = kinds[index % kinds.length] ?? 'tick';
			const keys = kind === 'poll in view' ? inView : outOfView;
			if (kind === 'tick') {
				now += 1000;
			} else {
				const key = keys[index % keys.length];
				const row = state.rows.find(candidate => candidate.key === key);
				if (row !== undefined) {
					state = answer(state, row, now);
				}
			}

			const received = output.framesReceived;
			const bytesAtStart = stdout.bytes;
			// A spinner frame not drawn yet is drawn by this rerender: it has no time of its own.
			spinnerStartedAt = undefined;
			inRerender = true;
			const cpuBefore = process.cpuUsage();
			const started = performance.now();
			instance.rerender(tree());
			const elapsed = performance.now() - started;
			const cpu = process.cpuUsage(cpuBefore);
			inRerender = false;
			if (output.framesReceived === received) {
				throw new Error('a rerender drew no frame: the timing would not cover the render');
			}

			if (timing) {
				bytesByKind.set(kind, (bytesByKind.get(kind) ?? 0) + stdout.bytes - bytesAtStart);
				byKind.get(kind)?.push(elapsed);
				cpuMs.push((cpu.user + cpu.system) / 1000);
				frames++;
			}

			await nextTurn();
		}

		const screen = stdout.bytes - bytesBefore;
		const rerenders = [...byKind.values()].flat();
		const all = summarize([...rerenders, ...spinnerMs]);
		const breakdown = kinds.map(kind => {
			const stats = summarize(byKind.get(kind) ?? []);
			return `${kind} p50 ${fixed(stats.median)} / p95 ${fixed(stats.p95)} ms, ${fixed((bytesByKind.get(kind) ?? 0) / Math.max(1, stats.count), 0)} B`;
		});
		const spinner = summarize(spinnerMs);
		const ink = summarize(inkOutputMs);
		const cpu = summarize(cpuMs);
		const floor = await inkFloorCpuMs(config, config.renderFrames);
		log(`  render: ${frames} rerenders and ${spinnerMs.length} spinner frames timed`);
		return {
			key: 'render_ms_1000',
			name: 'Render per frame, 1,000 rows (120×40)',
			value: all.p95,
			unit: 'ms (p95)',
			display: `p50 ${fixed(all.median)} / p95 ${fixed(all.p95)} ms`,
			budget: `p95 < ${budgetMs} ms`,
			ok: all.p95 < budgetMs,
			notes: [
				`${all.count} frames: ${breakdown.join('; ')} written per frame; spinner p50 ${fixed(spinner.median)} / p95 ${fixed(spinner.p95)} ms (n=${spinner.count})`,
				`CPU time per rerender p50 ${fixed(cpu.median)} / p95 ${fixed(cpu.p95)} ms, ${fixed(cpu.median / floor.median, 2)}× Ink's own floor in this run (39 full styled lines, one Text each, in Ink: p50 ${fixed(floor.median)} ms, see ink-floor.tsx); Ink's output stage alone p50 ${fixed(ink.median)} / p95 ${fixed(ink.p95)} ms (Ink's own frame assembly, as in node_modules: an upper bound for the bundle's); ${fixed(screen / Math.max(1, all.count), 0)} B written per frame`,
			],
			details: {
				all,
				spinner,
				cpuPerRerender: cpu,
				inkFloorCpu: floor,
				bytesByKind: Object.fromEntries(bytesByKind),
				inkOutputStage: ink,
				byKind: Object.fromEntries([...byKind].map(([kind, values]) => [kind, summarize(values)])),
			},
		};
	} finally {
		timing = false;
		instance.unmount();
		globalThis.setInterval = realSetInterval;
		chalk.level = chalkLevel;
	}
}
