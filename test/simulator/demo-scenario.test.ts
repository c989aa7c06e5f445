import {afterEach, describe, expect, it} from 'vitest';
import {
	DEMO_AGGREGATION_IDS,
	DEMO_CLIENT,
	DEMO_MISSING_ID,
	DEMO_SOURCES,
	demoScenario,
	demoTrackedIds,
} from '../../source/simulator/demo-scenario.js';
import type {Simulator} from '../../source/simulator/types.js';
import {get, manualClock, post, simulators, statusPath, token, type ManualClock} from './helpers.js';

const sims = simulators();
afterEach(async () => sims.closeAll());

async function demo(): Promise<{sim: Simulator; clock: ManualClock}> {
	const clock = manualClock();
	const sim = await sims.start({...demoScenario(), now: clock.now});
	return {sim, clock};
}

function truth(sim: Simulator): Map<string, string> {
	return new Map(sim.aggregations().map(view => [view.id, view.status]));
}

describe('demo scenario', () => {
	it('tracks ten distinct well-formed ids at first, one of which never exists', async () => {
		const {sim} = await demo();
		const tracked = demoTrackedIds();
		expect(tracked).toHaveLength(10);
		expect(new Set(tracked).size).toBe(10);
		for (const tracked_id of tracked) {
			expect(tracked_id).toMatch(/^[\da-f]{32}$/);
		}

		expect(tracked).toContain(DEMO_MISSING_ID);
		expect(sim.aggregations().map(view => view.id)).not.toContain(DEMO_MISSING_ID);
	});

	it('shows every status, an expiry and the missing id within two minutes', async () => {
		const {sim, clock} = await demo();
		const seen = new Set<string>();
		const tracked = demoTrackedIds().filter(tracked_id => tracked_id !== DEMO_MISSING_ID);
		for (let second = 0; second <= 120; second++) {
			clock.at(second * 1000);
			const now = truth(sim);
			for (const tracked_id of tracked) {
				seen.add(now.get(tracked_id) ?? 'absent');
			}
		}

		expect([...seen].sort()).toEqual(['ACCOUNTS_COLLECTED', 'CANCELLED', 'COMPLETED', 'GONE', 'RETRIED', 'STARTED', 'TERMINATED']);
	});

	it("stalls LDAP for 45 s and then finishes it, and holds back Okta's deletions, within two minutes", async () => {
		const {sim, clock} = await demo();
		const bearer = await token(sim, DEMO_CLIENT.clientId, DEMO_CLIENT.clientSecret);
		const okta = (await get(sim, `/v2025/sources/${DEMO_SOURCES.okta.id}`, bearer)).body as Record<string, unknown>;
		expect(okta['deleteThreshold']).toBe(10);
		clock.at(30_000);
		expect((await get(sim, statusPath(DEMO_AGGREGATION_IDS.oktaHeldBack), bearer)).body).toMatchObject({
			status: 'COMPLETED',
			totalAccounts: 4000,
			totalAccountsMarkedForDeletion: 900,
			deletedAccounts: 0,
		});

		const ldapAt = (ms: number) => {
			clock.at(ms);
			return sim.aggregations().find(view => view.id === DEMO_AGGREGATION_IDS.ldapStalled);
		};

		expect(ldapAt(21_000)).toMatchObject({status: 'ACCOUNTS_COLLECTED', processedAccounts: 7500});
		expect(ldapAt(64_000)).toMatchObject({status: 'ACCOUNTS_COLLECTED', processedAccounts: 7500});
		expect(ldapAt(70_000)?.processedAccounts).toBeGreaterThan(7500);
		expect(ldapAt(110_000)).toMatchObject({status: 'COMPLETED', processedAccounts: 30_000});
	});

	it('ends one run WARNING and one ERROR within two minutes, with their messages and figures in the task', async () => {
		const {sim, clock} = await demo();
		clock.at(120_000);
		const bearer = await token(sim, DEMO_CLIENT.clientId, DEMO_CLIENT.clientSecret);
		const outcomes = new Map<string, {completionStatus: string; messages: Array<{type: string}>; attributes: Record<string, unknown>}>();
		for (const trackedId of demoTrackedIds().filter(candidate => candidate !== DEMO_MISSING_ID)) {
			const answer = await get(sim, `/v2025/task-status/${trackedId}`, bearer);
			expect(answer.status).toBe(200);
			const task = answer.body as {completionStatus: string; messages: Array<{type: string}>; attributes: Record<string, unknown>};
			if (task.completionStatus !== null) {
				outcomes.set(trackedId, task);
			}
		}

		const byStatus = (wanted: string) => [...outcomes.values()].filter(task => task.completionStatus === wanted);
		const warned = outcomes.get(DEMO_AGGREGATION_IDS.activeDirectoryEuWarnings);
		const errored = outcomes.get(DEMO_AGGREGATION_IDS.jiraErrors);
		expect(warned?.completionStatus).toBe('WARNING');
		expect(warned?.messages.map(message => message.type)).toEqual(['WARN', 'WARN', 'WARN']);
		// Shaped as real tenants send them: figures as digit strings, the source's name among them.
		expect(warned?.attributes).toMatchObject({total: '48000', applications: 'Active Directory EU', optimizedAggregation: 'enabled'});
		// In the spelling some real tenants use.
		expect(errored?.completionStatus).toBe('Error');
		expect(errored?.messages).toHaveLength(2);
		// Okta's deletions were skipped: its task ends WARNING with ISC's own words for it.
		const okta = outcomes.get(DEMO_AGGREGATION_IDS.oktaHeldBack) as unknown as {
			completionStatus: string;
			messages: Array<{localizedText: unknown}>;
		};
		expect(okta.completionStatus).toBe('WARNING');
		expect(String(okta.messages[0]?.localizedText)).toContain('Account deletion was skipped');
		expect(byStatus('SUCCESS').length).toBeGreaterThan(0);
		expect(byStatus('TERMINATED').length).toBeGreaterThan(0);
		expect((await get(sim, `/v2025/task-status/${DEMO_MISSING_ID}`, bearer)).status).toBe(404);
	});

	it('never runs two aggregations of one source at once, as ISC refuses a second start of a running source', async () => {
		const {sim, clock} = await demo();
		const runningStatuses = new Set(['STARTED', 'ACCOUNTS_COLLECTED', 'RETRIED']);
		const sources = new Set<string>();
		for (let second = -90; second <= 600; second++) {
			clock.at(second * 1000);
			const running = sim
				.aggregations()
				.filter(view => runningStatuses.has(view.status))
				.map(view => view.sourceName);
			for (const name of running) {
				sources.add(name);
			}

			expect({second, running: [...running].sort()}).toEqual({second, running: [...new Set(running)].sort()});
		}

		// Every source but HR CSV (which ended an hour ago) ran during the sweep, Workday twice one after the other.
		expect(sources.size).toBe(Object.keys(DEMO_SOURCES).length - 1);
	});

	it('keeps the long aggregation running for minutes with a large account count', async () => {
		const {sim, clock} = await demo();
		clock.at(120_000);
		const long = sim.aggregations().find(view => view.totalAccounts !== undefined && view.totalAccounts >= 100_000);
		expect(long?.status).toBe('ACCOUNTS_COLLECTED');
		clock.at(600_000);
		expect(sim.aggregations().find(view => view.id === long?.id)?.status).toBe('COMPLETED');
	});

	it('rate limits the API for a spell, then answers one 401 for a revoked token', async () => {
		const {sim, clock} = await demo();
		const bearer = await token(sim, DEMO_CLIENT.clientId, DEMO_CLIENT.clientSecret);
		const [first] = demoTrackedIds();
		const path = statusPath(first!);

		clock.at(44_000);
		expect((await get(sim, path, bearer)).status).toBe(200);
		clock.at(48_000);
		const limited = await get(sim, path, bearer);
		expect(limited.status).toBe(429);
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
		clock.at(52_000);
		expect((await get(sim, path, bearer)).status).toBe(200);

		clock.at(80_000);
		const fresh = await token(sim, DEMO_CLIENT.clientId, DEMO_CLIENT.clientSecret);
		expect((await get(sim, path, fresh)).status).toBe(401);
		expect((await get(sim, path, fresh)).status).toBe(200);
		expect((await get(sim, statusPath(DEMO_MISSING_ID), fresh)).status).toBe(404);
	});

	it('issues short-lived tokens so the client renews them during the demo', async () => {
		const {sim} = await demo();
		const result = await fetch(`${sim.url}/oauth/token`, {
			method: 'POST',
			body: new URLSearchParams({
				grant_type: 'client_credentials',
				client_id: DEMO_CLIENT.clientId,
				client_secret: DEMO_CLIENT.clientSecret,
			}),
		});
		const {expires_in: expiresIn} = (await result.json()) as {expires_in: number};
		expect(expiresIn).toBeLessThanOrEqual(120);
	});

	it('lets `start` run on every source, except the delimited file without a CSV', async () => {
		const {sim} = await demo();
		const bearer = await token(sim, DEMO_CLIENT.clientId, DEMO_CLIENT.clientSecret);
		const sources = (await get(sim, '/v2025/sources', bearer)).body as Array<{id: string; name: string; type: string}>;
		expect(sources.map(source => source.name).sort()).toEqual([
			'Active Directory',
			'Active Directory EU',
			'HR CSV',
			'Jira',
			'LDAP',
			'Okta',
			'Salesforce',
			'ServiceNow',
			'Workday',
		]);
		for (const source of sources) {
			const result = await post(sim, `/v2025/sources/${source.id}/load-accounts`, bearer, new FormData());
			expect(result.status, source.name).toBe(source.id === DEMO_SOURCES.hrCsv.id ? 400 : 202);
		}
	});
});
