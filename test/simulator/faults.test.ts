import {afterEach, describe, expect, it, vi} from 'vitest';
import {parseAggregationStatus} from '../../source/isc/status.js';
import {T0, get, id, manualClock, plan, requestToken, simulators, statusPath, token} from './helpers.js';

const sims = simulators();
afterEach(async () => sims.closeAll());

const STATUS_PREFIX = '/v2025/account-aggregations';

describe('faults', () => {
	it('answers a status fault with the ISC body for that status', async () => {
		const sim = await sims.start({aggregations: [plan(id(1))]});
		const bearer = await token(sim);

		sim.addFault({fault: {type: 'status', status: 503}, pathPrefix: STATUS_PREFIX, count: 1});
		const unavailable = await get(sim, statusPath(id(1)), bearer);
		expect(unavailable.status).toBe(503);
		expect(unavailable.body).toMatchObject({detailCode: '503 Service Unavailable', messages: [{locale: 'en-US', localeOrigin: 'DEFAULT'}]});
		expect((unavailable.body as {trackingId: string}).trackingId).toMatch(/^[\da-f]{32}$/);

		sim.addFault({fault: {type: 'status', status: 500}, pathPrefix: STATUS_PREFIX, count: 1});
		expect((await get(sim, statusPath(id(1)), bearer)).body).toMatchObject({detailCode: '500.0 Internal Fault'});

		sim.addFault({fault: {type: 'status', status: 403}, pathPrefix: STATUS_PREFIX, count: 1});
		expect((await get(sim, statusPath(id(1)), bearer)).body).toMatchObject({detailCode: '403 Forbidden'});

		sim.addFault({fault: {type: 'status', status: 401}, pathPrefix: STATUS_PREFIX, count: 1});
		const unauthorized = await get(sim, statusPath(id(1)), bearer);
		expect(unauthorized.status).toBe(401);
		expect(typeof (unauthorized.body as {error: unknown}).error).toBe('string');

		// Every count is spent: the real answer is back.
		expect((await get(sim, statusPath(id(1)), bearer)).status).toBe(200);
	});

	it('sends Retry-After in seconds (default 2) or as an HTTP date with a 429 fault', async () => {
		const clock = manualClock(T0 + 400);
		const sim = await sims.start({now: clock.now, aggregations: [plan(id(1))]});
		const bearer = await token(sim);

		sim.addFault({fault: {type: 'status', status: 429}, count: 1});
		const seconds = await get(sim, statusPath(id(1)), bearer);
		expect(seconds.status).toBe(429);
		expect(seconds.body).toEqual({message: 'Rate Limit Exceeded'});
		expect(seconds.headers.get('retry-after')).toBe('2');

		sim.addFault({fault: {type: 'status', status: 429, retryAfterSec: 7, retryAfterDate: true}, count: 1});
		const date = await get(sim, statusPath(id(1)), bearer);
		const retryAt = Date.parse(date.headers.get('retry-after') ?? '');
		// Whole seconds, rounded up: never earlier than asked.
		expect(retryAt).toBe(T0 + 8000);
	});

	it('applies before authentication, so the token endpoint can fail too', async () => {
		const sim = await sims.start({faults: [{fault: {type: 'status', status: 401}, pathPrefix: '/oauth/token', count: 1}]});
		const fields = {grant_type: 'client_credentials', client_id: 'demo-client', client_secret: 'demo-secret'};
		const refused = await requestToken(sim, fields);
		expect(refused.status).toBe(401);
		expect(refused.body).toMatchObject({error: 'unauthorized'});
		expect((await requestToken(sim, fields)).status).toBe(200);

		sim.addFault({fault: {type: 'status', status: 500}, count: 1});
		// No token at all, yet the fault answers, not the 401.
		expect((await get(sim, statusPath(id(1)))).status).toBe(500);
	});

	it('reset destroys the connection without an answer', async () => {
		const sim = await sims.start({faults: [{fault: {type: 'reset'}, count: 1}]});
		await expect(fetch(`${sim.url}/oauth/token`, {method: 'POST'})).rejects.toThrow();
		expect(sim.log[0]).toMatchObject({path: '/oauth/token', status: 0, fault: 'reset'});
		expect((await requestToken(sim, {})).status).toBe(400);
	});

	it('hang never answers, and close() still finishes promptly', async () => {
		const sim = await sims.start({faults: [{fault: {type: 'hang'}}]});
		const pending = fetch(`${sim.url}/v2025/sources`);
		const outcome = pending.then(
			() => 'answered',
			() => 'failed',
		);
		await vi.waitFor(
			() => {
				expect(sim.log).toHaveLength(1);
			},
			{timeout: 5000, interval: 10},
		);
		expect(sim.log[0]).toMatchObject({status: 0, fault: 'hang'});

		const before = performance.now();
		await sim.close();
		expect(performance.now() - before).toBeLessThan(1000);
		expect(await outcome).toBe('failed');
	});

	it('malformed answers 200 with JSON that breaks the status contract', async () => {
		const sim = await sims.start({aggregations: [plan(id(1))], faults: [{fault: {type: 'malformed'}, pathPrefix: STATUS_PREFIX}]});
		const bearer = await token(sim);
		const result = await get(sim, statusPath(id(1)), bearer);
		expect(result.status).toBe(200);
		expect(result.body).toBeTypeOf('object');
		expect(() => parseAggregationStatus(result.body)).toThrow(/status body/);
	});

	it('malformed on the token endpoint sends a token of the wrong type', async () => {
		const sim = await sims.start({faults: [{fault: {type: 'malformed'}, pathPrefix: '/oauth/token'}]});
		const result = await requestToken(sim, {grant_type: 'client_credentials', client_id: 'demo-client', client_secret: 'demo-secret'});
		expect(result.status).toBe(200);
		expect(typeof (result.body as {access_token: unknown}).access_token).not.toBe('string');
	});

	it('non-json answers 200 with an HTML page', async () => {
		const sim = await sims.start({faults: [{fault: {type: 'non-json'}}]});
		const result = await get(sim, statusPath(id(1)));
		expect(result.status).toBe(200);
		expect(result.headers.get('content-type')).toMatch(/text\/html/);
		expect(result.body).toBeUndefined();
		expect(result.text).toMatch(/<html>/);
	});

	it('truncated answers 200 with half a JSON body', async () => {
		const sim = await sims.start({faults: [{fault: {type: 'truncated'}, pathPrefix: STATUS_PREFIX}]});
		const result = await get(sim, statusPath(id(1)));
		expect(result.status).toBe(200);
		expect(result.headers.get('content-type')).toMatch(/application\/json/);
		expect(result.text.startsWith('{"')).toBe(true);
		expect(result.body).toBeUndefined();
	});

	it('honours pathPrefix, count and the [fromMs, untilMs) window', async () => {
		const clock = manualClock();
		const sim = await sims.start({
			now: clock.now,
			tokenLifetimeSec: 100_000,
			aggregations: [plan(id(1))],
			faults: [{fault: {type: 'status', status: 502}, pathPrefix: STATUS_PREFIX, fromMs: 5000, untilMs: 8000, count: 2}],
		});
		const bearer = await token(sim);

		clock.at(4999);
		expect((await get(sim, statusPath(id(1)), bearer)).status).toBe(200);
		clock.at(5000);
		expect((await get(sim, '/v2025/sources', bearer)).status).toBe(200);
		expect((await get(sim, statusPath(id(1)), bearer)).status).toBe(502);
		expect((await get(sim, statusPath(id(1)), bearer)).status).toBe(502);
		expect((await get(sim, statusPath(id(1)), bearer)).status).toBe(200);

		sim.addFault({fault: {type: 'status', status: 504}, fromMs: 5000, untilMs: 8000});
		clock.at(7999);
		expect((await get(sim, statusPath(id(1)), bearer)).status).toBe(504);
		clock.at(8000);
		expect((await get(sim, statusPath(id(1)), bearer)).status).toBe(200);
	});

	it('clearFaults() removes every rule, including the scenario ones', async () => {
		const sim = await sims.start({aggregations: [plan(id(1))], faults: [{fault: {type: 'status', status: 500}}]});
		expect((await get(sim, statusPath(id(1)))).status).toBe(500);
		sim.clearFaults();
		expect((await get(sim, statusPath(id(1)))).status).toBe(401);
	});
});
