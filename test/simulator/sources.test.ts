import {afterEach, describe, expect, it} from 'vitest';
import type {SimSource, Simulator} from '../../source/simulator/types.js';
import {get, id, manualClock, post, simulators, statusPath, token} from './helpers.js';

const sims = simulators();
afterEach(async () => sims.closeAll());

const WORKDAY: SimSource = {
	id: 'a'.repeat(32),
	name: 'Workday',
	type: 'Workday',
	plan: {collectMs: 2000, totalAccounts: 600, accountsPerSecond: 100, outcome: {type: 'COMPLETED'}},
};
const AD: SimSource = {id: 'b'.repeat(32), name: 'Active Directory', type: 'Active Directory - Direct'};
const CSV: SimSource = {id: 'c'.repeat(32), name: 'HR CSV', type: 'DelimitedFile'};

type Source = Record<string, unknown> & {id: string; name: string};

async function tenant(): Promise<{sim: Simulator; bearer: string; clock: ReturnType<typeof manualClock>}> {
	const clock = manualClock();
	const sim = await sims.start({now: clock.now, tokenLifetimeSec: 100_000, sources: [WORKDAY, AD, CSV]});
	return {sim, bearer: await token(sim), clock};
}

function names(body: unknown): string[] {
	return (body as Source[]).map(source => source.name);
}

describe('sources', () => {
	it('lists Source objects with the required fields', async () => {
		const {sim, bearer} = await tenant();
		const result = await get(sim, '/v2025/sources', bearer);
		expect(result.status).toBe(200);
		expect(names(result.body)).toEqual(['Workday', 'Active Directory', 'HR CSV']);
		const ad = (result.body as Source[])[1]!;
		expect(ad).toMatchObject({
			id: AD.id,
			name: 'Active Directory',
			type: 'Active Directory - Direct',
			connector: 'active-directory',
			connectorName: 'Active Directory',
		});
		expect(ad['owner']).toMatchObject({type: 'IDENTITY'});
		expect((result.body as Source[])[2]).toMatchObject({connector: 'delimited-file', connectionType: 'file'});
	});

	it('filters by name and id, sorts and pages', async () => {
		const {sim, bearer} = await tenant();
		const byName = await get(sim, `/v2025/sources?filters=${encodeURIComponent('name eq "Active Directory"')}`, bearer);
		expect(names(byName.body)).toEqual(['Active Directory']);

		const byId = await get(sim, `/v2025/sources?filters=${encodeURIComponent(`id eq "${CSV.id}"`)}`, bearer);
		expect(names(byId.body)).toEqual(['HR CSV']);

		const none = await get(sim, `/v2025/sources?filters=${encodeURIComponent('name eq "Okta"')}`, bearer);
		expect(none.body).toEqual([]);

		const sorted = await get(sim, '/v2025/sources?sorters=-name&limit=2&offset=1&count=true', bearer);
		expect(names(sorted.body)).toEqual(['HR CSV', 'Active Directory']);
		expect(sorted.headers.get('x-total-count')).toBe('3');

		const bad = await get(sim, `/v2025/sources?filters=${encodeURIComponent('owner.name eq "x"')}`, bearer);
		expect(bad.status).toBe(400);
	});

	it('gets one source by id, or 404 ErrorResponseDto', async () => {
		const {sim, bearer} = await tenant();
		const one = await get(sim, `/v2025/sources/${WORKDAY.id}`, bearer);
		expect((one.body as Source).name).toBe('Workday');
		const missing = await get(sim, `/v2025/sources/${id(42)}`, bearer);
		expect(missing.status).toBe(404);
		expect((missing.body as {detailCode: string}).detailCode).toBe('404 Not found');
	});
});

