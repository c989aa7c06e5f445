import {afterEach, describe, expect, it} from 'vitest';
import {idInFilter, labelForAggregation} from '../../source/commands/aggregation-labels.js';
import {IscClient} from '../../source/isc/client.js';
import {SourceNames, stripSourceSuffix} from '../../source/isc/source-names.js';
import {aggregationId, CLIENT_ID, CLIENT_SECRET, commandHarness, type CommandHarness} from './command-context.js';
import {AD, finished, running, WORKDAY} from './fixtures.js';

let harness: CommandHarness | undefined;

afterEach(async () => {
	await harness?.close();
	harness = undefined;
});

/** The real client, over loopback HTTP to the simulated tenant. */
function taskStatusQuery(baseUrl: string, clientId: string, clientSecret: string): IscClient {
	return new IscClient({baseUrl, clientId, clientSecret});
}

function taskRequests(h: CommandHarness) {
	return h.sim.log.filter(entry => entry.path === '/v2025/task-status');
}

describe('labelForAggregation', () => {
	it('names running and finished aggregations by their source, and leaves out ids the tenant does not know', async () => {
		const runningId = aggregationId(1);
		const doneId = aggregationId(2);
		const unknownId = aggregationId(3);
		harness = await commandHarness({
			sources: [WORKDAY, AD],
			aggregations: [running(runningId, WORKDAY, -1000), finished(doneId, AD, {type: 'CANCELLED', afterMs: 500})],
		});
		const labels = await labelForAggregation(taskStatusQuery(harness.sim.url, CLIENT_ID, CLIENT_SECRET), [runningId, doneId, unknownId]);
		expect(labels).toEqual(
			new Map([
				[runningId, 'Workday'],
				[doneId, 'Active Directory'],
			]),
		);
		expect(taskRequests(harness)).toHaveLength(1);
		expect(taskRequests(harness)[0]?.query['filters']).toBe(idInFilter([runningId, doneId, unknownId]));
		expect(taskRequests(harness)[0]?.status).toBe(200);
	});

	it('asks in batches: 230 ids take three requests of at most 100', async () => {
		const plans = Array.from({length: 230}, (_, n) => running(aggregationId(n), n % 3 === 0 ? AD : WORKDAY, -1000 * (n + 1)));
		harness = await commandHarness({sources: [WORKDAY, AD], aggregations: plans});
		const ids = plans.map(plan => plan.id);
		const labels = await labelForAggregation(taskStatusQuery(harness.sim.url, CLIENT_ID, CLIENT_SECRET), [...ids, ids[0]!]);
		expect(labels.size).toBe(230);
		expect(labels.get(ids[3]!)).toBe('Active Directory');
		expect(labels.get(ids[4]!)).toBe('Workday');
		const sizes = taskRequests(harness).map(entry => (entry.query['filters']?.match(/"/g)?.length ?? 0) / 2);
		expect(sizes).toEqual([100, 100, 30]);
	});

	it('takes up to 250 ids per request when asked, and no more', async () => {
		const plans = Array.from({length: 260}, (_, n) => running(aggregationId(n), WORKDAY, -1000 * (n + 1)));
		harness = await commandHarness({sources: [WORKDAY], aggregations: plans});
		const labels = await labelForAggregation(
			taskStatusQuery(harness.sim.url, CLIENT_ID, CLIENT_SECRET),
			plans.map(plan => plan.id),
			{batchSize: 1000},
		);
		expect(labels.size).toBe(260);
		expect(taskRequests(harness).map(entry => entry.query['limit'])).toEqual(['250', '10']);
	});

	it('looks up the source by id when the task does not name it, once per source', async () => {
		const okta = {id: '2c91808a7813090a01781412a6a90009', name: 'Okta', type: 'Okta'};
		const nameless = {...okta, name: ''};
		harness = await commandHarness({
			sources: [okta],
			aggregations: [running(aggregationId(1), nameless, -1000), running(aggregationId(2), nameless, -2000)],
		});
		const client = new IscClient({baseUrl: harness.sim.url, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET});
		try {
			const names = new SourceNames(client);
			const query = taskStatusQuery(harness.sim.url, CLIENT_ID, CLIENT_SECRET);
			expect(await labelForAggregation(query, [aggregationId(1), aggregationId(2)])).toEqual(new Map());
			expect(await labelForAggregation(query, [aggregationId(1), aggregationId(2)], {names})).toEqual(
				new Map([
					[aggregationId(1), 'Okta'],
					[aggregationId(2), 'Okta'],
				]),
			);
			expect(harness.sim.log.filter(entry => entry.path === `/v2025/sources/${okta.id}`)).toHaveLength(1);
		} finally {
			client.close();
		}
	});

	it('makes no request for no ids', async () => {
		harness = await commandHarness();
		expect(await labelForAggregation(taskStatusQuery(harness.sim.url, CLIENT_ID, CLIENT_SECRET), [])).toEqual(new Map());
		expect(taskRequests(harness)).toEqual([]);
	});
});

describe('SourceNames', () => {
	it('strips the " [source]" suffix ISC puts on task targets', () => {
		expect(stripSourceSuffix('Workday [source]')).toBe('Workday');
		expect(stripSourceSuffix('  HR [Main] [SOURCE] ')).toBe('HR [Main]');
		expect(stripSourceSuffix('Workday')).toBe('Workday');
		expect(stripSourceSuffix(' [source]')).toBe('');
		expect(stripSourceSuffix('Thing[source]')).toBe('Thing[source]');
	});

	it('caches names, remembers a missing source, and tries again after other failures', async () => {
		harness = await commandHarness({sources: [WORKDAY, AD]});
		const client = new IscClient({baseUrl: harness.sim.url, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET}, {retries: 0});
		try {
			const failures: string[] = [];
			const names = new SourceNames(client, {onError: (id, error) => failures.push(`${id}: ${error.kind}`)});
			const missing = '2c91808a7813090a01781412a6a9ffff';
			const lookups = (id: string) => harness!.sim.log.filter(entry => entry.path === `/v2025/sources/${id}`).length;

			expect(await Promise.all([names.nameForSourceId(WORKDAY.id), names.nameForSourceId(WORKDAY.id)])).toEqual(['Workday', 'Workday']);
			expect(await names.nameForSourceId(WORKDAY.id)).toBe('Workday');
			expect(lookups(WORKDAY.id)).toBe(1);

			expect(await names.nameForSourceId(missing)).toBeUndefined();
			expect(await names.nameForSourceId(missing)).toBeUndefined();
			expect(lookups(missing)).toBe(1);

			const other = AD.id;
			harness.sim.addFault({fault: {type: 'status', status: 503}, pathPrefix: `/v2025/sources/${other}`, count: 1});
			expect(await names.nameForSourceId(other)).toBeUndefined();
			expect(failures).toEqual([`${other}: server`]);
			expect(await names.nameForSourceId(other)).toBe('Active Directory');
			expect(lookups(other)).toBe(2);
		} finally {
			client.close();
		}
	});
});
