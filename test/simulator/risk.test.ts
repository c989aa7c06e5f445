import {afterEach, describe, expect, it} from 'vitest';
import {IscClient} from '../../source/isc/client.js';
import type {SimSource} from '../../source/simulator/types.js';
import {get, id, manualClock, plan, simulators, statusPath, token} from './helpers.js';

const sims = simulators();
afterEach(async () => sims.closeAll());

const OKTA: SimSource = {id: 'd'.repeat(32), name: 'Okta', type: 'Okta', deleteThreshold: 10};
const LDAP: SimSource = {id: 'e'.repeat(32), name: 'LDAP', type: 'LDAP'};

type Body = Record<string, unknown>;

describe('deleteThreshold', () => {
	it("each source has one (ISC's default 10 when the scenario sets none), and the client reads it", async () => {
		const clock = manualClock();
		const sim = await sims.start({now: clock.now, tokenLifetimeSec: 100_000, sources: [{...OKTA, deleteThreshold: 25}, LDAP]});
		const bearer = await token(sim);
		expect(((await get(sim, `/v2025/sources/${OKTA.id}`, bearer)).body as Body)['deleteThreshold']).toBe(25);
		expect(((await get(sim, `/v2025/sources/${LDAP.id}`, bearer)).body as Body)['deleteThreshold']).toBe(10);

		const client = new IscClient({baseUrl: sim.url, clientId: 'demo-client', clientSecret: 'demo-secret'});
		try {
			expect((await client.getSource(OKTA.id)).deleteThreshold).toBe(25);
			expect((await client.listSources()).map(source => source.deleteThreshold)).toEqual([25, 10]);
		} finally {
			client.close();
		}
	});

	it("a run marking more than the threshold's share of its accounts deletes nothing; one under it deletes", async () => {
		const clock = manualClock();
		const sim = await sims.start({
			now: clock.now,
			tokenLifetimeSec: 100_000,
			sources: [OKTA],
			aggregations: [
				plan(id(1), {sourceId: OKTA.id, totalAccounts: 1000, totalAccountsMarkedForDeletion: 150}),
				plan(id(2), {sourceId: OKTA.id, totalAccounts: 1000, totalAccountsMarkedForDeletion: 100}),
			],
		});
		const bearer = await token(sim);
		clock.at(60_000);
		expect((await get(sim, statusPath(id(1)), bearer)).body).toMatchObject({
			status: 'COMPLETED',
			totalAccountsMarkedForDeletion: 150,
			deletedAccounts: 0,
		});
		// 10% exactly is not over the threshold.
		expect((await get(sim, statusPath(id(2)), bearer)).body).toMatchObject({
			status: 'COMPLETED',
			totalAccountsMarkedForDeletion: 100,
			deletedAccounts: 100,
		});
	});
});

describe('a stalled run', () => {
	it('stops counting for the stall, then goes on and ends that much later', async () => {
		const clock = manualClock();
		const sim = await sims.start({
			now: clock.now,
			tokenLifetimeSec: 100_000,
			aggregations: [plan(id(3), {stall: {atMs: 4000, forMs: 30_000}})],
		});
		const bearer = await token(sim);
		const processed = async (at: number) => {
			clock.at(at);
			return (await get(sim, statusPath(id(3)), bearer)).body as Body;
		};

		// The helper's plan: 10 s collecting, then 1,000 accounts at 100/s.
		expect(await processed(14_000)).toMatchObject({status: 'ACCOUNTS_COLLECTED', processedAccounts: 400});
		expect(await processed(30_000)).toMatchObject({status: 'ACCOUNTS_COLLECTED', processedAccounts: 400});
		expect(await processed(44_000)).toMatchObject({status: 'ACCOUNTS_COLLECTED', processedAccounts: 400});
		expect(await processed(45_000)).toMatchObject({status: 'ACCOUNTS_COLLECTED', processedAccounts: 500});
		expect(await processed(49_999)).toMatchObject({status: 'ACCOUNTS_COLLECTED'});
		expect(await processed(50_000)).toMatchObject({status: 'COMPLETED', processedAccounts: 1000});
	});

	it('a stall that never ends keeps it running', async () => {
		const clock = manualClock();
		const sim = await sims.start({
			now: clock.now,
			tokenLifetimeSec: 100_000,
			aggregations: [plan(id(4), {stall: {atMs: 2000, forMs: Number.POSITIVE_INFINITY}})],
		});
		const bearer = await token(sim);
		clock.at(10 * 3_600_000);
		expect((await get(sim, statusPath(id(4)), bearer)).body).toMatchObject({status: 'ACCOUNTS_COLLECTED', processedAccounts: 200});
	});
});

describe("SourceThresholds (the monitor's deleteThreshold look-ups)", () => {
	it('reads each source once for any number of its aggregations, finding the source from the task', async () => {
		const {SourceThresholds} = await import('../../source/commands/source-thresholds.js');
		const clock = manualClock();
		const sim = await sims.start({
			now: clock.now,
			tokenLifetimeSec: 100_000,
			sources: [OKTA, LDAP],
			aggregations: [
				plan(id(5), {sourceId: OKTA.id, sourceName: 'Okta'}),
				plan(id(6), {sourceId: OKTA.id, sourceName: 'Okta'}),
				plan(id(7), {sourceId: LDAP.id, sourceName: 'LDAP'}),
			],
		});
		const client = new IscClient({baseUrl: sim.url, clientId: 'demo-client', clientSecret: 'demo-secret'});
		try {
			const thresholds = new SourceThresholds(client, {retries: 0});
			expect(await thresholds.forAggregation(id(5))).toBe(10);
			expect(await thresholds.forAggregation(id(6))).toBe(10);
			thresholds.rememberSource(id(7), LDAP.id);
			expect(await thresholds.forAggregation(id(7))).toBe(10);
			expect(await thresholds.forAggregation(id(5))).toBe(10);
			const reads = sim.log.filter(entry => entry.path.startsWith('/v2025/sources/')).map(entry => entry.path);
			expect(reads.sort()).toEqual([`/v2025/sources/${LDAP.id}`, `/v2025/sources/${OKTA.id}`].sort());
			// Two task look-ups (5 and 6); 7's source was known from the name look-up.
			expect(sim.log.filter(entry => entry.path === '/v2025/task-status')).toHaveLength(2);
		} finally {
			client.close();
		}
	});
});
