/**
 * runFullscreen in a real pseudo-terminal: what a person sees (a headless xterm's screen), what the program writes,
 * and how the terminal is left on every way out.
 */
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {spawnPty, type PtyOptions, type PtySession} from '../helpers/pty.js';
import {buildFixture, fixtureEnvironment, type BuiltFixture} from './build-fixture.js';
import {expectedScreen, type FixtureState} from './fixtures/counter-frame.js';

const slow = 60_000;
let fixture: BuiltFixture;
const sessions: PtySession[] = [];

beforeAll(async () => {
	fixture = await buildFixture('test/terminal/fixtures/counter-app.tsx');
});

afterEach(() => {
	for (const session of sessions.splice(0)) {
		session.dispose();
	}
});

afterAll(async () => {
	await fixture.remove();
});

function start(args: string[] = [], options: PtyOptions = {}): PtySession {
	const session = spawnPty(process.execPath, [fixture.file, ...args], {
		cols: 100,
		rows: 30,
		...options,
		env: {...fixtureEnvironment, ...options.env},
	});
	sessions.push(session);
	return session;
}

function state(session: PtySession, partial: Partial<FixtureState>): FixtureState {
	return {
		count: 0,
		spinners: 0,
		spinnerFrame: 0,
		columns: session.terminal.cols,
		rows: session.terminal.rows,
		...partial,
	};
}

/** Waits until the screen is exactly the expected frame; on timeout, fails with both screens side by side. */
async function expectScreen(session: PtySession, expected: string[]): Promise<void> {
	try {
		await session.waitFor('the expected frame', () => session.screenLines().join('\n') === expected.join('\n'), {
			timeoutMs: 15_000,
		});
	} catch {
		expect(session.screenLines()).toEqual(expected);
	}
}

function ansiColour(session: PtySession, row: number, text: string): number | 'default' {
	const line = session.terminal.buffer.active.getLine(row);
	const column = line?.translateToString(true).indexOf(text) ?? -1;
	const cell = column === -1 ? undefined : line?.getCell(column);
	if (cell === undefined) {
		throw new Error(`"${text}" is not on row ${row}`);
	}

	return cell.isFgDefault() ? 'default' : cell.getFgColor();
}

async function quit(session: PtySession): Promise<void> {
	await session.write('q');
	expect(await session.waitForExit()).toEqual({exitCode: 0, signal: 0});
}

describe('runFullscreen in a real terminal', () => {
	it(
		'draws each frame exactly, colours included, through single updates and a burst of 300',
		async () => {
			const session = start();
			await session.waitForText('count 0');
			expect(session.isAlternateScreen()).toBe(true);
			expect(session.cursorVisible()).toBe(false);
			await expectScreen(session, expectedScreen(state(session, {})));

			for (let count = 1; count <= 7; count++) {
				await session.write('+');
				await expectScreen(session, expectedScreen(state(session, {count})));
			}

			// Count 7 is odd: yellow (palette 3). Row 01 ("row 01 " + x's) is magenta (5), and the number after it is back
			// to the default colour: no style leaks from one cell or line to the next.
			expect(ansiColour(session, 1, '7')).toBe(3);
			expect(ansiColour(session, 4, 'x')).toBe(5);
			expect(ansiColour(session, 4, 'row')).toBe('default');

			await session.write('b');
			await expectScreen(session, expectedScreen(state(session, {count: 307})));
			expect(ansiColour(session, 1, '307')).toBe(3);
			await quit(session);
		},
		slow,
	);

	it(
		'writes nothing while nothing changes, and only a few bytes for a one-line change',
		async () => {
			const session = start();
			await session.waitForText('count 0');
			await expectScreen(session, expectedScreen(state(session, {})));
			const firstFrameBytes = session.bytesWritten;

			// Idle has no event to await: it is the absence of output over a window of time.
			await new Promise(resolve => setTimeout(resolve, 1000));
			expect(session.bytesWritten).toBe(firstFrameBytes);

			await session.write('m');
			await expectScreen(session, expectedScreen(state(session, {marked: true})));
			const oneLineChange = session.bytesWritten - firstFrameBytes;
			expect(oneLineChange).toBeGreaterThan(0);
			// "  marked" (8 cells) at a known position: a cursor move and the text, nothing else.
			expect(oneLineChange).toBeLessThan(24);
			await quit(session);
		},
		slow,
	);

	it(
		'keeps twenty spinner rows under 2 KB/s',
		async () => {
			const session = start(['--spinners', '20']);
			await session.waitForText('aggregation-20');
			const startBytes = session.bytesWritten;
			const startedAt = performance.now();
			await new Promise(resolve => setTimeout(resolve, 2000));
			const bytesPerSecond = ((session.bytesWritten - startBytes) * 1000) / (performance.now() - startedAt);
			expect(bytesPerSecond).toBeGreaterThan(0);
			expect(bytesPerSecond).toBeLessThan(2048);
			// And the animation does not garble the rows.
			const rows = session.screenLines().slice(3, 23);
			expect(
				rows.every((row, index) =>
					row.endsWith(`aggregation-${String(index + 1).padStart(2, '0')}  ACCOUNTS_COLLECTED  ${1000 + index * 37}/5000 accounts`),
				),
			).toBe(true);
			await quit(session);
		},
		slow,
	);

	it(
		'redraws the whole frame for the new size on resize',
		async () => {
			const session = start();
			await session.waitForText('count 0');
			session.resize(80, 24);
			await expectScreen(session, expectedScreen(state(session, {})));
			session.resize(120, 40);
			await expectScreen(session, expectedScreen(state(session, {})));
			await session.write('+');
			await expectScreen(session, expectedScreen(state(session, {count: 1})));
			await quit(session);
		},
		slow,
	);

	it(
		'still updates when CI is set (Ink then skips its resize listener and its erase-based renderer)',
		async () => {
			const session = start([], {env: {CI: 'true'}});
			await session.waitForText('count 0');
			await session.write('+');
			await expectScreen(session, expectedScreen(state(session, {count: 1})));
			session.resize(90, 26);
			await expectScreen(session, expectedScreen(state(session, {count: 1})));
			await quit(session);
		},
		slow,
	);
});

