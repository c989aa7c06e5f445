/**
 * The 20-aggregation run: a simulated tenant with 20 aggregations that keep running for the whole run (16
 * collecting accounts, 2 STARTED, 2 RETRIED), plus 4 that end in the first seconds (completed, cancelled,
 * terminated, completed), watched by the real CLI at the default 5 s interval with the spinner on.
 * After a warm-up (every end seen, the 20 shown running), the aggwatch process's CPU time and the terminal bytes
 * are read every 5 s over the measured window. The simulator's request log of the whole run is kept for the
 * end-state and token figures.
 */
import type {SimAggregationPlan, SimLogEntry} from '../source/simulator/types.js';
import type {BenchConfig} from './config.js';
import {benchId, startMonitorSession} from './monitor-session.js';
import {cpuTimeMs, rssBytes} from './proc.js';
import {rowsOnScreen} from './rows-on-screen.js';
import {timeWhen} from './screen-wait.js';

export interface Reading {
	/** performance.now() */
	at: number;
	cpuMs: number;
	bytes: number;
}

export interface SteadyRun {
	plans: SimAggregationPlan[];
	runningIds: string[];
	endingIds: string[];
	simulatorStartedAt: number;
	/** Epoch ms of the spawn and of the end of the measured window. */
	spawnedAtEpoch: number;
	endedAtEpoch: number;
	/** Readings at the window's start, every 5 s, and at its end. */
	readings: Reading[];
	log: SimLogEntry[];
	tokenLifetimeSec: number;
	warmupMs: number;
	/** The aggwatch process's VmRSS at the end of the window. */
	rssMbAtEnd: number;
}

const sliceMs = 5000;
const hour = 3_600_000;

function runningPlans(): SimAggregationPlan[] {
	const plans: SimAggregationPlan[] = [];
	for (let index = 0; index < 20; index++) {
		const id = benchId(0xa0, index);
		const base = {id, sourceId: benchId(0x50, index), sourceName: `Source ${index + 1}`, startAtMs: -(30_000 + index * 20_000)};
		if (index < 16) {
			// Collecting accounts for hours: 5 million at 50–425 a second.
			plans.push({...base, collectMs: 10_000, totalAccounts: 5_000_000, accountsPerSecond: 50 + index * 25, outcome: {type: 'COMPLETED'}});
		} else if (index < 18) {
			// STARTED for hours.
			plans.push({...base, collectMs: 10 * hour, totalAccounts: 10_000, accountsPerSecond: 100, outcome: {type: 'COMPLETED'}});
		} else {
			// RETRIED for hours.
			plans.push({
				...base,
				collectMs: 5000,
				totalAccounts: 0,
				accountsPerSecond: 1,
				outcome: {type: 'TERMINATED', retries: 20, retryMs: hour},
			});
		}
	}

	return plans;
}

function endingPlans(): SimAggregationPlan[] {
	const source = (index: number) => ({
		id: benchId(0xe0, index),
		sourceId: benchId(0x51, index),
		sourceName: `Ending ${index + 1}`,
		startAtMs: 0,
	});
	return [
		// COMPLETED at 3 s.
		{...source(0), collectMs: 1000, totalAccounts: 2000, accountsPerSecond: 1000, outcome: {type: 'COMPLETED'}},
		// CANCELLED at 5 s, while collecting.
		{...source(1), collectMs: 1000, totalAccounts: 1_000_000, accountsPerSecond: 500, outcome: {type: 'CANCELLED', afterMs: 5000}},
		// TERMINATED at 6 s after one retry.
		{...source(2), collectMs: 2000, totalAccounts: 0, accountsPerSecond: 1, outcome: {type: 'TERMINATED', retries: 1, retryMs: 4000}},
		// COMPLETED at 8 s.
		{...source(3), collectMs: 2000, totalAccounts: 6000, accountsPerSecond: 1000, outcome: {type: 'COMPLETED'}},
	];
}

const statusPath = /\/account-aggregations\/([\da-f]{32})\/status$/;

/** The aggregation id of a status request, if the entry is one. */
export function statusRequestId(entry: SimLogEntry): string | undefined {
	return entry.method === 'GET' ? statusPath.exec(entry.path)?.[1] : undefined;
}

async function sleep(ms: number): Promise<void> {
	await new Promise(resolve => setTimeout(resolve, ms));
}

export async function runSteady(config: BenchConfig, log: (line: string) => void): Promise<SteadyRun> {
	const running = runningPlans();
	const ending = endingPlans();
	const plans = [...running, ...ending];
	const runningIds = running.map(plan => plan.id);
	const endingIds = ending.map(plan => plan.id);
	const spawnedAtEpoch = Date.now();
	const monitor = await startMonitorSession(config, {
		aggregations: plans,
		argvIds: plans.map(plan => plan.id),
		simulator: {tokenLifetimeSec: config.tokenLifetimeSec},
	});
	const {session, simulator} = monitor;
	try {
		const pid = session.pid;
		const allIds = plans.map(plan => plan.id);
		const spawned = performance.now();
		await timeWhen(session, `${allIds.length} rows`, () => rowsOnScreen(session.screenLines(), allIds) >= allIds.length, 30_000);
		// Warm-up: every end answered by the simulator and the 20 shown as running.
		await session.waitFor(
			'every ending aggregation seen ended and 20 running',
			() => {
				const now = Date.now();
				const answered = new Set(
					simulator.log.filter(entry => entry.status === 200 && entry.at >= now - 10 * 60_000).map(entry => statusRequestId(entry)),
				);
				const ended = simulator
					.aggregations()
					.filter(view => endingIds.includes(view.id) && ['COMPLETED', 'CANCELLED', 'TERMINATED'].includes(view.status));
				return ended.length === endingIds.length && endingIds.every(id => answered.has(id)) && /\b20 running\b/.test(session.screenText());
			},
			{timeoutMs: 90_000},
		);
		// Let the last answers reach the screen.
		await sleep(1500);
		const warmupMs = performance.now() - spawned;
		log(`  20-aggregation run: warm-up done after ${(warmupMs / 1000).toFixed(1)} s, measuring ${config.cpuSeconds} s`);

		const readings: Reading[] = [];
		const read = (): void => {
			readings.push({at: performance.now(), cpuMs: cpuTimeMs(pid), bytes: session.bytesWritten});
		};

		read();
		const windowEnd = (readings[0]?.at ?? performance.now()) + config.cpuSeconds * 1000;
		while (performance.now() < windowEnd) {
			await sleep(Math.min(sliceMs, windowEnd - performance.now()));
			await session.settled();
			read();
			if (session.exited !== undefined) {
				throw new Error(`aggwatch exited during the run (${JSON.stringify(session.exited)}).\n${session.screenText()}`);
			}
		}

		const rssMbAtEnd = rssBytes(pid) / 1024 / 1024;
		return {
			rssMbAtEnd,
			plans,
			runningIds,
			endingIds,
			simulatorStartedAt: monitor.simulatorStartedAt,
			spawnedAtEpoch,
			endedAtEpoch: Date.now(),
			readings,
			log: [...simulator.log],
			tokenLifetimeSec: config.tokenLifetimeSec,
			warmupMs,
		};
	} finally {
		await monitor.close();
	}
}
