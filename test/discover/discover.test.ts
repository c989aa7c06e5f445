import {afterEach, describe, expect, it} from 'vitest';
import {ExitCode} from '../../source/domain/exit-codes.js';
import {runDiscover} from '../../source/commands/discover.js';
import {listAllRunning} from '../../source/commands/running-aggregations.js';
import {IscClient} from '../../source/isc/client.js';
import {openStore} from '../../source/store/config.js';
import {aggregationId, CLIENT_ID, CLIENT_SECRET, commandHarness, TENANT, type CommandHarness} from './command-context.js';
import {AD, finished, running, WORKDAY} from './fixtures.js';

let harness: CommandHarness | undefined;

afterEach(async () => {
	await harness?.close();
	harness = undefined;
});

const NEWEST = aggregationId(1, 'feed00');
const MIDDLE = aggregationId(2, 'feed00');
const OLDEST = aggregationId(3, 'feed00');
const DONE = aggregationId(4, 'feed00');
const CANCELLED = aggregationId(5, 'feed00');

async function mixedTenant(): Promise<CommandHarness> {
	harness = await commandHarness({
		sources: [WORKDAY, AD],
		aggregations: [
			running(MIDDLE, AD, -120_000),
			running(NEWEST, WORKDAY, -60_000),
			finished(DONE, WORKDAY),
			running(OLDEST, WORKDAY, -3_600_000),
			finished(CANCELLED, AD, {type: 'CANCELLED', afterMs: 1500}),
		],
	});
	return harness;
}

function taskListRequests(h: CommandHarness) {
	return h.sim.log.filter(entry => entry.path === '/v2025/task-status');
}

