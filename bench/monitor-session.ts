/**
 * A simulated tenant in this process and the real built CLI pointed at it in a pty: what the 20- and
 * 1,000-aggregation runs share. The simulator's clock is wrapped so its start time (the origin of every plan's
 * startAtMs) is known exactly.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {tenantLabel} from '../source/commands/connection.js';
import {startSimulator} from '../source/simulator/server.js';
import type {SimAggregationPlan, Simulator, SimulatorOptions} from '../source/simulator/types.js';
import {openStore} from '../source/store/config.js';
import {spawnPty, type PtySession} from '../test/helpers/pty.js';
import type {BenchConfig} from './config.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The built CLI; BENCH_CLI points elsewhere (e.g. an unminified build, for profiles with readable names). */
const cli = process.env['BENCH_CLI'] ?? path.join(root, 'dist', 'cli.js');

export const BENCH_CLIENT = {clientId: 'bench-client', clientSecret: 'bench-secret'};

export interface MonitorSession {
	simulator: Simulator;
	/** Epoch ms of the simulator's start (plans' startAtMs are relative to it). */
	simulatorStartedAt: number;
	session: PtySession;
	/** The tenant name the monitor gives rows of this simulator. */
	tenant: string;
	storeDir: string;
	close(): Promise<void>;
}

export interface MonitorSessionOptions {
	aggregations: SimAggregationPlan[];
	/** Ids to pass on the command line. */
	argvIds?: string[];
	/** Ids written to the store before the monitor starts (as `aggwatch track` would). */
	storeIds?: string[];
	simulator?: Omit<SimulatorOptions, 'aggregations' | 'clients' | 'now'>;
	/** Extra monitor flags, e.g. ['--interval', '5']. */
	flags?: string[];
	/** Node flags for the aggwatch process, e.g. ['--cpu-prof'] (BENCH_CHILD_NODE_FLAGS adds to them). */
	nodeFlags?: string[];
}

export async function startMonitorSession(config: BenchConfig, options: MonitorSessionOptions): Promise<MonitorSession> {
	let simulatorStartedAt: number | undefined;
	const simulator = await startSimulator({
		...options.simulator,
		aggregations: options.aggregations,
		clients: [BENCH_CLIENT],
		now() {
			const now = Date.now();
			simulatorStartedAt ??= now;
			return now;
		},
	});
	const tenant = tenantLabel(simulator.url);
	const storeDir = mkdtempSync(path.join(os.tmpdir(), 'aggwatch-bench-'));
	if (options.storeIds !== undefined && options.storeIds.length > 0) {
		const {store} = openStore({cwd: storeDir, onWarning() {}});
		const addedAt = Date.now();
		store.addTracked(options.storeIds.map(id => ({id, tenant, addedAt})));
		store.close();
	}

	const nodeFlags = [...(options.nodeFlags ?? []), ...(process.env['BENCH_CHILD_NODE_FLAGS']?.split(' ').filter(Boolean) ?? [])];
	const session = spawnPty(process.execPath, [...nodeFlags, cli, ...(options.flags ?? []), ...(options.argvIds ?? [])], {
		cols: config.columns,
		rows: config.rows,
		cwd: storeDir,
		env: {
			AGGWATCH_CONFIG_DIR: storeDir,
			SAIL_BASE_URL: simulator.url,
			SAIL_CLIENT_ID: BENCH_CLIENT.clientId,
			SAIL_CLIENT_SECRET: BENCH_CLIENT.clientSecret,
			NO_COLOR: undefined,
		},
	});
	return {
		simulator,
		simulatorStartedAt: simulatorStartedAt ?? Date.now(),
		session,
		tenant,
		storeDir,
		async close() {
			try {
				if (session.exited === undefined) {
					await session.write('q');
					await session.waitForExit({timeoutMs: 10_000}).catch(() => undefined);
				}
			} finally {
				session.dispose();
				await simulator.close();
				rmSync(storeDir, {recursive: true, force: true});
			}
		},
	};
}

/** A 32-hex aggregation id whose first 8 characters (the short id on screen) are unique per prefix (0–255) and index (< 2^24). */
export function benchId(prefix: number, index: number): string {
	const head = (prefix * 0x100_0000 + index).toString(16).padStart(8, '0');
	return `${head}${'5eed'.repeat(6)}`;
}
