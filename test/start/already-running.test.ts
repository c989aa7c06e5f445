/**
 * `aggwatch start` on a source that is aggregating already: ISC would answer 202 with a task that says it did not
 * start, so aggwatch looks first (one task-status list request), sends nothing, and follows the running one; a 202
 * that says so anyway (a race, a start from elsewhere) is followed the same way. A 202 with success false or no task
 * id is an error (exit 6) with the body's message.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {ExitCode} from '../../source/domain/exit-codes.js';
import {createMonitorServices} from '../../source/commands/monitor/services.js';
import {runStart} from '../../source/commands/start.js';
import {TenantClients} from '../../source/commands/tenant-clients.js';
import {IscClient} from '../../source/isc/client.js';
import {openStore} from '../../source/store/config.js';
import type {SimSource} from '../../source/simulator/types.js';
import {CLIENT_ID, CLIENT_SECRET, commandHarness, TENANT, type CommandHarness} from '../discover/command-context.js';
import {AD, running} from '../discover/fixtures.js';

const WORKDAY: SimSource = {
	id: '2c91808a7813090a01781412a6a90001',
	name: 'Workday',
	type: 'Workday',
	plan: {collectMs: 100, totalAccounts: 10, accountsPerSecond: 1000, outcome: {type: 'COMPLETED'}},
};
/** Started five minutes before the test, on Workday; runs for days. */
const RUNNING_ID = '2c91808a7813090a01781412a6a9a001';
const LOAD = `/v2025/sources/${WORKDAY.id}/load-accounts`;

let harness: CommandHarness | undefined;

afterEach(async () => {
	await harness?.close();
	harness = undefined;
});

async function tenant(options: Parameters<typeof commandHarness>[0] = {}): Promise<CommandHarness> {
	harness = await commandHarness({sources: [WORKDAY, AD], aggregations: [running(RUNNING_ID, WORKDAY, -300_000)], ...options});
	return harness;
}

function posts(h: CommandHarness) {
	return h.sim.log.filter(entry => entry.method === 'POST' && entry.path.endsWith('/load-accounts'));
}

function taskLists(h: CommandHarness) {
	return h.sim.log.filter(entry => entry.path === '/v2025/task-status');
}

function tracked(h: CommandHarness) {
	return openStore({cwd: h.configDir}).store.listTracked();
}