describe('leaving the full screen', () => {
	async function running(): Promise<PtySession> {
		const session = start();
		await session.waitForText('count 0');
		expect(session.isAlternateScreen()).toBe(true);
		return session;
	}

	function expectRestored(session: PtySession): void {
		expect(session.isAlternateScreen()).toBe(false);
		expect(session.cursorVisible()).toBe(true);
		expect(session.screenText()).not.toContain('aggwatch terminal fixture');
	}

	it(
		'q exits cleanly',
		async () => {
			const session = await running();
			await quit(session);
			expectRestored(session);
			await session.waitForText('fixture: exited cleanly');
		},
		slow,
	);

	it(
		'Ctrl-C exits cleanly',
		async () => {
			const session = await running();
			await session.write('\u0003');
			expect(await session.waitForExit()).toEqual({exitCode: 0, signal: 0});
			expectRestored(session);
			await session.waitForText('fixture: exited cleanly');
		},
		slow,
	);

	it(
		'process.exit() from inside the app restores the terminal too',
		async () => {
			const session = await running();
			await session.write('e');
			expect(await session.waitForExit()).toEqual({exitCode: 3, signal: 0});
			expectRestored(session);
		},
		slow,
	);

	for (const [signal, code] of [
		['SIGTERM', 143],
		['SIGHUP', 129],
		['SIGINT', 130],
	] as const) {
		it(
			`${signal} restores the terminal and exits ${code}`,
			async () => {
				const session = await running();
				session.kill(signal);
				expect(await session.waitForExit()).toEqual({exitCode: code, signal: 0});
				expectRestored(session);
			},
			slow,
		);
	}

	for (const [key, what, message] of [
		['x', 'a component throws', 'Boom from component'],
		['t', 'a timer throws (uncaught exception)', 'Boom from timer'],
		['p', 'a promise rejects unhandled', 'Boom from promise'],
	] as const) {
		it(
			`prints the error after restoring the terminal when ${what}`,
			async () => {
				const session = await running();
				await session.write(key);
				expect(await session.waitForExit()).toEqual({exitCode: 1, signal: 0});
				expectRestored(session);
				await session.waitForText(`Error: ${message}`);
				const raw = session.rawOutput();
				expect(raw.lastIndexOf(message)).toBeGreaterThan(raw.lastIndexOf('\u001B[?1049l'));
				expect(raw.indexOf('\u001B[?1049l')).toBe(raw.lastIndexOf('\u001B[?1049l'));
			},
			slow,
		);
	}
});
