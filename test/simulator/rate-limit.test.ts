import {afterEach, describe, expect, it} from 'vitest';
import {get, id, manualClock, plan, requestToken, simulators, statusPath, token} from './helpers.js';

const sims = simulators();
afterEach(async () => sims.closeAll());

describe('rate limit per client id', () => {
	it('answers 429 {message} with Retry-After once the window is full, and lets requests through as it slides', async () => {
		const clock = manualClock();
		const sim = await sims.start({
			now: clock.now,
			tokenLifetimeSec: 100_000,
			rateLimit: {requests: 3, windowMs: 10_000},
			aggregations: [plan(id(1))],
		});
		// The token request is the first of the three.
		const bearer = await token(sim);

		clock.at(4000);
		expect((await get(sim, statusPath(id(1)), bearer)).status).toBe(200);
		clock.at(8000);
		expect((await get(sim, statusPath(id(1)), bearer)).status).toBe(200);

		clock.at(9000);
		const limited = await get(sim, statusPath(id(1)), bearer);
		expect(limited.status).toBe(429);
		expect(limited.body).toEqual({message: 'Rate Limit Exceeded'});
		// The token request at 0 leaves the window at 10 s.
		expect(limited.headers.get('retry-after')).toBe('1');

		clock.at(10_000);
		expect((await get(sim, statusPath(id(1)), bearer)).status).toBe(200);
		const next = await get(sim, statusPath(id(1)), bearer);
		expect(next.status).toBe(429);
		// Now the request at 4 s is the oldest: it leaves at 14 s.
		expect(next.headers.get('retry-after')).toBe('4');
	});

	it('counts each client separately', async () => {
		const clock = manualClock();
		const sim = await sims.start({
			now: clock.now,
			rateLimit: {requests: 2, windowMs: 10_000},
			clients: [
				{clientId: 'a', clientSecret: 'sa'},
				{clientId: 'b', clientSecret: 'sb'},
			],
			aggregations: [plan(id(1))],
		});
		const tokenA = await token(sim, 'a', 'sa');
		const tokenB = await token(sim, 'b', 'sb');
		expect((await get(sim, statusPath(id(1)), tokenA)).status).toBe(200);
		expect((await get(sim, statusPath(id(1)), tokenA)).status).toBe(429);
		expect((await get(sim, statusPath(id(1)), tokenB)).status).toBe(200);
	});

	it('limits the token endpoint by client id as well', async () => {
		const clock = manualClock();
		const sim = await sims.start({now: clock.now, rateLimit: {requests: 1, windowMs: 5000}});
		const fields = {grant_type: 'client_credentials', client_id: 'demo-client', client_secret: 'demo-secret'};
		expect((await requestToken(sim, fields)).status).toBe(200);
		const limited = await requestToken(sim, fields);
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('5');
	});

	it('allows 100 requests per 10 s by default, and can be turned off', async () => {
		const clock = manualClock();
		const limited = await sims.start({now: clock.now, aggregations: [plan(id(1))]});
		const bearer = await token(limited);
		const statuses = await Promise.all(Array.from({length: 100}, async () => (await get(limited, statusPath(id(1)), bearer)).status));
		// The token request was the first of the hundred.
		expect(statuses.filter(status => status === 200)).toHaveLength(99);
		expect(statuses.filter(status => status === 429)).toHaveLength(1);

		const open = await sims.start({now: clock.now, rateLimit: false, aggregations: [plan(id(1))]});
		const openBearer = await token(open);
		const results = await Promise.all(Array.from({length: 110}, async () => (await get(open, statusPath(id(1)), openBearer)).status));
		expect(results.every(status => status === 200)).toBe(true);
	});
});
