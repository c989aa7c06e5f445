import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import type {Connection} from '../../source/commands/connection.js';
import type {CommandContext} from '../../source/commands/context.js';
import {IscClient} from '../../source/isc/client.js';
import {startSimulator} from '../../source/simulator/server.js';
import type {Simulator, SimulatorOptions} from '../../source/simulator/types.js';

export const CLIENT_ID = 'cmd-client';
export const CLIENT_SECRET = 'cmd-secret-Hx7q';
export const TENANT = 'acme';

/** What a command wrote, line by line: `out` is standard output, `err` everything on standard error. */
export interface Captured {
	out: string[];
	err: string[];
}

export interface CommandHarness {
	sim: Simulator;
	/** The store folder (AGGWATCH_CONFIG_DIR of every context made here). */
	configDir: string;
	/** A fresh context: flags as given, its own captured output, the shared simulator and config folder. */
	context(
		values?: Record<string, string | boolean>,
		options?: {now?: () => number; env?: Record<string, string>},
	): CommandContext & {captured: Captured};
	close(): Promise<void>;
}

/**
 * A CommandContext like the CLI's (see source/cli/create-context.ts), connected over real HTTP to a simulated
 * tenant, with AGGWATCH_CONFIG_DIR in a temporary folder: never the real store.
 */
export async function commandHarness(options: SimulatorOptions = {}): Promise<CommandHarness> {
	const sim = await startSimulator({clients: [{clientId: CLIENT_ID, clientSecret: CLIENT_SECRET}], rateLimit: false, ...options});
	const home = mkdtempSync(path.join(tmpdir(), 'aggwatch-cmd-'));
	const configDir = path.join(home, 'config');
	const clients: IscClient[] = [];
	return {
		sim,
		configDir,
		context(values = {}, contextOptions = {}) {
			const captured: Captured = {out: [], err: []};
			let connected: Promise<{client: IscClient; connection: Connection}> | undefined;
			return {
				captured,
				values: values as CommandContext['values'],
				env: {AGGWATCH_CONFIG_DIR: configDir, ...contextOptions.env},
				cwd: home,
				out(line) {
					captured.out.push(line);
				},
				error(line) {
					captured.err.push(`aggwatch: ${line}`);
				},
				warn(line) {
					captured.err.push(`aggwatch: warning: ${line}`);
				},
				now: contextOptions.now ?? (() => Date.now()),
				onCleanup() {
					// Nothing to clean: the harness closes the simulator and clients.
				},
				async connect() {
					connected ??= Promise.resolve().then(() => {
						const client = new IscClient(
							{baseUrl: sim.url, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET},
							{backoff: {baseMs: 5, maxMs: 20}, timeouts: {responseMs: 5000}},
						);
						clients.push(client);
						const connection: Connection = {
							tenant: TENANT,
							baseUrl: sim.url,
							clientId: CLIENT_ID,
							clientSecret: CLIENT_SECRET,
							source: {baseUrl: 'test', clientId: 'test', clientSecret: 'test'},
							apiVersion: 'v2025',
						};
						return {client, connection};
					});
					return connected;
				},
			};
		},
		async close() {
			for (const client of clients) {
				client.close();
			}

			await sim.close();
			rmSync(home, {recursive: true, force: true});
		},
	};
}

/** 32 lowercase hex characters, distinct for each n (and each 6-character hex prefix). */
export function aggregationId(n: number, prefix = 'c0ffee'): string {
	return `${prefix}${n.toString(16).padStart(26, '0')}`;
}
