/**
 * Ink's own cost of a full 120×40 frame, as a reference for the monitor's render time in the same run: 39 lines
 * of styled text as long as the monitor's rows (one <Text> each, in debug mode, into a fake terminal), one of them
 * changing per frame. What Ink spends here (layout, its output grid, ANSI parsing) is spent on any full screen.
 */
import React from 'react';
import chalk from 'chalk';
import {Box, render, Text} from 'ink';
import type {BenchConfig} from './config.js';
import {IdleStdin} from '../test/helpers/idle-stdin.js';
import {FakeStdout} from './fake-terminal.js';
import {summarize, type Summary} from './stats.js';

function line(index: number, frame: number): string {
	const name = `Active Directory ${String(index + 1).padStart(4, '0')}`;
	const count = index === frame % 39 ? String(74 + frame) : '74';
	return `${chalk.cyan('› ⠋')} ${name.padEnd(24)} ${chalk.blue('▶ collected')}  ${chalk.green('█'.repeat(5))}${chalk.gray('░'.repeat(17))}  ${`${count}/1,000`.padStart(16)}   7%   52/min 17m 49s  2m 00s ${chalk.yellow('~stale')}`;
}

/** CPU ms per frame of the reference screen (chalk level must already be on). */
export async function inkFloorCpuMs(config: BenchConfig, frames: number): Promise<Summary> {
	const stdout = new FakeStdout(config.columns, config.rows);
	let frame = 0;
	const tree = () => (
		<Box flexDirection="column" width={config.columns} height={config.rows - 1}>
			{Array.from({length: config.rows - 1}, (_, index) => (
				<Text key={index}>{line(index, frame)}</Text>
			))}
		</Box>
	);
	const instance = render(tree(), {
		stdout: stdout as unknown as NodeJS.WriteStream,
		stdin: new IdleStdin() as unknown as NodeJS.ReadStream,
		debug: true,
		patchConsole: false,
		exitOnCtrlC: false,
		isScreenReaderEnabled: false,
	});
	const cpu: number[] = [];
	try {
		for (let index = 0; index < 50 + frames; index++) {
			frame++;
			const before = process.cpuUsage();
			instance.rerender(tree());
			const used = process.cpuUsage(before);
			if (index >= 50) {
				cpu.push((used.user + used.system) / 1000);
			}

			await new Promise(resolve => setImmediate(resolve));
		}
	} finally {
		instance.unmount();
	}

	return summarize(cpu);
}
