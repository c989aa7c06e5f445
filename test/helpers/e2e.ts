/**
 * The built monitor (dist/cli.js, from `node scripts/build.mjs`) in a real terminal against a simulated tenant, for
 * the end-to-end files: call monitorE2e at the top of one. The simulator starts before the file's tests and closes
 * after them; each test gets a config folder of its own, and its sessions are ended and the folder removed after it.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, afterEach, beforeAll} from 'vitest';
import {startSimulator} from '../../source/simulator/server.js';
import type {Simulator, SimulatorOptions} from '../../source/simulator/types.js';
import {spawnPty, type PtySession} from './pty.js';

export const builtCli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export interface MonitorE2e {
	readonly sim: Simulator;
	/** This test's config folder (AGGWATCH_CONFIG_DIR), made on first use. */
	readonly dir: string;
	/** The environment that points the CLI at the simulator (its demo client) and this test's config folder. */
	tenantEnv(): Record<string, string>;
	/** `aggwatch --interval 1 ...args` in a pty of `size`; `env` adds to (or, with undefined, removes from) tenantEnv(). */
	launch(args: readonly string[], size: {cols: number; rows: number}, env?: Record<string, string | undefined>): PtySession;
}

/** `prefix` names the config folders (under the system's temporary folder). */
export function monitorE2e(simulator: SimulatorOptions, prefix: string): MonitorE2e {
	let sim: Simulator | undefined;
	let dir: string | undefined;
	let sessions: PtySession[] = [];

	beforeAll(async () => {
		sim = await startSimulator(simulator);
	});

	afterAll(async () => {
		await sim?.close();
	});

	afterEach(() => {
		for (const session of sessions) {
			session.dispose();
		}

		sessions = [];
		if (dir !== undefined) {
			rmSync(dir, {recursive: true, force: true});
			dir = undefined;
		}
	});

	const e2e: MonitorE2e = {
		get sim() {
			if (sim === undefined) {
				throw new Error('the simulator starts in beforeAll');
			}

			return sim;
		},
		get dir() {
			dir ??= mkdtempSync(path.join(tmpdir(), prefix));
			return dir;
		},
		tenantEnv() {
			return {SAIL_BASE_URL: e2e.sim.url, SAIL_CLIENT_ID: 'demo-client', SAIL_CLIENT_SECRET: 'demo-secret', AGGWATCH_CONFIG_DIR: e2e.dir};
		},
		launch(args, size, env = {}) {
			const session = spawnPty(process.execPath, [builtCli, '--interval', '1', ...args], {...size, env: {...e2e.tenantEnv(), ...env}});
			sessions.push(session);
			return session;
		},
	};
	return e2e;
}
