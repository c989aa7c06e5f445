import {afterEach, describe, expect, it} from 'vitest';
import {get, id, manualClock, plan, requestToken, simulators, statusPath, token} from './helpers.js';

const sims = simulators();
afterEach(async () => sims.closeAll());

describe('POST /oauth/token', () => {
	it('issues a bearer token for valid client credentials', async () => {
		const sim = await sims.start({tokenLifetimeSec: 600});
		const result = await requestToken(sim, {grant_type: 'client_credentials', client_id: 'demo-client', client_secret: 'demo-secret'});
		expect(result.status).toBe(200);
		const body = result.body as Record<string, unknown>;
		expect(body['token_type']).toBe('bearer');
		expect(body['expires_in']).toBe(600);
		expect(typeof body['access_token']).toBe('string');
		expect((body['access_token'] as string).length).toBeGreaterThan(20);
	});

	it('issues a different token each time', async () => {
		const sim = await sims.start();
		expect(await token(sim)).not.toBe(await token(sim));
	});

	it('defaults expires_in to 749 seconds', async () => {
		const sim = await sims.start();
		const result = await requestToken(sim, {grant_type: 'client_credentials', client_id: 'demo-client', client_secret: 'demo-secret'});
		expect((result.body as Record<string, unknown>)['expires_in']).toBe(749);
	});

	it('answers 401 {error} for a wrong secret or an unknown client', async () => {
		const sim = await sims.start();
		const attempts: Array<Record<string, string>> = [
			{grant_type: 'client_credentials', client_id: 'demo-client', client_secret: 'nope'},
			{grant_type: 'client_credentials', client_id: 'someone-else', client_secret: 'demo-secret'},
			{grant_type: 'client_credentials', client_id: 'demo-client'},
		];
		for (const fields of attempts) {
			const result = await requestToken(sim, fields);
			expect(result.status).toBe(401);
			expect(typeof (result.body as {error: unknown}).error).toBe('string');
			expect(result.text).not.toContain('demo-secret');
		}
	});

	it('answers 400 {error} when the grant is missing or not client_credentials', async () => {
		const sim = await sims.start();
		const missing = await requestToken(sim, {client_id: 'demo-client', client_secret: 'demo-secret'});
		expect(missing.status).toBe(400);
		expect(typeof (missing.body as {error: unknown}).error).toBe('string');

		const wrong = await requestToken(sim, {grant_type: 'password', client_id: 'demo-client', client_secret: 'demo-secret'});
		expect(wrong.status).toBe(400);
		expect((wrong.body as {error: string}).error).toBe('unsupported_grant_type');
	});

	it('accepts the parameters in the query string and as multipart/form-data too', async () => {
		const sim = await sims.start();
		const query = await fetch(`${sim.url}/oauth/token?grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret`, {
			method: 'POST',
		});
		expect(query.status).toBe(200);

		const form = new FormData();
		form.set('grant_type', 'client_credentials');
		form.set('client_id', 'demo-client');
		form.set('client_secret', 'demo-secret');
		const multipart = await fetch(`${sim.url}/oauth/token`, {method: 'POST', body: form});
		expect(multipart.status).toBe(200);
	});

	it('knows every configured client', async () => {
		const sim = await sims.start({
			clients: [
				{clientId: 'a', clientSecret: 'sa'},
				{clientId: 'b', clientSecret: 'sb'},
			],
		});
		await expect(token(sim, 'a', 'sa')).resolves.toBeTypeOf('string');
		await expect(token(sim, 'b', 'sb')).resolves.toBeTypeOf('string');
		await expect(token(sim, 'demo-client', 'demo-secret')).rejects.toThrow(/401/);
	});
});

describe('bearer tokens on the API', () => {
	it('answers 401 {error} without a token or with an unknown one', async () => {
		const sim = await sims.start({aggregations: [plan(id(1))]});
		for (const bearer of [undefined, 'not-a-token']) {
			const result = await get(sim, statusPath(id(1)), bearer);
			expect(result.status).toBe(401);
			expect(typeof (result.body as {error: unknown}).error).toBe('string');
		}
	});

	it('expires tokens after expires_in seconds of the simulator clock', async () => {
		const clock = manualClock();
		const sim = await sims.start({now: clock.now, tokenLifetimeSec: 60, aggregations: [plan(id(1), {startAtMs: -1000})]});
		const bearer = await token(sim);

		clock.advance(59_999);
		expect((await get(sim, statusPath(id(1)), bearer)).status).toBe(200);

		clock.advance(1);
		const expired = await get(sim, statusPath(id(1)), bearer);
		expect(expired.status).toBe(401);
		expect((expired.body as {error: string}).error).toMatch(/expired/i);

		expect((await get(sim, statusPath(id(1)), await token(sim))).status).toBe(200);
	});

	it('expireTokens() invalidates every token issued so far, not later ones', async () => {
		const sim = await sims.start({aggregations: [plan(id(1))]});
		const before = await token(sim);
		sim.expireTokens();
		expect((await get(sim, statusPath(id(1)), before)).status).toBe(401);
		expect((await get(sim, statusPath(id(1)), await token(sim))).status).toBe(200);
	});

	it("rotateSecret() refuses the old secret and drops that client's tokens only", async () => {
		const sim = await sims.start({
			clients: [
				{clientId: 'a', clientSecret: 'old'},
				{clientId: 'b', clientSecret: 'sb'},
			],
			aggregations: [plan(id(1))],
		});
		const tokenA = await token(sim, 'a', 'old');
		const tokenB = await token(sim, 'b', 'sb');

		sim.rotateSecret('a', 'new');

		expect((await get(sim, statusPath(id(1)), tokenA)).status).toBe(401);
		expect((await get(sim, statusPath(id(1)), tokenB)).status).toBe(200);
		await expect(token(sim, 'a', 'old')).rejects.toThrow(/401/);
		expect((await get(sim, statusPath(id(1)), await token(sim, 'a', 'new'))).status).toBe(200);
		expect(() => {
			sim.rotateSecret('nobody', 'x');
		}).toThrow(/nobody/);
	});
});
