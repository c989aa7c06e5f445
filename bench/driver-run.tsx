/**
 * The monitor as it runs, in-process: MonitorApp (the real driver: store, poller, the one-second tick) rendered by
 * Ink in debug mode through LineDiffOutput into a fake 120×40 terminal, on a manual clock, with a status source
 * that answers at once (no HTTP: this is the monitor's own cost). Time is simulated: the poller polls at its real
 * pace (the 80-per-10-s budget, 5 s interval) and every answer goes through the real reducer and subscribers.
 *
 * Each simulated second is taken in two steps, timed apart: the answers between two ticks, then the tick that
 * draws them (with the clock and the spinner's step). What it gives: frames and bytes between ticks (answers,
 * in view or not, draw nothing by themselves), the CPU of one answer and of one tick's frame, and the CPU per
 * simulated second, for 10 to 5,000 tracked rows.
 */
import React from 'react';
import {render} from 'ink';
import type {TrackedRow} from '../source/core/types.js';
import type {AggregationStatus} from '../source/domain/status.js';
import {MonitorApp} from '../test/helpers/monitor-app.js';
import {sampleMonitorState} from './sample-state.js';
import {LineDiffOutput, TerminalSizeProvider, ThemeProvider} from '../source/ui/index.js';
import {IdleStdin} from '../test/helpers/idle-stdin.js';
import {FakeStdout} from './fake-terminal.js';
import {ManualClock} from './manual-clock.js';
import {summarize, type Summary} from './stats.js';

export interface DriverRun {
	rows: number;
	seconds: number;
	answers: number;
	/** Answers for rows outside the list's window. */
	answersOutOfView: number;
	ticks: number;
	/** Ink frames drawn at the ticks, and between them (by answers alone). */
	framesAtTicks: number;
	framesBetweenTicks: number;
	bytesBetweenTicks: number;
	bytesAtTicks: number;
	/** CPU ms per answer (the answers between two ticks, over their count). */
	cpuPerAnswerMs: number;
	/** CPU ms of each tick (its frame and the answers it shows). */
	tickCpuMs: Summary;
	/** CPU ms per simulated second: the monitor's steady cost without HTTP, in ms per 1,000 ms (÷10 for % of a core). */
	cpuMsPerSecond: number;
}

const TICK_MS = 1000;

function cpuMs(since: NodeJS.CpuUsage): number {
	const used = process.cpuUsage(since);
	return (used.user + used.system) / 1000;
}

export async function runDriver(options: {
	rows: number;
	seconds: number;
	warmupSeconds: number;
	columns: number;
	terminalRows: number;
}): Promise<DriverRun> {
	const start = Math.ceil(Date.UTC(2025, 5, 2, 9, 30) / TICK_MS) * TICK_MS + 1;
	const clock = new ManualClock(start);
	const initialState = sampleMonitorState({count: options.rows, now: start});
	const stdout = new FakeStdout(options.columns, options.terminalRows);
	const output = new LineDiffOutput({stdout, minIntervalMs: 0});
	// The list shows the first rows in the added order: rows past the screen's height are out of view.
	const inView = new Set(initialState.rows.slice(0, options.terminalRows).map(row => row.key));
	let frames = 0;
	let answers = 0;
	let answersOutOfView = 0;
	const fetchStatus = async (row: TrackedRow): Promise<AggregationStatus> => {
		answers++;
		if (!inView.has(row.key)) {
			answersOutOfView++;
		}

		const snapshot = row.snapshot ?? {status: 'STARTED'};
		const total = snapshot.totalAccounts ?? 100_000;
		return {...snapshot, processedAccounts: Math.min(total, (snapshot.processedAccounts ?? 0) + 37)};
	};

	const instance = render(
		<TerminalSizeProvider source={output}>
			<ThemeProvider color>
				<MonitorApp initialState={initialState} tenant="acme" fetchStatus={fetchStatus} clock={clock} tenantLabel="acme" />
			</ThemeProvider>
		</TerminalSizeProvider>,
		{
			stdout: output as unknown as NodeJS.WriteStream,
			stdin: new IdleStdin() as unknown as NodeJS.ReadStream,
			debug: true,
			patchConsole: false,
			exitOnCtrlC: false,
			isScreenReaderEnabled: false,
			onRender() {
				frames++;
			},
		},
	);
	try {
		await clock.advanceTo(start);
		let tickAt = start - 1 + TICK_MS;
		const tickCpu: number[] = [];
		let betweenCpu = 0;
		let counted = {answers: 0, outOfView: 0, framesAtTicks: 0, framesBetween: 0, bytesAtTicks: 0, bytesBetween: 0, ticks: 0};
		let totalCpu = 0;
		for (let second = 0; second < options.warmupSeconds + options.seconds; second++) {
			const timed = second >= options.warmupSeconds;
			if (second === options.warmupSeconds) {
				counted = {answers: 0, outOfView: 0, framesAtTicks: 0, framesBetween: 0, bytesAtTicks: 0, bytesBetween: 0, ticks: 0};
				answers = 0;
				answersOutOfView = 0;
			}

			// The answers between two ticks.
			let frameCount = frames;
			let bytes = stdout.bytes;
			let cpu = process.cpuUsage();
			await clock.advanceTo(tickAt - 1);
			const between = cpuMs(cpu);
			if (timed) {
				betweenCpu += between;
				totalCpu += between;
				counted.framesBetween += frames - frameCount;
				counted.bytesBetween += stdout.bytes - bytes;
			}

			// The tick.
			frameCount = frames;
			bytes = stdout.bytes;
			cpu = process.cpuUsage();
			await clock.advanceTo(tickAt + 1);
			const tick = cpuMs(cpu);
			if (timed) {
				tickCpu.push(tick);
				totalCpu += tick;
				counted.ticks++;
				counted.framesAtTicks += frames - frameCount;
				counted.bytesAtTicks += stdout.bytes - bytes;
			}

			tickAt += TICK_MS;
		}

		return {
			rows: options.rows,
			seconds: options.seconds,
			answers,
			answersOutOfView,
			ticks: counted.ticks,
			framesAtTicks: counted.framesAtTicks,
			framesBetweenTicks: counted.framesBetween,
			bytesBetweenTicks: counted.bytesBetween,
			bytesAtTicks: counted.bytesAtTicks,
			cpuPerAnswerMs: answers === 0 ? Number.NaN : betweenCpu / answers,
			tickCpuMs: summarize(tickCpu),
			cpuMsPerSecond: totalCpu / options.seconds,
		};
	} finally {
		instance.unmount();
		output.close();
	}
}
