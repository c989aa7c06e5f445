/**
 * The aggwatch processes under soak: the full-screen monitor in a real pseudo-terminal, and `aggwatch wait --json`
 * processes with their output collected. Each writes a --debug request log, which the analysis uses to tell
 * which process sent a request the simulator could not attribute (a stale token carries no client id).
 */
import {spawn, type ChildProcess} from 'node:child_process';
import path from 'node:path';
import process from 'node:process';
import {cleanEnvironment, type Sandbox} from '../test/helpers/cli.js';
import {spawnPty, type PtySession} from '../test/helpers/pty.js';
import type {SoakConfig} from './config.js';
import type {WaitSpec} from './plans.js';

export const MONITOR = 'monitor';

export interface MonitorProcess {
	name: typeof MONITOR;
	session: PtySession;
	debugFile: string;
	/** The monitor's own node process (node-pty starts it directly). */
	pid: number;
}

export interface ProcessExit {
	code: number | null;
	signal: string | null;
	/** Epoch ms. */
	at: number;
}

export interface WaitProcess {
	name: string;
	spec: WaitSpec;
	child: ChildProcess;
	debugFile: string;
	stdout: () => string;
	stderr: () => string;
	exited: Promise<ProcessExit>;
	exit?: ProcessExit;
}

function pollFlags(config: SoakConfig): string[] {
	return ['--interval', String(config.intervalSec), '--budget', String(config.budget)];
}

export function startMonitor(cli: string, box: Sandbox, config: SoakConfig): MonitorProcess {
	const debugFile = path.join(box.work, 'monitor-requests.jsonl');
	const session = spawnPty(process.execPath, [cli, ...pollFlags(config), '--debug', debugFile], {
		cols: config.columns,
		rows: config.rows,
		cwd: box.work,
		env: cleanEnvironment(box.env),
	});
	return {name: MONITOR, session, debugFile, pid: session.pid};
}

export function startWait(cli: string, box: Sandbox, config: SoakConfig, spec: WaitSpec): WaitProcess {
	const debugFile = path.join(box.work, `${spec.name}-requests.jsonl`);
	const child = spawn(
		process.execPath,
		[cli, 'wait', '--json', '--tenant', spec.savedTenant, ...pollFlags(config), '--debug', debugFile, ...spec.ids],
		{
			cwd: box.work,
			env: cleanEnvironment(box.env),
			stdio: ['ignore', 'pipe', 'pipe'],
		},
	);
	let stdout = '';
	let stderr = '';
	child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
		stdout += chunk;
	});
	child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
		stderr += chunk;
	});
	const waitProcess: WaitProcess = {
		name: spec.name,
		spec,
		child,
		debugFile,
		stdout: () => stdout,
		stderr: () => stderr,
		exited: new Promise(resolve => {
			child.on('close', (code, signal) => {
				waitProcess.exit = {code, signal, at: Date.now()};
				resolve(waitProcess.exit);
			});
		}),
	};
	return waitProcess;
}
