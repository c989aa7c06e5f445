/**
 * However the full-screen monitor ends, the terminal is left as it was: the normal screen, the cursor shown and
 * raw mode off. test/terminal/fullscreen.test.ts checks the first two for a fixture app; test/e2e/monitor.test.ts
 * checks them for SIGTERM on the real monitor. This adds, for the real CLI monitor (SIGTERM, SIGHUP, SIGINT)
 * and for the fixture app (a component that throws), the third: raw mode.
 *
 * Raw mode is a setting of the terminal, not of the process, so it can be read once the process is gone. The
 * program runs under `sh -c '<program>; stty -a; read line'` in the same pty: after it ends, `stty -a` prints the
 * terminal's settings (icanon and echo must be on, not -icanon / -echo), and then a line typed at `read` must show
 * on the screen as it is typed (the terminal's own echo) and reach the shell when Enter is pressed (canonical mode).
 * A program that left raw mode on would fail both: stty would list -icanon -echo, and the typed text would neither
 * show nor end the read.
 */
import {readFileSync} from 'node:fs';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {startSimulator} from '../../source/simulator/server.js';
import type {Simulator} from '../../source/simulator/types.js';
import {cleanEnvironment, cliPath, ensureBuilt} from '../helpers/cli.js';
import {spawnPty, type PtySession} from '../helpers/pty.js';
import {buildFixture, fixtureEnvironment, type BuiltFixture} from '../terminal/build-fixture.js';

const RUNNING = 'c0ffee00c0ffee00c0ffee00c0ffee00';
const slow = 60_000;

/** Runs `node <args>` in a pty under a shell that reports the terminal's state after node has ended. */
const SHELL_SCRIPT = [
	'"$NODE" "$@"',
	'echo "node-exit=$?"',
	'stty -a',
	'printf "type here> "',
	'read line',
	'echo "read-done=[$line]"',
	// Stay until disposed: output written just before a pty closes can be lost.
	'read rest',
].join('; ');

let sim: Simulator;
let fixture: BuiltFixture;
let configDir: string;
const sessions: PtySession[] = [];

beforeAll(async () => {
	await ensureBuilt();
	fixture = await buildFixture('test/terminal/fixtures/counter-app.tsx');
	sim = await startSimulator({
		aggregations: [
			{
				id: RUNNING,
				sourceId: 'src-1',
				sourceName: 'Workday',
				startAtMs: -5000,
				collectMs: 1000,
				totalAccounts: 1_000_000,
				accountsPerSecond: 100,
				outcome: {type: 'COMPLETED'},
			},
		],
	});
	configDir = mkdtempSync(path.join(tmpdir(), 'aggwatch-terminal-'));
}, 120_000);

afterEach(() => {
	for (const session of sessions.splice(0)) {
		session.dispose();
	}
});

afterAll(async () => {
	await sim?.close();
	await fixture?.remove();
	rmSync(configDir, {recursive: true, force: true});
});

function underShell(args: string[], env: Record<string, string | undefined>): PtySession {
	const session = spawnPty('/bin/sh', ['-c', SHELL_SCRIPT, 'sh', ...args], {
		cols: 120,
		rows: 40,
		env: {...env, NODE: process.execPath, CI: undefined},
	});
	sessions.push(session);
	return session;
}

/** The pid of the node process the shell started (the shell's only child). */
function nodePid(session: PtySession): number {
	const children = readFileSync(`/proc/${session.pid}/task/${session.pid}/children`, 'utf8').trim().split(/\s+/).map(Number);
	expect(children).toHaveLength(1);
	return children[0]!;
}

/** After node has ended: normal screen, cursor shown, and the terminal in canonical mode with echo. */
async function expectTerminalRestored(session: PtySession, exitCode: number): Promise<void> {
	await session.waitForText('type here>');
	expect(session.screenText()).toContain(`node-exit=${exitCode}`);
	expect(session.isAlternateScreen()).toBe(false);
	expect(session.cursorVisible()).toBe(true);

	const settings = session.screenText().split(/\s+/);
	expect(settings).toContain('icanon');
	expect(settings).toContain('echo');
	expect(settings).not.toContain('-icanon');
	expect(settings).not.toContain('-echo');

	// Typed characters show as they are typed (echo), and Enter ends the line (canonical mode).
	await session.write(...'hello');
	await session.waitForText('type here> hello');
	await session.write('\r');
	await session.waitForText('read-done=[hello]');
}

describe('the real monitor restores the terminal', () => {
	function monitor(): PtySession {
		return underShell([cliPath(), '--interval', '1', RUNNING], {
			...cleanEnvironment({
				SAIL_BASE_URL: sim.url,
				SAIL_CLIENT_ID: 'demo-client',
				SAIL_CLIENT_SECRET: 'demo-secret',
				AGGWATCH_CONFIG_DIR: configDir,
			}),
		});
	}

	/** The first frame is up: the exit guards are installed before the alternate screen is entered. */
	async function showing(session: PtySession): Promise<void> {
		await session.waitFor(
			"the monitor's first frame",
			() => session.isAlternateScreen() && session.screenText().includes(RUNNING.slice(0, 8)),
			30_000,
		);
		expect(session.cursorVisible()).toBe(false);
	}

	for (const [signal, code] of [
		['SIGTERM', 143],
		['SIGHUP', 129],
		['SIGINT', 130],
	] as const) {
		it(
			`on ${signal}`,
			async () => {
				const session = monitor();
				await showing(session);
				process.kill(nodePid(session), signal);
				await expectTerminalRestored(session, code);
			},
			slow,
		);
	}
});

describe('a full-screen app that crashes restores the terminal (fixture app)', () => {
	it(
		'when a component throws while rendering',
		async () => {
			const session = underShell([fixture.file], fixtureEnvironment);
			await session.waitForText('count 0');
			expect(session.isAlternateScreen()).toBe(true);
			await session.write('x');
			await expectTerminalRestored(session, 1);
			await session.waitForText('Error: Boom from component');
		},
		slow,
	);
});

describe('the check itself', () => {
	it(
		'sees raw mode left on by a program that cannot restore it (SIGKILL)',
		async () => {
			const session = underShell(
				['-e', "process.stdin.setRawMode(true); process.stdout.write('raw and waiting'); setInterval(() => {}, 1000)"],
				{},
			);
			await session.waitForText('raw and waiting');
			process.kill(nodePid(session), 'SIGKILL');
			await session.waitForText('type here>');
			const settings = session.screenText().split(/\s+/);
			expect(settings).toContain('-icanon');
			expect(settings).toContain('-echo');
		},
		slow,
	);
});
