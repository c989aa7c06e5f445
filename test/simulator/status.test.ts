import {afterEach, describe, expect, it} from 'vitest';
import type {Simulator} from '../../source/simulator/types.js';
import {T0, get, id, manualClock, plan, simulators, statusPath, token} from './helpers.js';

const sims = simulators();
afterEach(async () => sims.closeAll());

type Body = Record<string, unknown>;

async function statusAt(sim: Simulator, bearer: string, aggregationId: string): Promise<{status: number; body: Body}> {
	const result = await get(sim, statusPath(aggregationId), bearer, {'X-SailPoint-Experimental': 'true'});
	return {status: result.status, body: result.body as Body};
}

function expectErrorResponseDto(body: unknown, detailCode: string): void {
	const dto = body as {detailCode: string; trackingId: string; messages: Array<Record<string, unknown>>};
	expect(dto.detailCode).toBe(detailCode);
	expect(dto.trackingId).toMatch(/^[\da-f]{32}$/);
	expect(dto.messages).toHaveLength(1);
	expect(dto.messages[0]).toMatchObject({locale: 'en-US', localeOrigin: 'DEFAULT'});
	expect(typeof dto.messages[0]?.['text']).toBe('string');
}

describe('account aggregation status', () => {
	it('runs STARTED → ACCOUNTS_COLLECTED (counts growing) → COMPLETED, then 404 after the expiry', async () => {
		const clock = manualClock();
		const sim = await sims.start({
			now: clock.now,
			expiryMs: 60_000,
			tokenLifetimeSec: 100_000,
			aggregations: [plan(id(1), {totalAccountsMarkedForDeletion: 100, totalIdentities: 500})],
		});
		const bearer = await token(sim);

		const started = await statusAt(sim, bearer, id(1));
		expect(started.status).toBe(200);
		expect(started.body).toEqual({start: new Date(T0).toISOString(), status: 'STARTED'});

		clock.at(9999);
		expect((await statusAt(sim, bearer, id(1))).body['status']).toBe('STARTED');

		clock.at(10_000);
		expect((await statusAt(sim, bearer, id(1))).body).toEqual({
			start: new Date(T0).toISOString(),
			status: 'ACCOUNTS_COLLECTED',
			totalAccounts: 1000,
			processedAccounts: 0,
			totalAccountsMarkedForDeletion: 100,
			deletedAccounts: 0,
			totalIdentities: 500,
			processedIdentities: 0,
		});

		// 100 accounts per second: half-way after 5 s of processing.
		clock.at(15_000);
		expect((await statusAt(sim, bearer, id(1))).body).toMatchObject({
			status: 'ACCOUNTS_COLLECTED',
			processedAccounts: 500,
			deletedAccounts: 50,
			processedIdentities: 250,
		});

		clock.at(20_000);
		const completed = await statusAt(sim, bearer, id(1));
		expect(completed.body).toMatchObject({
			status: 'COMPLETED',
			totalAccounts: 1000,
			processedAccounts: 1000,
			deletedAccounts: 100,
			processedIdentities: 500,
		});

		clock.at(20_000 + 59_999);
		expect((await statusAt(sim, bearer, id(1))).body).toMatchObject({status: 'COMPLETED', processedAccounts: 1000});

		clock.at(20_000 + 60_000);
		const gone = await statusAt(sim, bearer, id(1));
		expect(gone.status).toBe(404);
		expectErrorResponseDto(gone.body, '404 Not found');
	});

	it('freezes the counts when CANCELLED', async () => {
		const clock = manualClock();
		const sim = await sims.start({
			now: clock.now,
			tokenLifetimeSec: 100_000,
			aggregations: [plan(id(2), {outcome: {type: 'CANCELLED', afterMs: 13_000}})],
		});
		const bearer = await token(sim);

		clock.at(12_000);
		expect((await statusAt(sim, bearer, id(2))).body).toMatchObject({status: 'ACCOUNTS_COLLECTED', processedAccounts: 200});

		clock.at(13_000);
		expect((await statusAt(sim, bearer, id(2))).body).toMatchObject({status: 'CANCELLED', processedAccounts: 300, totalAccounts: 1000});

		clock.at(40_000);
		expect((await statusAt(sim, bearer, id(2))).body).toMatchObject({status: 'CANCELLED', processedAccounts: 300});
	});

	it('a cancellation while STARTED has no counts; one after the natural end never happens', async () => {
		const clock = manualClock();
		const sim = await sims.start({
			now: clock.now,
			tokenLifetimeSec: 100_000,
			aggregations: [
				plan(id(3), {outcome: {type: 'CANCELLED', afterMs: 4000}}),
				plan(id(4), {outcome: {type: 'CANCELLED', afterMs: 25_000}}),
			],
		});
		const bearer = await token(sim);

		clock.at(5000);
		expect((await statusAt(sim, bearer, id(3))).body).toEqual({start: new Date(T0).toISOString(), status: 'CANCELLED'});

		clock.at(30_000);
		expect((await statusAt(sim, bearer, id(4))).body).toMatchObject({status: 'COMPLETED', processedAccounts: 1000});
	});

	it('goes STARTED → RETRIED (retries × retryMs) → TERMINATED without counts', async () => {
		const clock = manualClock();
		const sim = await sims.start({
			now: clock.now,
			tokenLifetimeSec: 100_000,
			expiryMs: 10_000,
			aggregations: [plan(id(5), {collectMs: 5000, outcome: {type: 'TERMINATED', retries: 3, retryMs: 2000}})],
		});
		const bearer = await token(sim);
		const seen: Array<[number, unknown]> = [];
		for (const ms of [0, 4999, 5000, 10_999, 11_000, 20_999, 21_000]) {
			clock.at(ms);
			const result = await statusAt(sim, bearer, id(5));
			seen.push([ms, result.status === 200 ? result.body['status'] : result.status]);
			if (result.status === 200) {
				expect(result.body['processedAccounts']).toBeUndefined();
			}
		}

		expect(seen).toEqual([
			[0, 'STARTED'],
			[4999, 'STARTED'],
			[5000, 'RETRIED'],
			[10_999, 'RETRIED'],
			[11_000, 'TERMINATED'],
			[20_999, 'TERMINATED'],
			[21_000, 404],
		]);
	});

	it('answers 404 before a future start, and counts from the start that plan gave', async () => {
		const clock = manualClock();
		const sim = await sims.start({now: clock.now, tokenLifetimeSec: 100_000, aggregations: [plan(id(6), {startAtMs: 30_000})]});
		const bearer = await token(sim);

		const early = await statusAt(sim, bearer, id(6));
		expect(early.status).toBe(404);
		expectErrorResponseDto(early.body, '404 Not found');
		expect(sim.aggregations()).toEqual([{id: id(6), sourceName: 'Workday', status: 'PENDING'}]);

		clock.at(30_000);
		expect((await statusAt(sim, bearer, id(6))).body).toEqual({start: new Date(T0 + 30_000).toISOString(), status: 'STARTED'});
	});

	it('handles plans that started before the simulator', async () => {
		const clock = manualClock();
		const sim = await sims.start({now: clock.now, aggregations: [plan(id(7), {startAtMs: -15_000})]});
		const bearer = await token(sim);
		expect((await statusAt(sim, bearer, id(7))).body).toMatchObject({
			start: new Date(T0 - 15_000).toISOString(),
			status: 'ACCOUNTS_COLLECTED',
			processedAccounts: 500,
		});
	});

	it('answers 404 ErrorResponseDto with a fresh trackingId for an unknown id', async () => {
		const sim = await sims.start();
		const bearer = await token(sim);
		const first = await statusAt(sim, bearer, id(99));
		const second = await statusAt(sim, bearer, id(99));
		expect(first.status).toBe(404);
		expectErrorResponseDto(first.body, '404 Not found');
		expect(first.body['trackingId']).not.toBe(second.body['trackingId']);
	});

	it('serves the same status under /v2024, /beta and /account-aggregations/v1', async () => {
		const clock = manualClock();
		const sim = await sims.start({now: clock.now, aggregations: [plan(id(8), {startAtMs: -12_000})]});
		const bearer = await token(sim);
		const expected = (await statusAt(sim, bearer, id(8))).body;
		expect(expected['status']).toBe('ACCOUNTS_COLLECTED');
		for (const path of [
			`/v2024/account-aggregations/${id(8)}/status`,
			`/beta/account-aggregations/${id(8)}/status`,
			`/account-aggregations/v1/${id(8)}/status`,
		]) {
			const result = await get(sim, path, bearer);
			expect(result.status, path).toBe(200);
			expect(result.body, path).toEqual(expected);
		}
	});

	it('answers 404 ErrorResponseDto for unknown paths and 405 for a wrong method', async () => {
		const sim = await sims.start({aggregations: [plan(id(9))]});
		const bearer = await token(sim);
		const unknown = await get(sim, '/v2025/nothing-here', bearer);
		expect(unknown.status).toBe(404);
		expectErrorResponseDto(unknown.body, '404 Not found');

		const wrongMethod = await fetch(`${sim.url}${statusPath(id(9))}`, {method: 'DELETE', headers: {authorization: `Bearer ${bearer}`}});
		expect(wrongMethod.status).toBe(405);
	});

	it('aggregations() reports the truth, including GONE after expiry', async () => {
		const clock = manualClock();
		const sim = await sims.start({
			now: clock.now,
			expiryMs: 1000,
			aggregations: [plan(id(10)), plan(id(11), {collectMs: 0, totalAccounts: 0})],
		});
		clock.at(15_000);
		expect(sim.aggregations()).toEqual([
			{id: id(10), sourceName: 'Workday', status: 'ACCOUNTS_COLLECTED', processedAccounts: 500, totalAccounts: 1000},
			{id: id(11), sourceName: 'Workday', status: 'GONE'},
		]);
	});

	it('refuses plans with a malformed or duplicate id', async () => {
		const sim = await sims.start({aggregations: [plan(id(12))]});
		expect(() => {
			sim.addAggregation(plan('NOT-HEX'));
		}).toThrow(/32 lowercase hex/);
		expect(() => {
			sim.addAggregation(plan(id(12)));
		}).toThrow(/Duplicate/);
	});
});
