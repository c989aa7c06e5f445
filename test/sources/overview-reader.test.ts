/**
 * The tenant at a glance, read in-process from a simulated tenant: every request waits its turn in the tenant's
 * budget and is counted, task-status lists cover 50 sources each (never one task per source), the schedules of the
 * sources asked for first are read first, and schedules are kept for an hour.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {TenantOverview} from '../../source/commands/source-overview-reader.js';
import {createRequestPacer} from '../../source/core/request-pacer.js';
import {IscClient} from '../../source/isc/client.js';
import {startSimulator} from '../../source/simulator/server.js';
import type {SimAggregationPlan, SimSource, Simulator} from '../../source/simulator/types.js';

const CLIENT = {clientId: 'glance-client', clientSecret: 'glance-secret'};
const open: Array<{close(): unknown}> = [];
afterEach(async () => {
	for (const item of open.splice(0)) {
		await item.close();
	}
});

function sources(count: number): SimSource[] {
	return Array.from({length: count}, (_, index) => ({
		id: `5${String(index).padStart(31, '0')}`,
		name: `Source ${String(index).padStart(3, '0')}`,
		type: 'Workday',
		schedules: [{cronExpression: '0 0 2 * * ?'}],
	}));
}

function ranEarlier(source: SimSource, index: number): SimAggregationPlan {
	return {
		id: `a${String(index).padStart(31, '0')}`,
		sourceId: source.id,
		sourceName: source.name,
		startAtMs: -3_600_000,
		collectMs: 1000,
		totalAccounts: 100,
		accountsPerSecond: 100,
		outcome: {type: 'COMPLETED'},
	};
}

async function tenant(list: SimSource[], aggregations: SimAggregationPlan[] = []): Promise<{sim: Simulator; client: IscClient}> {
	const sim = await startSimulator({clients: [CLIENT], sources: list, aggregations, rateLimit: false});
	const client = new IscClient({baseUrl: sim.url, ...CLIENT}, {retries: 0});
	open.push(sim, {close: () => client.close()});
	return {sim, client};
}

const realClock = {
	now: () => Date.now(),
	setTimeout: (callback: () => void, ms: number) => setTimeout(callback, ms),
	clearTimeout: (handle: unknown) => {
		clearTimeout(handle as NodeJS.Timeout);
	},
};

describe('reading the tenant at a glance', () => {
	it('keeps every request within the budget and counts it; task lists cover 50 sources each', async () => {
		const list = sources(120);
		const {sim, client} = await tenant(
			list,
			list.slice(0, 40).map((source, index) => ranEarlier(source, index)),
		);
		const pacer = createRequestPacer({requests: 20, windowMs: 1000}, realClock);
		open.push(pacer);
		// When each request's turn came, by the pacer's clock (the simulator's arrival times, and even the time the
		// awaiting code resumes, add the machine's own delays: under load, a turn granted in a batch resumes late).
		const leftAt: number[] = [];
		const gate = async () => {
			leftAt.push(await pacer.acquire());
		};
		const glance = new TenantOverview({
			tenant: 't',
			now: Date.now,
			client: {
				listSources: async (query, options) => client.listSources(query, {...options, onSend: gate}),
				listTaskStatus: async (query, options) => client.listTaskStatus(query, {...options, onSend: gate}),
				listSourceSchedules: async (id, options) => client.listSourceSchedules(id, {...options, onSend: gate}),
				getManagedCluster: async (id, options) => client.getManagedCluster(id, {...options, onSend: gate}),
			},
		});
		await glance.load();
		const api = sim.log.filter(entry => entry.path !== '/oauth/token');
		// 1 source page of 250, 1 running list, 3 chunk lists (50 + 50 + 20), 1 cluster, 120 schedules.
		expect(api.filter(entry => entry.path === '/v2025/task-status')).toHaveLength(4);
		expect(api.filter(entry => entry.path.endsWith('/schedules'))).toHaveLength(120);
		expect(api.some(entry => /^\/v2025\/task-status\/./.test(entry.path))).toBe(false);
		expect([glance.requests, pacer.sent]).toEqual([api.length, api.length]);
		expect(leftAt).toHaveLength(api.length);
		// Never more than 20 in any second: any 21 in a row span a second.
		for (let index = 0; index + 20 < leftAt.length; index++) {
			expect(leftAt[index + 20]! - leftAt[index]!).toBeGreaterThanOrEqual(1000);
		}

		expect(glance.complete).toBe(true);
		expect(glance.overviews().filter(line => line.lastRun !== null)).toHaveLength(40);
	});

	it('reads the schedules of the sources asked for first, and keeps them an hour', async () => {
		const list = sources(12);
		const {sim, client} = await tenant(list);
		let now = Date.now();
		const glance = new TenantOverview({tenant: 't', client, now: () => now, concurrency: 1});
		glance.prioritize([list[11]!.id, list[7]!.id]);
		await glance.load();
		const scheduleReads = () => sim.log.filter(entry => entry.path.endsWith('/schedules')).map(entry => entry.path.split('/')[3]);
		expect(scheduleReads().slice(0, 3)).toEqual([list[11]!.id, list[7]!.id, list[0]!.id]);
		expect(scheduleReads()).toHaveLength(12);
		now += 59 * 60_000;
		await glance.load();
		expect(scheduleReads()).toHaveLength(12);
		now += 2 * 60_000;
		await glance.load();
		expect(scheduleReads()).toHaveLength(24);
	});

	it('reads only the sources and their runs for the start picker (S); a full read asked meanwhile goes on to the schedules', async () => {
		const list = sources(60);
		const {sim, client} = await tenant(list, [ranEarlier(list[3]!, 3)]);
		const glance = new TenantOverview({tenant: 't', client, now: Date.now});
		const sent = () => sim.log.filter(entry => entry.path !== '/oauth/token').map(entry => entry.path.replace(/\/[\da-f]{32}\//, '/{id}/'));
		await glance.load('runs');
		// The sources, the running ones, then the newest runs of 50 sources a list: no cluster, no schedule.
		expect(sent()).toEqual(['/v2025/sources', '/v2025/task-status', '/v2025/task-status', '/v2025/task-status']);
		expect(glance.runsRead).toBe(true);
		expect(glance.complete).toBe(false);
		expect(glance.overviews().find(line => line.id === list[3]!.id)?.lastRun?.completionStatus).toBe('SUCCESS');
		expect(glance.overviews().find(line => line.id === list[4]!.id)?.lastRun).toBeNull();

		// O opens while S's read is under way: the same read goes on to the schedules, rather than a second one.
		const before = sim.log.length;
		const runsOnly = glance.load('runs');
		const all = glance.load();
		await Promise.all([runsOnly, all]);
		const again = sim.log.slice(before).filter(entry => entry.path !== '/oauth/token');
		expect(again.filter(entry => entry.path === '/v2025/sources')).toHaveLength(1);
		expect(again.filter(entry => entry.path.endsWith('/schedules'))).toHaveLength(60);
		expect(glance.complete).toBe(true);
	});
});
