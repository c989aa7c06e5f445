import {EventEmitter} from 'node:events';
import React from 'react';
import {render} from 'ink';
import {afterEach, expect, test} from 'vitest';
import {createMonitorState} from '../../source/core/reducer.js';
import type {RowSeed, TrackedRow} from '../../source/core/types.js';
import type {AggregationStatus} from '../../source/domain/status.js';
import {IdleStdin} from '../helpers/idle-stdin.js';
import {MonitorApp} from '../helpers/monitor-app.js';
import {LineDiffOutput, TerminalSizeProvider} from '../../source/ui/terminal/index.js';
import {ThemeProvider} from '../../source/ui/theme/theme-provider.js';
import {createFakeClock} from '../core/fixtures.js';
import {id} from '../ui/fixtures.js';
import {fullscreenTerminal, screenLines, writeTo} from './xterm-screen.js';

/** A 120×40 terminal that counts the bytes it gets and shows them in a headless xterm. */
class Terminal extends EventEmitter {
	readonly isTTY = true;
	readonly columns = 120;
	readonly rows = 40;
	bytes = 0;
	readonly screen = fullscreenTerminal(120, 40);

	write(chunk: string): boolean {
		this.bytes += Buffer.byteLength(chunk);
		this.screen.write(chunk);
		return true;
	}
}

const START = Date.UTC(2025, 0, 15, 9, 0, 0);
const started = new Date(START - 600_000).toISOString();
const cleanups: Array<() => void> = [];
afterEach(() => {
	for (const cleanup of cleanups.splice(0)) {
		cleanup();
	}
});

/**
 * 100 rows: `endedFirst` of them ended (COMPLETED), listed first in the added order, the rest collecting accounts.
 * The monitor runs on a fake clock through the real output layer; every status request is answered at once with
 * 37 more accounts processed.
 */
function monitor(endedFirst: number) {
	const clock = createFakeClock(START);
	const seeds: RowSeed[] = Array.from({length: 100}, (_, index) => {
		const ended = index < endedFirst;
		return {
			id: id(index.toString(16).padStart(2, '0')),
			tenant: 'acme',
			addedAt: START - 600_000 + index,
			label: `Source ${index + 1}`,
			lastOkAt: START - 1000,
			snapshot: ended
				? {start: started, status: 'COMPLETED', processedAccounts: 500, totalAccounts: 500}
				: {start: started, status: 'ACCOUNTS_COLLECTED', processedAccounts: 1000, totalAccounts: 900_000},
			...(ended ? {phase: 'ended' as const, endedAt: START - 60_000} : {}),
		};
	});
	const answered: string[] = [];
	const fetchStatus = async (row: TrackedRow): Promise<AggregationStatus> => {
		answered.push(row.label ?? row.id);
		return {...row.snapshot, processedAccounts: (row.snapshot?.processedAccounts ?? 0) + 37};
	};

	const terminal = new Terminal();
	const output = new LineDiffOutput({stdout: terminal, minIntervalMs: 0});
	const instance = render(
		<TerminalSizeProvider source={output}>
			<ThemeProvider color>
				<MonitorApp
					initialState={createMonitorState({}, seeds, START)}
					tenant="acme"
					fetchStatus={fetchStatus}
					clock={clock}
					tenantLabel="acme"
				/>
			</ThemeProvider>
		</TerminalSizeProvider>,
		{
			stdout: output as unknown as NodeJS.WriteStream,
			stdin: new IdleStdin() as unknown as NodeJS.ReadStream,
			debug: true,
			patchConsole: false,
			exitOnCtrlC: false,
		},
	);
	cleanups.push(() => {
		instance.unmount();
		output.close();
	});
	return {clock, terminal, answered};
}

test('answers for rows out of view write nothing to the terminal', async () => {
	// The 40 rows in view (and more) have ended: nothing on screen moves with the clock.
	const {clock, terminal, answered} = monitor(60);
	await clock.advanceTo(START + 3000);
	const lines = screenLines(terminal.screen).join('\n');
	expect(lines).toContain('Source 1 ');
	expect(lines).not.toContain('Source 61 ');
	const bytes = terminal.bytes;
	const before = answered.length;

	await clock.advanceTo(START + 13_000);
	expect(answered.length - before).toBeGreaterThan(10);
	expect(answered.slice(before).every(label => Number(label.split(' ')[1]) > 60)).toBe(true);
	expect(terminal.bytes).toBe(bytes);
});

test('the same answers for rows in view are drawn within a second', async () => {
	const {clock, terminal, answered} = monitor(0);
	await clock.advanceTo(START + 3000);
	const bytes = terminal.bytes;
	await clock.advanceTo(START + 13_000);
	expect(answered.length).toBeGreaterThan(10);
	expect(terminal.bytes).toBeGreaterThan(bytes);
	await writeTo(terminal.screen, '');
	// Source 1 was answered first: at least two answers of 37 accounts each on top of its 1,000 (in view, it is polled
	// at the interval, so a few more by now).
	expect(screenLines(terminal.screen).find(line => line.includes('Source 1 '))).toMatch(/1,(?:0(?:7[4-9]|[89]\d)|1\d\d)\/900,000/);
});