describe('aggwatch discover', () => {
	it('lists exactly the running aggregations, newest first, with source name, start and id', async () => {
		const h = await mixedTenant();
		const context = h.context();
		expect(await runDiscover(context, [])).toBe(ExitCode.ok);

		const [heading, ...rows] = context.captured.out;
		expect(heading).toMatch(/^SOURCE\s+STARTED\s+RUNNING\s+ID$/);
		expect(rows.map(line => line.split(/\s{2,}/).at(-1))).toEqual([NEWEST, MIDDLE, OLDEST]);
		expect(rows[0]).toMatch(/^Workday\s/);
		expect(rows[1]).toMatch(/^Active Directory\s/);
		expect(rows[2]).toMatch(/\s1h 00m\s/);
		expect(context.captured.out.join('\n')).not.toContain(DONE);
		expect(context.captured.out.join('\n')).not.toContain(CANCELLED);

		const [request] = taskListRequests(h);
		expect(request?.query).toMatchObject({filters: 'type eq "CLOUD_ACCOUNT_AGGREGATION" and completionStatus isnull', sorters: '-created'});
	});

	it('--json prints one object per line with the source name (without " [source]") and the start time', async () => {
		const h = await mixedTenant();
		const context = h.context({json: true});
		expect(await runDiscover(context, [])).toBe(ExitCode.ok);
		const objects = context.captured.out.map(line => JSON.parse(line) as Record<string, unknown>);
		expect(objects.map(object => object['id'])).toEqual([NEWEST, MIDDLE, OLDEST]);
		expect(objects[0]).toMatchObject({tenant: TENANT, source: 'Workday', sourceId: WORKDAY.id});
		expect(objects[1]).toMatchObject({source: 'Active Directory', sourceId: AD.id});
		const started = Date.parse(String(objects[1]!['started']));
		expect(Math.abs(Date.now() - 120_000 - started)).toBeLessThan(5000);
	});

	it('says so on standard error, and prints nothing on standard output, when nothing runs', async () => {
		harness = await commandHarness({sources: [WORKDAY], aggregations: [finished(DONE, WORKDAY)]});
		const context = harness.context();
		expect(await runDiscover(context, [])).toBe(ExitCode.ok);
		expect(context.captured.out).toEqual([]);
		expect(context.captured.err).toEqual([`aggwatch: no account aggregations are running on ${TENANT}`]);
	});

	it('follows the pages: 260 running aggregations take two requests and all 260 are listed once', async () => {
		const plans = Array.from({length: 260}, (_, n) => running(aggregationId(n), n % 2 === 0 ? WORKDAY : AD, -1000 * (n + 1)));
		harness = await commandHarness({sources: [WORKDAY, AD], aggregations: [...plans, finished(DONE, WORKDAY)]});
		const context = harness.context({json: true});
		expect(await runDiscover(context, [])).toBe(ExitCode.ok);
		const ids = context.captured.out.map(line => (JSON.parse(line) as {id: string}).id);
		// Plan n started n+1 seconds ago, so newest first is plan order.
		expect(ids).toEqual(plans.map(plan => plan.id));
		expect(taskListRequests(harness).map(entry => [entry.query['offset'], entry.query['limit']])).toEqual([
			['0', '250'],
			['250', '250'],
		]);
	});

	it('pages by a smaller limit until a short page, asking for the next offset each time', async () => {
		const plans = Array.from({length: 17}, (_, n) => running(aggregationId(n), WORKDAY, -1000 * (n + 1)));
		harness = await commandHarness({sources: [WORKDAY], aggregations: plans});
		const client = new IscClient({baseUrl: harness.sim.url, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET});
		try {
			const tasks = await listAllRunning(client, {pageSize: 5});
			expect(tasks.map(task => task.id)).toEqual(plans.map(plan => plan.id));
			expect(taskListRequests(harness).map(entry => entry.query['offset'])).toEqual(['0', '5', '10', '15']);
		} finally {
			client.close();
		}
	});

	it('looks a source name up once per source when a task does not carry it', async () => {
		const okta = {id: '2c91808a7813090a01781412a6a90009', name: 'Okta', type: 'Okta'};
		const nameless = {...okta, name: ''};
		harness = await commandHarness({
			sources: [okta],
			aggregations: [running(NEWEST, nameless, -1000), running(MIDDLE, nameless, -2000)],
		});
		const context = harness.context({json: true});
		expect(await runDiscover(context, [])).toBe(ExitCode.ok);
		expect(context.captured.out.map(line => (JSON.parse(line) as {source: string}).source)).toEqual(['Okta', 'Okta']);
		expect(harness.sim.log.filter(entry => entry.path === `/v2025/sources/${okta.id}`)).toHaveLength(1);
	});

	it('--track adds every running aggregation to the store, labelled with its source, once', async () => {
		const h = await mixedTenant();
		const first = h.context({track: true});
		expect(await runDiscover(first, [])).toBe(ExitCode.ok);
		expect(first.captured.err).toContain('aggwatch: tracking 3 new aggregations; watch them with: aggwatch');

		const {store} = openStore({cwd: h.configDir});
		expect(store.listTracked().map(row => [row.tenant, row.id, row.label])).toEqual([
			[TENANT, NEWEST, 'Workday'],
			[TENANT, MIDDLE, 'Active Directory'],
			[TENANT, OLDEST, 'Workday'],
		]);

		const again = h.context({track: true});
		expect(await runDiscover(again, [])).toBe(ExitCode.ok);
		expect(again.captured.err).toContain('aggwatch: all 3 are tracked already');
		expect(store.listTracked()).toHaveLength(3);
	});

	it('--track names rows that were tracked before their source was known', async () => {
		const h = await mixedTenant();
		const {store} = openStore({cwd: h.configDir});
		store.addTracked([{id: MIDDLE, tenant: TENANT, addedAt: 1}]);
		expect(await runDiscover(h.context({track: true}), [])).toBe(ExitCode.ok);
		expect(store.listTracked().find(row => row.id === MIDDLE)).toMatchObject({label: 'Active Directory', addedAt: 1});
	});

	it('without --track leaves the store alone', async () => {
		const h = await mixedTenant();
		expect(await runDiscover(h.context(), [])).toBe(ExitCode.ok);
		const {store} = openStore({cwd: h.configDir});
		expect(store.listTracked()).toEqual([]);
	});

	it('reports a rejected client with the authentication exit code', async () => {
		const h = await mixedTenant();
		h.sim.rotateSecret(CLIENT_ID, 'another-secret');
		const context = h.context();
		expect(await runDiscover(context, [])).toBe(ExitCode.auth);
		expect(context.captured.out).toEqual([]);
		expect(context.captured.err.join('\n')).not.toContain(CLIENT_SECRET);
		expect(context.captured.err).toHaveLength(1);
	});

	it('refuses arguments', async () => {
		const h = await mixedTenant();
		await expect(runDiscover(h.context(), ['Workday'])).rejects.toThrow(/discover takes no arguments/);
	});
});