describe('POST /v2025/sources/{id}/load-accounts', () => {
	it('starts a new aggregation from the source plan and answers 202 LoadAccountsTask', async () => {
		const {sim, bearer, clock} = await tenant();
		const result = await post(sim, `/v2025/sources/${WORKDAY.id}/load-accounts`, bearer, new FormData());
		expect(result.status).toBe(202);
		const body = result.body as {success: boolean; task: Record<string, unknown> & {id: string}};
		expect(body.success).toBe(true);
		expect(body.task.id).toMatch(/^[\da-f]{32}$/);
		expect(body.task).toMatchObject({name: 'Cloud Account Aggregation', launcher: 'demo-client', completed: null, completionStatus: null});
		expect(body.task['attributes']).toMatchObject({appId: WORKDAY.id, optimizedAggregation: 'enabled'});

		const status = await get(sim, statusPath(body.task.id), bearer);
		expect(status.body).toMatchObject({status: 'STARTED'});

		const running = await get(
			sim,
			`/v2025/task-status?filters=${encodeURIComponent('type eq "CLOUD_ACCOUNT_AGGREGATION" and completionStatus isnull')}`,
			bearer,
		);
		expect((running.body as Array<{id: string}>).map(task => task.id)).toEqual([body.task.id]);

		// The Workday plan: 2 s collecting, 600 accounts at 100/s.
		clock.advance(8000);
		expect((await get(sim, statusPath(body.task.id), bearer)).body).toMatchObject({status: 'COMPLETED', processedAccounts: 600});
	});

	it('tolerates an empty body and uses the default plan for a source without one', async () => {
		const {sim, bearer} = await tenant();
		const response = await fetch(`${sim.url}/v2025/sources/${AD.id}/load-accounts`, {
			method: 'POST',
			headers: {authorization: `Bearer ${bearer}`},
		});
		expect(response.status).toBe(202);
		const {task} = (await response.json()) as {task: {id: string}};
		expect(sim.aggregations()).toEqual([{id: task.id, sourceName: 'Active Directory', status: 'STARTED'}]);
	});

	it('reads disableOptimization from the multipart form', async () => {
		const {sim, bearer} = await tenant();
		const form = new FormData();
		form.set('disableOptimization', 'true');
		const result = await post(sim, `/v2025/sources/${WORKDAY.id}/load-accounts`, bearer, form);
		const {task} = result.body as {task: {id: string; attributes: Record<string, unknown>}};
		expect(task.attributes['optimizedAggregation']).toBe('disabled');
		const listed = await get(sim, `/v2025/task-status/${task.id}`, bearer);
		expect((listed.body as {attributes: Record<string, unknown>}).attributes['optimizedAggregation']).toBe('disabled');
	});

	it('refuses a delimited-file source without a file (400), accepts one with a file', async () => {
		const {sim, bearer} = await tenant();
		const without = await post(sim, `/v2025/sources/${CSV.id}/load-accounts`, bearer, new FormData());
		expect(without.status).toBe(400);
		expect((without.body as {detailCode: string}).detailCode).toBe('400.1 Bad Request Content');
		expect(sim.aggregations()).toEqual([]);

		const form = new FormData();
		form.set('file', new Blob(['id,name\n1,Ada\n'], {type: 'text/csv'}), 'accounts.csv');
		const withFile = await post(sim, `/v2025/sources/${CSV.id}/load-accounts`, bearer, form);
		expect(withFile.status).toBe(202);
	});

	it('answers 404 for an unknown source', async () => {
		const {sim, bearer} = await tenant();
		expect((await post(sim, `/v2025/sources/${id(7)}/load-accounts`, bearer, new FormData())).status).toBe(404);
	});

	it('startAggregation() does the same without HTTP', async () => {
		const {sim, bearer} = await tenant();
		const started = sim.startAggregation(WORKDAY.id, {disableOptimization: true});
		expect(started).toMatch(/^[\da-f]{32}$/);
		expect((await get(sim, statusPath(started), bearer)).body).toMatchObject({status: 'STARTED'});
		expect(() => sim.startAggregation(id(8))).toThrow(/Unknown/);
	});
});
