import {describe, expect, it} from 'vitest';
import type {RetryDecision} from '../../source/isc/client.js';
import {FINISHED, RUNNING_ID, SOURCE_ID, harness, iscError} from './sim-fixture.js';

const LOAD = `/v2025/sources/${SOURCE_ID}/load-accounts`;
const OTHER_SOURCE_ID = '2c9180835d191a86015d28455b4a9002';
/** The fixture source with only a finished aggregation, so a start is not refused. */
const IDLE = {aggregations: [FINISHED]};

describe('IscClient.importAccounts (simulated tenant)', () => {
	it('starts one aggregation and returns the task id to poll', async () => {
		const {sim, client, requests} = await harness(IDLE);
		const isc = client();
		const before = sim.aggregations().length;
		const started = await isc.importAccounts(SOURCE_ID, {disableOptimization: true});
		expect(started.task.id).toMatch(/^[\da-f]{32}$/);
		expect(sim.aggregations().map(aggregation => aggregation.id)).toContain(started.task.id);
		expect(sim.aggregations()).toHaveLength(before + 1);
		expect(requests(LOAD)).toHaveLength(1);
		expect(['STARTED', 'ACCOUNTS_COLLECTED']).toContain((await isc.getAggregationStatus(started.task.id)).status);
	});

	it('passes disableOptimization in the multipart form', async () => {
		const {client} = await harness({
			aggregations: [],
			sources: [
				{id: SOURCE_ID, name: 'Workday', type: 'Workday'},
				{id: OTHER_SOURCE_ID, name: 'AD', type: 'Active Directory'},
			],
		});
		const isc = client();
		expect((await isc.importAccounts(SOURCE_ID, {disableOptimization: true})).task.attributes).toMatchObject({
			appId: SOURCE_ID,
			optimizedAggregation: 'disabled',
		});
		expect((await isc.importAccounts(OTHER_SOURCE_ID)).task.attributes).toMatchObject({optimizedAggregation: 'enabled'});
	});

	it("reads ISC's refusal to start while an aggregation of the source runs: alreadyRunning, nothing started", async () => {
		const {sim, client, requests} = await harness();
		const before = sim.aggregations().length;
		const answer = await client().importAccounts(SOURCE_ID);
		expect(answer.alreadyRunning).toBe(true);
		expect(answer.task.id).not.toBe(RUNNING_ID);
		expect(answer.task.messages).toEqual([
			expect.objectContaining({type: 'WARN', text: expect.stringContaining('currently running aggregation must complete') as string}),
		]);
		expect(requests(LOAD).map(entry => entry.status)).toEqual([202]);
		expect(sim.aggregations()).toHaveLength(before);
	});

	it('accepts the answer as real tenants write it: epoch-ms dates, progress null, numeric attributes', async () => {
		const {client} = await harness({...IDLE, dates: 'epoch-ms'});
		const answer = await client().importAccounts(SOURCE_ID);
		expect(answer.task.id).toMatch(/^[\da-f]{32}$/);
		expect(answer.task.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		expect(Date.parse(answer.task.launched!) - Date.parse(answer.task.created!)).toBe(13);
		expect(answer.task.progress).toBeNull();
	});

	it('sends exactly one POST when the answer is lost to a reset', async () => {
		const {sim, client, requests} = await harness();
		const retries: RetryDecision[] = [];
		const isc = client({retries: 5, onRetry: decision => retries.push(decision)});
		sim.addFault({fault: {type: 'reset'}, pathPrefix: LOAD, count: 1});
		const error = await iscError(isc.importAccounts(SOURCE_ID));
		expect(error).toMatchObject({kind: 'network', code: 'ECONNRESET'});
		expect(requests(LOAD)).toHaveLength(1);
		expect(retries).toEqual([]);
	});

	it.each([
		['a server error', {type: 'status', status: 503} as const, 'server'],
		['a rate limit', {type: 'status', status: 429, retryAfterSec: 1} as const, 'rate-limited'],
		['a hang', {type: 'hang'} as const, 'network'],
	])('does not retry after %s', async (_name, fault, kind) => {
		const {sim, client, requests} = await harness();
		const isc = client({retries: 5, timeouts: {responseMs: 300}});
		sim.addFault({fault, pathPrefix: LOAD});
		expect((await iscError(isc.importAccounts(SOURCE_ID))).kind).toBe(kind);
		expect(requests(LOAD)).toHaveLength(1);
	});

	it('after a 401, renews the token and sends the POST once more (the tenant did nothing the first time)', async () => {
		const {sim, client, requests} = await harness(IDLE);
		const isc = client();
		await isc.listSources();
		sim.expireTokens();
		const before = sim.aggregations().length;
		const started = await isc.importAccounts(SOURCE_ID);
		expect(requests(LOAD).map(entry => entry.status)).toEqual([401, 202]);
		expect(sim.aggregations()).toHaveLength(before + 1);
		expect(started.task.id).toMatch(/^[\da-f]{32}$/);
	});

	it('may retry getting a token first: the POST has not left yet', async () => {
		const {sim, client, requests} = await harness();
		sim.addFault({fault: {type: 'reset'}, pathPrefix: '/oauth/token', count: 1});
		const isc = client();
		await isc.importAccounts(SOURCE_ID);
		expect(requests('/oauth/token')).toHaveLength(2);
		expect(requests(LOAD).map(entry => entry.status)).toEqual([202]);
	});

	it('reports a delimited-file source without a file as a request error', async () => {
		const {client} = await harness({sources: [{id: SOURCE_ID, name: 'HR CSV', type: 'DelimitedFile'}]});
		const error = await iscError(client().importAccounts(SOURCE_ID));
		expect(error.kind).toBe('request');
		expect(error.status).toBe(400);
		expect(error.message).toContain('A CSV file is required');
	});
});
