import {afterEach, describe, expect, it} from 'vitest';
import type {Simulator} from '../../source/simulator/types.js';
import {T0, get, id, manualClock, plan, simulators, token} from './helpers.js';

const sims = simulators();
afterEach(async () => sims.closeAll());

type Task = Record<string, unknown> & {id: string; completionStatus: string | null};

const RUNNING = 'type eq "CLOUD_ACCOUNT_AGGREGATION" and completionStatus isnull';

async function tasks(
	sim: Simulator,
	bearer: string,
	query: Record<string, string> = {},
): Promise<{status: number; headers: Headers; body: unknown}> {
	return get(sim, `/v2025/task-status?${new URLSearchParams(query).toString()}`, bearer);
}

/** Four aggregations at 1 s intervals: two running, one completed, one terminated; plus one not started yet. */
async function tenant(): Promise<{sim: Simulator; bearer: string}> {
	const clock = manualClock();
	const sim = await sims.start({
		now: clock.now,
		aggregations: [
			plan(id(1), {startAtMs: -3000, sourceId: 'a'.repeat(32), sourceName: 'Workday'}),
			plan(id(2), {startAtMs: -60_000, collectMs: 1000, totalAccounts: 100, sourceName: 'ServiceNow'}),
			plan(id(3), {startAtMs: -1000, sourceName: 'Active Directory'}),
			plan(id(4), {startAtMs: -2000, collectMs: 0, outcome: {type: 'TERMINATED', retries: 1, retryMs: 1000}, sourceName: 'Salesforce'}),
			plan(id(5), {startAtMs: 10_000}),
		],
	});
	return {sim, bearer: await token(sim)};
}

