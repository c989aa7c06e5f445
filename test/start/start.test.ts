import {afterEach, describe, expect, it} from 'vitest';
import {ExitCode} from '../../source/domain/exit-codes.js';
import {runStart} from '../../source/commands/start.js';
import {openHistory} from '../../source/store/history-file.js';
import {openStore} from '../../source/store/config.js';
import type {SimSource} from '../../source/simulator/types.js';
import {CLIENT_ID, CLIENT_SECRET, commandHarness, TENANT, type CommandHarness} from '../discover/command-context.js';
import {AD, HR_CSV} from '../discover/fixtures.js';

/** Aggregates 10 accounts in about 110 ms. */
const WORKDAY: SimSource = {
	id: '2c91808a7813090a01781412a6a90001',
	name: 'Workday',
	type: 'Workday',
	plan: {collectMs: 100, totalAccounts: 10, accountsPerSecond: 1000, outcome: {type: 'COMPLETED'}},
};

/** Gives up after one short retry. */
const SALESFORCE: SimSource = {
	id: '2c91808a7813090a01781412a6a90004',
	name: 'Salesforce',
	type: 'Salesforce',
	plan: {collectMs: 100, totalAccounts: 0, accountsPerSecond: 1, outcome: {type: 'TERMINATED', retries: 1, retryMs: 100}},
};

const LOAD = (source: SimSource) => `/v2025/sources/${source.id}/load-accounts`;

let harness: CommandHarness | undefined;

afterEach(async () => {
	await harness?.close();
	harness = undefined;
});

async function tenant(): Promise<CommandHarness> {
	harness = await commandHarness({sources: [WORKDAY, AD, HR_CSV, SALESFORCE]});
	return harness;
}

function posts(h: CommandHarness) {
	return h.sim.log.filter(entry => entry.method === 'POST' && entry.path.endsWith('/load-accounts'));
}

function tracked(h: CommandHarness) {
	return openStore({cwd: h.configDir}).store.listTracked();
}

/** The TaskStatus the tenant keeps for an aggregation, as raw JSON (for fields aggwatch's parser drops). */
async function rawTask(h: CommandHarness, id: string): Promise<Record<string, unknown>> {
	const grant = await fetch(`${h.sim.url}/oauth/token`, {
		method: 'POST',
		body: new URLSearchParams({grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: CLIENT_SECRET}),
	});
	const {access_token: token} = (await grant.json()) as {access_token: string};
	const response = await fetch(`${h.sim.url}/v2025/task-status/${id}`, {headers: {authorization: `Bearer ${token}`}});
	return (await response.json()) as Record<string, unknown>;
}

