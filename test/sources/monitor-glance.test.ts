/**
 * The monitor's sources at a glance (commands/monitor/sources-glance.ts), read in-process from a simulated tenant:
 * nothing is asked before the screen asks, the screen is told as answers come, the lines of every tenant are given
 * together, a tenant that cannot be reached says so on one line without hiding the others, and a source's runs are
 * there for its details.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {createSourcesGlance} from '../../source/commands/monitor/sources-glance.js';
import type {OverviewClient} from '../../source/commands/source-overview-reader.js';
import {IscError} from '../../source/domain/errors.js';
import {IscClient} from '../../source/isc/client.js';
import {startSimulator} from '../../source/simulator/server.js';

const CLIENT = {clientId: 'glance-client', clientSecret: 'glance-secret'};
const open: Array<{close(): unknown}> = [];
afterEach(async () => {
	for (const item of open.splice(0)) {
		await item.close();
	}
});

const SOURCE = {id: `5${'0'.repeat(31)}`, name: 'Workday', type: 'Workday', schedules: [{cronExpression: '0 0 2 * * ?'}]};

async function waitUntil(what: string, condition: () => boolean): Promise<void> {
	const deadline = Date.now() + 20_000;
	while (!condition()) {
		if (Date.now() > deadline) {
			throw new Error(`timed out waiting for ${what}`);
		}

		await new Promise(resolve => {
			setTimeout(resolve, 20);
		});
	}
}

describe('the monitor glance', () => {
	it('reads only when asked, tells the screen as answers come, and keeps a failing tenant to one line', async () => {
		const sim = await startSimulator({
			clients: [CLIENT],
			sources: [SOURCE],
			aggregations: [
				{
					id: `a${'0'.repeat(31)}`,
					sourceId: SOURCE.id,
					sourceName: SOURCE.name,
					startAtMs: -3_600_000,
					collectMs: 1000,
					totalAccounts: 100,
					accountsPerSecond: 100,
					outcome: {type: 'COMPLETED'},
				},
			],
			rateLimit: false,
		});
		const client = new IscClient({baseUrl: sim.url, ...CLIENT}, {retries: 0});
		open.push(sim, {close: () => client.close()});
		const asked: string[] = [];
		const glance = createSourcesGlance({
			tenants: ['acme', 'broken'],
			async clientOf(tenant): Promise<OverviewClient> {
				asked.push(tenant);
				if (tenant === 'broken') {
					throw new IscError({kind: 'auth', message: 'invalid client credentials'});
				}

				return client;
			},
			now: () => Date.now(),
		});

		// Made with the monitor, it asks nothing until the screen opens.
		expect(asked).toEqual([]);
		expect(glance.overviews()).toEqual([]);
		expect(glance.status().complete).toBe(false);

		let told = 0;
		const stop = glance.subscribe(() => {
			told++;
		});
		glance.prioritize([{tenant: 'acme', id: SOURCE.id}]);
		glance.refresh();
		await waitUntil('every answer', () => glance.status().complete);
		stop();

		expect(told).toBeGreaterThan(1);
		expect(asked).toContain('acme');
		const lines = glance.overviews();
		expect(lines.map(line => [line.tenant, line.name])).toEqual([['acme', 'Workday']]);
		expect(lines[0]?.lastRun?.completionStatus).toBe('SUCCESS');
		expect(lines[0]?.schedule?.cron).toBe('0 0 2 * * ?');
		expect(glance.status().errors).toHaveLength(1);
		expect(glance.status().errors[0]).toMatch(/^broken: .*invalid client credentials/);
		expect(glance.runsOf('acme', SOURCE.id).map(run => run.id)).toEqual([`a${'0'.repeat(31)}`]);
		expect(glance.runsOf('broken', SOURCE.id)).toEqual([]);

		// Unsubscribed: a later read tells nobody.
		const before = told;
		glance.refresh();
		await waitUntil('the second read', () => glance.status().complete);
		expect(told).toBe(before);
	}, 60_000);
});