describe('GET /v2025/task-status', () => {
	it('lists started aggregations as TaskStatus objects with every required field', async () => {
		const {sim, bearer} = await tenant();
		const result = await tasks(sim, bearer);
		expect(result.status).toBe(200);
		const list = result.body as Task[];
		expect(list.map(task => task.id).sort()).toEqual([id(1), id(2), id(3), id(4)]);

		const workday = list.find(task => task.id === id(1))!;
		for (const field of [
			'id',
			'type',
			'uniqueName',
			'description',
			'parentName',
			'attributes',
			'created',
			'modified',
			'launched',
			'launcher',
			'completed',
			'completionStatus',
			'messages',
			'progress',
			'percentComplete',
			'returns',
		]) {
			expect(workday, field).toHaveProperty(field);
		}

		expect(workday).toMatchObject({
			type: 'QUARTZ',
			uniqueName: 'Cloud Account Aggregation',
			parentName: null,
			target: {id: 'a'.repeat(32), type: 'APPLICATION', name: 'Workday [source]'},
			created: new Date(T0 - 3000).toISOString(),
			launched: new Date(T0 - 3000).toISOString(),
			completed: null,
			completionStatus: null,
			messages: [],
			returns: [],
		});
	});

	it('sets completionStatus and completed for ended aggregations', async () => {
		const {sim, bearer} = await tenant();
		const list = (await tasks(sim, bearer)).body as Task[];
		const completed = list.find(task => task.id === id(2))!;
		expect(completed).toMatchObject({completionStatus: 'SUCCESS', percentComplete: 100});
		// 1 s collecting + 100 accounts at 100/s.
		expect(completed['completed']).toBe(new Date(T0 - 60_000 + 2000).toISOString());

		const terminated = list.find(task => task.id === id(4))!;
		expect(terminated).toMatchObject({completionStatus: 'ERROR', completed: new Date(T0 - 1000).toISOString()});
		expect((terminated['messages'] as unknown[]).length).toBe(1);
	});

	it('filters the running account aggregations with "type eq … and completionStatus isnull"', async () => {
		const {sim, bearer} = await tenant();
		const result = await tasks(sim, bearer, {filters: RUNNING});
		expect((result.body as Task[]).map(task => task.id).sort()).toEqual([id(1), id(3)]);

		const otherType = await tasks(sim, bearer, {filters: 'type eq "CLOUD_GROUP_AGGREGATION"'});
		expect(otherType.body).toEqual([]);
	});

	it('supports eq and in on completionStatus (case-insensitively) and on id', async () => {
		const {sim, bearer} = await tenant();
		const success = await tasks(sim, bearer, {filters: 'completionStatus eq "Success"'});
		expect((success.body as Task[]).map(task => task.id)).toEqual([id(2)]);

		const ended = await tasks(sim, bearer, {filters: 'completionStatus in ("SUCCESS", "ERROR")', sorters: 'created'});
		expect((ended.body as Task[]).map(task => task.id)).toEqual([id(2), id(4)]);

		const byId = await tasks(sim, bearer, {filters: `id eq "${id(3)}"`});
		expect((byId.body as Task[]).map(task => task.id)).toEqual([id(3)]);
	});

	it('sorts by created, either way', async () => {
		const {sim, bearer} = await tenant();
		const newest = await tasks(sim, bearer, {sorters: '-created'});
		expect((newest.body as Task[]).map(task => task.id)).toEqual([id(3), id(4), id(1), id(2)]);
		const oldest = await tasks(sim, bearer, {sorters: 'created'});
		expect((oldest.body as Task[]).map(task => task.id)).toEqual([id(2), id(1), id(4), id(3)]);
	});

	it('pages with limit and offset and reports X-Total-Count only when count=true', async () => {
		const {sim, bearer} = await tenant();
		const first = await tasks(sim, bearer, {sorters: 'created', limit: '3', count: 'true'});
		expect((first.body as Task[]).map(task => task.id)).toEqual([id(2), id(1), id(4)]);
		expect(first.headers.get('x-total-count')).toBe('4');

		const second = await tasks(sim, bearer, {sorters: 'created', limit: '3', offset: '3', count: 'true'});
		expect((second.body as Task[]).map(task => task.id)).toEqual([id(3)]);
		expect(second.headers.get('x-total-count')).toBe('4');

		const filtered = await tasks(sim, bearer, {filters: RUNNING, count: 'true', limit: '1'});
		expect(filtered.headers.get('x-total-count')).toBe('2');
		expect(filtered.body as Task[]).toHaveLength(1);

		const uncounted = await tasks(sim, bearer);
		expect(uncounted.headers.get('x-total-count')).toBeNull();
	});

	it('returns at most 250 by default', async () => {
		const clock = manualClock();
		const sim = await sims.start({
			now: clock.now,
			aggregations: Array.from({length: 260}, (_, index) => plan(id(index + 1), {startAtMs: -index})),
		});
		const bearer = await token(sim);
		const page = await tasks(sim, bearer, {count: 'true'});
		expect(page.body as Task[]).toHaveLength(250);
		expect(page.headers.get('x-total-count')).toBe('260');
	});

	it('answers 400 ErrorResponseDto for filters, sorters or limits it does not support', async () => {
		const {sim, bearer} = await tenant();
		const queries: Array<Record<string, string>> = [
			{filters: 'type eq "CLOUD_ACCOUNT_AGGREGATION" or completionStatus isnull'},
			{filters: 'launcher eq "x"'},
			{filters: 'type sw "CLOUD"'},
			{filters: 'type eq "unterminated'},
			{filters: 'not type eq "X"'},
			{sorters: 'name'},
			{limit: '251'},
			{limit: '-1'},
			{offset: 'abc'},
		];
		for (const query of queries) {
			const result = await tasks(sim, bearer, query);
			expect(result.status, JSON.stringify(query)).toBe(400);
			expect((result.body as {detailCode: string}).detailCode).toBe('400.1 Bad Request Content');
		}
	});

	it('GET /v2025/task-status/{id} answers one TaskStatus or 404', async () => {
		const {sim, bearer} = await tenant();
		const one = await get(sim, `/v2025/task-status/${id(3)}`, bearer);
		expect(one.status).toBe(200);
		expect((one.body as Task).id).toBe(id(3));
		expect((await get(sim, `/v2025/task-status/${id(5)}`, bearer)).status).toBe(404);
	});
});
