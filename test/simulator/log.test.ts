import {afterEach, describe, expect, it} from 'vitest';
import {T0, get, id, manualClock, plan, simulators, statusPath, token} from './helpers.js';

const sims = simulators();
afterEach(async () => sims.closeAll());

describe('request log', () => {
	it('records every request in arrival order with what tests assert on', async () => {
		const clock = manualClock();
		const sim = await sims.start({now: clock.now, aggregations: [plan(id(1))]});
		const bearer = await token(sim);
		clock.advance(1500);
		await get(sim, `${statusPath(id(1))}?x=1`, bearer, {
			'X-SailPoint-Experimental': 'true',
			'User-Agent': 'aggwatch/test',
			Accept: 'application/json',
		});
		await get(sim, statusPath(id(1)));

		expect(sim.log).toHaveLength(3);
		expect(sim.log[0]).toMatchObject({
			at: T0,
			method: 'POST',
			path: '/oauth/token',
			status: 200,
			clientId: 'demo-client',
			hadAuthorization: false,
		});
		expect(sim.log[1]).toEqual({
			at: T0 + 1500,
			method: 'GET',
			path: statusPath(id(1)),
			query: {x: '1'},
			status: 200,
			clientId: 'demo-client',
			experimentalHeader: 'true',
			userAgent: 'aggwatch/test',
			accept: 'application/json',
			hadAuthorization: true,
		});
		expect(sim.log[2]).toMatchObject({status: 401, hadAuthorization: false});
		expect(sim.log[2]?.clientId).toBeUndefined();
	});

	it('records faulted requests with the fault, and the client id of a known token', async () => {
		const sim = await sims.start({aggregations: [plan(id(1))]});
		const bearer = await token(sim);
		sim.addFault({fault: {type: 'status', status: 429}, count: 1});
		await get(sim, statusPath(id(1)), bearer);
		expect(sim.log.at(-1)).toMatchObject({status: 429, fault: 'status', clientId: 'demo-client'});
	});

	it('never keeps a secret or a token', async () => {
		const sim = await sims.start({clients: [{clientId: 'c', clientSecret: 'very-secret-value'}]});
		const bearer = await token(sim, 'c', 'very-secret-value');
		await fetch(`${sim.url}/oauth/token?grant_type=client_credentials&client_id=c&client_secret=very-secret-value`, {method: 'POST'});
		await get(sim, '/v2025/sources', bearer);
		const logged = JSON.stringify(sim.log);
		expect(logged).not.toContain('very-secret-value');
		expect(logged).not.toContain(bearer);
		expect(sim.log[1]?.query['client_secret']).toBe('[redacted]');
	});
});
