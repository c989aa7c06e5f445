/**
 * Figure: resident memory of the aggwatch process tracking 1,000 aggregations. The store is filled first (as
 * `aggwatch track` would), the simulated tenant holds the 1,000 in assorted states, and the monitor polls them at
 * its default budget (80 requests per 10 s, so about 8 rows a second) while VmRSS is read every second.
 */
import type {SimAggregationPlan} from '../source/simulator/types.js';
import type {BenchConfig} from './config.js';
import {fixed, type Figure} from './figure.js';
import {benchId, startMonitorSession} from './monitor-session.js';
import {cpuTimeMs, rssBytes} from './proc.js';
import {statusRequestId} from './steady-run.js';
import {summarize} from './stats.js';

const budgetMb = 150;
const count = 1000;
const minute = 60_000;

function plan(index: number): SimAggregationPlan {
	const base = {id: benchId(0xc0, index), sourceId: benchId(0x52, index % 40), sourceName: `Source ${(index % 40) + 1}`};
	switch (index % 10) {
		case 6: {
			return {
				...base,
				startAtMs: -minute,
				collectMs: 600 * minute,
				totalAccounts: 50_000,
				accountsPerSecond: 100,
				outcome: {type: 'COMPLETED'},
			};
		}

		case 7: {
			// Completed 20 minutes ago (its status is still there).
			return {
				...base,
				startAtMs: -30 * minute,
				collectMs: 60_000,
				totalAccounts: 54_000,
				accountsPerSecond: 100,
				outcome: {type: 'COMPLETED'},
			};
		}

		case 8: {
			return {
				...base,
				startAtMs: -20 * minute,
				collectMs: 60_000,
				totalAccounts: 500_000,
				accountsPerSecond: 100,
				outcome: {type: 'CANCELLED', afterMs: 5 * minute},
			};
		}

		case 9: {
			return {
				...base,
				startAtMs: -5 * minute,
				collectMs: 60_000,
				totalAccounts: 0,
				accountsPerSecond: 1,
				outcome: {type: 'TERMINATED', retries: 10, retryMs: 60 * minute},
			};
		}

		default: {
			return {
				...base,
				startAtMs: -(index % 60) * minute,
				collectMs: 30_000,
				totalAccounts: 1_000_000 + index * 1000,
				accountsPerSecond: 50 + (index % 17) * 20,
				outcome: {type: 'COMPLETED'},
			};
		}
	}
}

async function sleep(ms: number): Promise<void> {
	await new Promise(resolve => setTimeout(resolve, ms));
}

const cpuBudgetPercent = 4;

/**
 * RSS, and the CPU of the steady state: the second half of the run (the first is start-up, names, first answers, and
 * the JIT warming up to the request path; see BenchConfig.rssSeconds).
 */
export async function measureRss(config: BenchConfig, log: (line: string) => void): Promise<Figure[]> {
	const plans = Array.from({length: count}, (_, index) => plan(index));
	const monitor = await startMonitorSession(config, {aggregations: plans, storeIds: plans.map(entry => entry.id)});
	const {session, simulator} = monitor;
	try {
		await session.waitFor('the 1,000 rows', () => /row \d+ of 1,?000\b/.test(session.screenText()), {timeoutMs: 60_000});
		const pid = session.pid;
		const samples: number[] = [];
		const startedAt = performance.now();
		const cpuBefore = cpuTimeMs(pid);
		const deadline = startedAt + config.rssSeconds * 1000;
		let steady: {at: number; cpuMs: number} | undefined;
		while (performance.now() < deadline) {
			samples.push(rssBytes(pid));
			if (steady === undefined && performance.now() >= startedAt + (config.rssSeconds * 1000) / 2) {
				steady = {at: performance.now(), cpuMs: cpuTimeMs(pid)};
			}

			await sleep(1000);
			if (session.exited !== undefined) {
				throw new Error(`aggwatch exited during the 1,000-row run (${JSON.stringify(session.exited)}).\n${session.screenText()}`);
			}
		}

		samples.push(rssBytes(pid));
		const cpuEnd = cpuTimeMs(pid);
		const cpuPercent = ((cpuEnd - cpuBefore) / (performance.now() - startedAt)) * 100;
		const steadyPercent = steady === undefined ? Number.NaN : ((cpuEnd - steady.cpuMs) / (performance.now() - steady.at)) * 100;
		const steadySeconds = steady === undefined ? 0 : (performance.now() - steady.at) / 1000;
		const polledIds = new Set(simulator.log.map(entry => statusRequestId(entry)).filter(id => id !== undefined));
		const statusRequests = simulator.log.filter(entry => statusRequestId(entry) !== undefined);
		const limited = statusRequests.filter(entry => entry.status === 429).length;
		const mb = samples.map(bytes => bytes / 1024 / 1024);
		const summary = summarize(mb);
		const last = mb.at(-1) ?? Number.NaN;
		log(`  1,000-aggregation run: ${polledIds.size} ids polled, RSS max ${fixed(summary.max)} MB`);
		const steadyStatus = statusRequests.filter(entry => steady !== undefined && entry.at >= Date.now() - steadySeconds * 1000).length;
		return [
			{
				key: 'rss_mb_1000',
				name: 'RSS, 1,000 tracked',
				value: summary.max,
				unit: 'MB',
				display: `${fixed(summary.max)} MB`,
				budget: `< ${budgetMb} MB`,
				ok: summary.max < budgetMb,
				notes: [
					`max over ${config.rssSeconds} s after the first frame (last ${fixed(last)} MB); ${polledIds.size}/${count} ids polled, ${statusRequests.length} status requests (${limited} × 429)`,
				],
				details: {samplesMb: mb, summary, polledIds: polledIds.size, statusRequests: statusRequests.length, rateLimited: limited},
			},
			{
				key: 'cpu_percent_1000',
				name: 'CPU, 1,000 tracked (full budget)',
				value: steadyPercent,
				unit: '% of a core',
				display: `${fixed(steadyPercent, 2)} %`,
				budget: `< ${cpuBudgetPercent} %`,
				ok: Number.isFinite(steadyPercent) ? steadyPercent < cpuBudgetPercent : undefined,
				notes: [
					`steady state: the last ${fixed(steadySeconds, 0)} s of the run (${steadyStatus} status requests in it); over the whole run from the first frame ${fixed(cpuPercent, 1)} %`,
				],
				details: {steadyPercent, steadySeconds, wholeRunPercent: cpuPercent},
			},
		];
	} finally {
		await monitor.close();
	}
}
