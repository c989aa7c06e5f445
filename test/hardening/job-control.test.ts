/**
 * Ctrl-Z in the full-screen monitor, as htop and vim do it: on SIGTSTP (or Ctrl-Z typed into the monitor, which raw
 * mode delivers as a byte) the normal screen comes back with the cursor shown and raw mode off, then the process
 * stops; on SIGCONT the alternate screen, the hidden cursor and raw mode come back, the whole screen is redrawn, and
 * `q` quits without Enter. The mouse reporting the monitor turns on (the wheel scrolls) is off while stopped and after. The real CLI monitor runs in a pty under `sh -c`; the terminal's settings are read with
 * `stty -F` on the pty while the process is stopped and after it continues.
 */
import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, readlinkSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {startSimulator} from '../../source/simulator/server.js';
import type {Simulator} from '../../source/simulator/types.js';
import {cleanEnvironment, cliPath, ensureBuilt} from '../helpers/cli.js';
import {spawnPty, type PtySession} from '../helpers/pty.js';

const RUNNING = 'c0ffee00c0ffee00c0ffee00c0ffee01';
const slow = 90_000;

let sim: Simulator;
let configDir: string;
const sessions: PtySession[] = [];

beforeAll(async () => {
	await ensureBuilt();
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
	configDir = mkdtempSync(path.join(tmpdir(), 'aggwatch-jobs-'));
}, 120_000);

afterEach(() => {
	for (const session of sessions.splice(0)) {
		session.dispose();
	}
});

afterAll(async () => {
	await sim?.close();
	rmSync(configDir, {recursive: true, force: true});
});

function monitor(): PtySession {
	const session = spawnPty('/bin/sh', ['-c', '"$NODE" "$@"; echo "node-exit=$?"; read rest', 'sh', cliPath(), '--interval', '1', RUNNING], {
		cols: 120,
		rows: 40,
		env: {
			...cleanEnvironment({
				SAIL_BASE_URL: sim.url,
				SAIL_CLIENT_ID: 'demo-client',
				SAIL_CLIENT_SECRET: 'demo-secret',
				AGGWATCH_CONFIG_DIR: configDir,
			}),
			NODE: process.execPath,
			CI: undefined,
		},
	});
	sessions.push(session);
	return session;
}

function nodePid(session: PtySession): number {
	const children = readFileSync(`/proc/${session.pid}/task/${session.pid}/children`, 'utf8').trim().split(/\s+/).map(Number);
	expect(children).toHaveLength(1);
	return children[0]!;
}

/** R, S, T (stopped)...: the third field of /proc/PID/stat. */
function processState(pid: number): string {
	return readFileSync(`/proc/${pid}/stat`, 'utf8')
		.replace(/^.*\) /, '')
		.split(' ')[0]!;
}

/** The pty's settings, as `stty -a` prints them, split into words. */
function terminalSettings(pid: number): string[] {
	const tty = readlinkSync(`/proc/${pid}/fd/0`);
	return execFileSync('stty', ['-a', '-F', tty], {encoding: 'utf8'}).split(/[\s;]+/);
}

async function showing(session: PtySession): Promise<void> {
	await session.waitFor("the monitor's frame", () => session.isAlternateScreen() && session.screenText().includes('Workday'), 30_000);
	expect(session.cursorVisible()).toBe(false);
	expect(session.mouseReporting()).toBe(true);
}

async function expectStoppedWithTerminalBack(session: PtySession, pid: number): Promise<void> {
	await session.waitFor('the process to stop', () => processState(pid) === 'T', 10_000);
	await session.waitFor('the normal screen', () => !session.isAlternateScreen(), 10_000);
	expect(session.cursorVisible()).toBe(true);
	// The shell's terminal selects text with the mouse again: reporting is off while stopped.
	expect(session.mouseReporting()).toBe(false);
	expect(session.rawOutput().lastIndexOf('\u001B[?1000l')).toBeGreaterThan(session.rawOutput().lastIndexOf('\u001B[?1000h'));
	const settings = terminalSettings(pid);
	expect(settings).toContain('icanon');
	expect(settings).toContain('echo');
}

async function expectResumed(session: PtySession, pid: number): Promise<void> {
	process.kill(pid, 'SIGCONT');
	await session.waitFor(
		'the redrawn monitor',
		() => session.isAlternateScreen() && session.screenText().includes('Workday') && !session.cursorVisible(),
		15_000,
	);
	expect(session.mouseReporting()).toBe(true);
	const settings = terminalSettings(pid);
	expect(settings).toContain('-icanon');
	expect(settings).toContain('-echo');
	// Raw mode: q alone quits, no Enter needed.
	await session.write('q');
	await session.waitForText('node-exit=0', 15_000);
	expect(session.isAlternateScreen()).toBe(false);
	expect(session.mouseReporting()).toBe(false);
}

describe('job control in the monitor', () => {
	it(
		'SIGTSTP: gives the terminal back, stops; SIGCONT: takes it again, redraws, keys work raw',
		async () => {
			const session = monitor();
			await showing(session);
			const pid = nodePid(session);
			process.kill(pid, 'SIGTSTP');
			await expectStoppedWithTerminalBack(session, pid);
			await expectResumed(session, pid);
		},
		slow,
	);

	it(
		'Ctrl-Z typed in the monitor does the same',
		async () => {
			const session = monitor();
			await showing(session);
			const pid = nodePid(session);
			await session.write('\u001A');
			await expectStoppedWithTerminalBack(session, pid);
			await expectResumed(session, pid);
		},
		slow,
	);
});