describe('aggwatch start on a source already aggregating', () => {
	it('sends nothing, prints the running id, tracks it, says since when, and exits 0', async () => {
		const h = await tenant();
		const context = h.context();
		expect(await runStart(context, ['Workday'])).toBe(ExitCode.ok);

		expect(posts(h)).toEqual([]);
		expect(context.captured.out).toEqual([RUNNING_ID]);
		expect(tracked(h)).toEqual([expect.objectContaining({id: RUNNING_ID, tenant: TENANT, label: 'Workday'})]);
		expect(context.captured.err).toHaveLength(1);
		expect(context.captured.err[0]).toMatch(
			new RegExp(
				`already running since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC \\(5m \\d+s ago\\); nothing was sent: tracking it: ${RUNNING_ID}; follow it with: aggwatch wait ${RUNNING_ID}`,
			),
		);
		// One list request, asking for running account aggregations of this source only.
		expect(taskLists(h).map(entry => entry.query['filters'])).toEqual([
			`sourceId eq "${WORKDAY.id}" and type eq "CLOUD_ACCOUNT_AGGREGATION" and completionStatus isnull`,
		]);
		expect(h.sim.aggregations()).toHaveLength(1);
	});

	it('starts a source whose only aggregation has ended', async () => {
		const ended = {...running(RUNNING_ID, WORKDAY, -300_000), totalAccounts: 10, accountsPerSecond: 1000};
		const h = await tenant({aggregations: [ended]});
		const context = h.context();
		expect(await runStart(context, ['Workday'])).toBe(ExitCode.ok);
		expect(posts(h)).toHaveLength(1);
		expect(context.captured.out[0]).not.toBe(RUNNING_ID);
		expect(context.captured.err[0]).toContain('started an account aggregation of "Workday"');
	});

	it('says so in --json, with when it started and that nothing was sent', async () => {
		const h = await tenant();
		const context = h.context({json: true});
		expect(await runStart(context, ['Workday'])).toBe(ExitCode.ok);
		const line = JSON.parse(context.captured.out[0]!) as Record<string, unknown>;
		expect(line).toMatchObject({
			event: 'already-running',
			id: RUNNING_ID,
			tenant: TENANT,
			source: {id: WORKDAY.id, name: 'Workday'},
			sent: false,
			tracked: true,
		});
		expect(Date.now() - Date.parse(line['started'] as string)).toBeGreaterThanOrEqual(300_000);
	});

	it("follows the running one when ISC's 202 says it did not start (the check before could not see it)", async () => {
		const h = await tenant();
		// The check before the POST fails (a 400 is not retried), so the POST goes out and ISC refuses it.
		h.sim.addFault({fault: {type: 'status', status: 400}, pathPrefix: '/v2025/task-status', count: 1});
		const context = h.context();
		expect(await runStart(context, ['Workday'])).toBe(ExitCode.ok);

		expect(posts(h).map(entry => entry.status)).toEqual([202]);
		expect(h.sim.aggregations().map(aggregation => aggregation.id)).toEqual([RUNNING_ID]);
		expect(context.captured.out).toEqual([RUNNING_ID]);
		expect(tracked(h).map(row => row.id)).toEqual([RUNNING_ID]);
		const err = context.captured.err.join('\n');
		expect(err).toContain('warning: could not check for a running aggregation of "Workday" first');
		expect(err).toContain(`already running since`);
		expect(err).toContain(`ISC started no other: tracking it: ${RUNNING_ID}`);
	});

	it('--wait waits on the running aggregation', async () => {
		const ending = {...running(RUNNING_ID, WORKDAY, -1000), collectMs: 100, totalAccounts: 20, accountsPerSecond: 10};
		const h = await tenant({aggregations: [ending]});
		const context = h.context({wait: true, interval: '1', json: true});
		expect(await runStart(context, ['Workday'])).toBe(ExitCode.ok);
		const events = context.captured.out.map(
			line => JSON.parse(line) as {event: string; id?: string; results?: Array<{id: string; status: string}>},
		);
		expect(events[0]).toMatchObject({event: 'already-running', id: RUNNING_ID});
		expect(events.at(-1)).toMatchObject({event: 'summary', results: [expect.objectContaining({id: RUNNING_ID, status: 'COMPLETED'})]});
		expect(posts(h)).toEqual([]);
	}, 20_000);

	it("exits 6 with the body's message when a 202 says success: false", async () => {
		const h = await tenant({aggregations: []});
		h.sim.addFault({
			fault: {
				type: 'answer',
				status: 202,
				body: {
					success: false,
					task: {id: '2c91808a7813090a01781412a6a9b001', messages: [{type: 'ERROR', localizedText: 'Source connection is disabled'}]},
				},
			},
			pathPrefix: LOAD,
		});
		const context = h.context();
		expect(await runStart(context, ['Workday'])).toBe(ExitCode.requestFailed);
		expect(context.captured.out).toEqual([]);
		expect(context.captured.err.join('\n')).toMatch(
			/could not start an account aggregation of "Workday": ISC answered success: false: Source connection is disabled \(HTTP 202\)\. No aggregation was started/,
		);
		expect(tracked(h)).toEqual([]);
	});

	it('exits 6 when a 202 has no task id', async () => {
		const h = await tenant({aggregations: []});
		h.sim.addFault({
			fault: {type: 'answer', status: 202, body: {success: true, task: {name: 'Cloud Account Aggregation'}}},
			pathPrefix: LOAD,
		});
		const context = h.context();
		expect(await runStart(context, ['Workday'])).toBe(ExitCode.requestFailed);
		expect(context.captured.err.join('\n')).toContain('ISC accepted the request but its answer has no task id');
		expect(tracked(h)).toEqual([]);
	});
});

describe("the monitor's S picker on a source already aggregating", () => {
	function services(h: CommandHarness) {
		const clients = new TenantClients({
			resolve: tenant => ({
				tenant,
				baseUrl: h.sim.url,
				clientId: CLIENT_ID,
				clientSecret: CLIENT_SECRET,
				source: {baseUrl: 'test', clientId: 'test', clientSecret: 'test'},
				apiVersion: 'v2025',
			}),
			create: async connection =>
				new IscClient({baseUrl: connection.baseUrl, clientId: connection.clientId, clientSecret: connection.clientSecret}),
		});
		return createMonitorServices(clients, [TENANT]);
	}

	it('sends nothing and answers with the running aggregation and since when', async () => {
		const h = await tenant();
		const result = await services(h).startAggregation({id: WORKDAY.id, name: 'Workday', tenant: TENANT});
		expect(result).toEqual({id: RUNNING_ID, alreadyRunning: {since: expect.stringMatching(/^\d{4}-/) as string}});
		expect(posts(h)).toEqual([]);
	});

	it('starts one when none is running', async () => {
		const h = await tenant({aggregations: []});
		const result = await services(h).startAggregation({id: WORKDAY.id, name: 'Workday', tenant: TENANT});
		expect(result).toEqual({id: h.sim.aggregations()[0]?.id});
		expect(posts(h)).toHaveLength(1);
	});
});