describe('aggwatch start', () => {
	it('starts by exact name: one POST, the id alone on standard output, tracked with the source name', async () => {
		const h = await tenant();
		const context = h.context();
		expect(await runStart(context, ['Workday'])).toBe(ExitCode.ok);

		expect(context.captured.out).toHaveLength(1);
		const id = context.captured.out[0]!;
		expect(id).toMatch(/^[\da-f]{32}$/);
		expect(h.sim.aggregations().map(aggregation => aggregation.id)).toEqual([id]);
		expect(posts(h).map(entry => entry.path)).toEqual([LOAD(WORKDAY)]);
		expect(h.sim.log.find(entry => entry.path === '/v2025/sources')?.query['filters']).toBe('name eq "Workday"');
		expect(tracked(h)).toEqual([expect.objectContaining({id, tenant: TENANT, label: 'Workday'})]);
		expect(context.captured.err).toEqual([
			`aggwatch: started an account aggregation of "Workday": ${id}; follow it with: aggwatch wait ${id}`,
		]);
	});

	it('starts by source id, looking the source up by id and not by name', async () => {
		const h = await tenant();
		const context = h.context();
		expect(await runStart(context, [AD.id])).toBe(ExitCode.ok);
		const id = context.captured.out[0]!;
		expect(posts(h).map(entry => entry.path)).toEqual([LOAD(AD)]);
		expect(h.sim.log.filter(entry => entry.path === '/v2025/sources')).toEqual([]);
		expect(tracked(h)).toEqual([expect.objectContaining({id, label: 'Active Directory'})]);
	});

	it('asks the tenant for an unoptimised aggregation with --disable-optimization', async () => {
		const h = await tenant();
		const plain = h.context();
		const unoptimised = h.context({'disable-optimization': true, json: true});
		expect(await runStart(plain, ['Active Directory'])).toBe(ExitCode.ok);
		expect(await runStart(unoptimised, ['Workday'])).toBe(ExitCode.ok);
		const started = JSON.parse(unoptimised.captured.out[0]!) as {id: string};
		expect(started).toMatchObject({
			event: 'started',
			tenant: TENANT,
			source: {id: WORKDAY.id, name: 'Workday'},
			disableOptimization: true,
			tracked: true,
		});
		expect((await rawTask(h, plain.captured.out[0]!))['attributes']).toMatchObject({optimizedAggregation: 'enabled'});
		expect((await rawTask(h, started.id))['attributes']).toMatchObject({optimizedAggregation: 'disabled'});
	});

	it('refuses a delimited-file source before sending anything, and says why', async () => {
		const h = await tenant();
		const context = h.context();
		expect(await runStart(context, ['HR CSV'])).toBe(ExitCode.usage);
		expect(context.captured.out).toEqual([]);
		expect(context.captured.err.join('\n')).toMatch(
			/"HR CSV" is a delimited-file source: its aggregation needs the CSV file uploaded .* aggwatch does not do/,
		);
		expect(context.captured.err.join('\n')).toContain('Nothing was sent');
		expect(posts(h)).toEqual([]);
		expect(tracked(h)).toEqual([]);
	});

	it('sends the POST once when its answer is lost, and says the outcome is unknown and how to check', async () => {
		const h = await tenant();
		h.sim.addFault({fault: {type: 'reset'}, pathPrefix: '/v2025/sources/', count: 1});
		const context = h.context();
		expect(await runStart(context, ['Workday'])).toBe(ExitCode.requestFailed);

		expect(posts(h)).toHaveLength(1);
		expect(posts(h)[0]?.fault).toBe('reset');
		// The simulator drops the connection before acting on it; a retry would have started one.
		expect(h.sim.aggregations()).toEqual([]);
		expect(context.captured.out).toEqual([]);
		const message = context.captured.err.join('\n');
		expect(message).toContain('may or may not have started an aggregation');
		expect(message).toContain('it was not sent again');
		expect(message).toContain('aggwatch discover');
		expect(tracked(h)).toEqual([]);

		// Run again (the fault is spent): exactly one aggregation is started.
		const again = h.context();
		expect(await runStart(again, ['Workday'])).toBe(ExitCode.ok);
		expect(h.sim.aggregations().map(aggregation => aggregation.id)).toEqual([again.captured.out[0]]);
		expect(posts(h)).toHaveLength(2);
	});

	it('says nothing was started when the tenant refuses the POST', async () => {
		const h = await tenant();
		h.sim.addFault({fault: {type: 'status', status: 403}, pathPrefix: LOAD(WORKDAY), count: 1});
		const context = h.context();
		expect(await runStart(context, ['Workday'])).toBe(ExitCode.auth);
		expect(posts(h)).toHaveLength(1);
		expect(context.captured.err.join('\n')).toMatch(/could not start an account aggregation of "Workday": .*No aggregation was started/);
		expect(context.captured.err.join('\n')).not.toContain('may or may not');
	});

	it('reports an unknown source with similar names, and exits 3', async () => {
		const h = await tenant();
		const context = h.context();
		expect(await runStart(context, ['Work'])).toBe(ExitCode.notFound);
		expect(context.captured.err).toEqual(['aggwatch: no source is named "Work"; similar names: "Workday"']);
		expect(posts(h)).toEqual([]);
	});

	it('takes the one spelling that matches exactly, and asks for an id when case alone cannot tell', async () => {
		harness = await commandHarness({sources: [WORKDAY, {id: '2c91808a7813090a01781412a6a90077', name: 'WORKDAY', type: 'Workday'}]});
		const exact = harness.context();
		expect(await runStart(exact, ['WORKDAY'])).toBe(ExitCode.ok);
		expect(posts(harness).map(entry => entry.path)).toEqual(['/v2025/sources/2c91808a7813090a01781412a6a90077/load-accounts']);

		const unclear = harness.context();
		expect(await runStart(unclear, ['workday'])).toBe(ExitCode.usage);
		expect(unclear.captured.err[0]).toMatch(
			/several sources are named "workday": .*2c91808a7813090a01781412a6a90001.*2c91808a7813090a01781412a6a90077.*start one by its id/,
		);
		expect(posts(harness)).toHaveLength(1);
	});

	it('takes a name whose only match differs in case', async () => {
		const h = await tenant();
		const context = h.context();
		expect(await runStart(context, ['active directory'])).toBe(ExitCode.ok);
		expect(posts(h).map(entry => entry.path)).toEqual([LOAD(AD)]);
	});

	it('refuses no source or several words', async () => {
		const h = await tenant();
		await expect(runStart(h.context(), [])).rejects.toThrow(/start needs a source/);
		await expect(runStart(h.context(), ['HR', 'CSV'])).rejects.toThrow(/quote a name with spaces: aggwatch start "HR CSV"/);
		expect(h.sim.log).toEqual([]);
	});

	it('--wait waits for the end like aggwatch wait, records it in the history, and exits 0 on COMPLETED', async () => {
		const h = await tenant();
		const context = h.context({wait: true, interval: '1'});
		expect(await runStart(context, ['Workday'])).toBe(ExitCode.ok);
		const [id, ...lines] = context.captured.out;
		expect(lines.at(-2)).toMatch(new RegExp(`${id}\\s+COMPLETED\\s+10/10`));
		expect(lines.at(-1)).toBe('1 ended: 1 ok → exit 0');
		expect(context.captured.err).toEqual([`aggwatch: started an account aggregation of "Workday": ${id}`]);

		const entries = openHistory({cwd: h.configDir}).list();
		expect(entries).toEqual([
			expect.objectContaining({
				tenant: TENANT,
				id,
				source: 'Workday',
				status: 'COMPLETED',
				counts: expect.objectContaining({processedAccounts: 10}),
			}),
		]);
		// Seen running one poll before the end: the duration is as observed, within a poll interval of the truth.
		expect(entries[0]?.lastSeenRunning).toEqual(expect.any(String));
		expect(entries[0]?.durationMs).toBeGreaterThan(100);
		expect(entries[0]?.durationMs).toBeLessThan(10_000);
	});

	it('--wait exits 2 when the aggregation is TERMINATED', async () => {
		const h = await tenant();
		const context = h.context({wait: true, interval: '1', json: true});
		expect(await runStart(context, ['Salesforce'])).toBe(ExitCode.failed);
		const events = context.captured.out.map(line => JSON.parse(line) as {event: string; exitCode?: number});
		expect(events[0]?.event).toBe('started');
		expect(events.at(-1)).toMatchObject({event: 'summary', exitCode: ExitCode.failed});
		expect(openHistory({cwd: h.configDir}).list()).toEqual([expect.objectContaining({source: 'Salesforce', status: 'TERMINATED'})]);
	});
});
