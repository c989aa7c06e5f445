import {describe, expect, it} from 'vitest';
import type {RequestLogEntry, RetryDecision} from '../../source/isc/client.js';
import {CLIENT_SECRET, FINISHED_ID, RUNNING_ID, harness, iscError} from './sim-fixture.js';

describe('IscClient tokens (simulated tenant)', () => {
	it('makes one token request for many status calls, concurrent or not', async () => {
		const {client, requests} = await harness();
		const isc = client();
		const concurrent = await Promise.all(
			Array.from({length: 8}, (_, index) => isc.getAggregationStatus(index % 2 === 0 ? RUNNING_ID : FINISHED_ID)),
		);
		for (let index = 0; index < 5; index++) {
			await isc.getAggregationStatus(RUNNING_ID);
		}

		expect(concurrent.map(status => status.status)).toEqual(Array.from({length: 4}, () => ['ACCOUNTS_COLLECTED', 'COMPLETED']).flat());
		expect(isc.tokenRequests).toBe(1);
		expect(requests('/oauth/token')).toHaveLength(1);
		expect(requests('/v2025/account-aggregations').every(entry => entry.status === 200)).toBe(true);
	});

	it('renews a token that expired mid-run once, without surfacing an error or a retry', async () => {
		const {sim, client, requests} = await harness();
		const retries: RetryDecision[] = [];
		const isc = client({onRetry: decision => retries.push(decision)});
		await isc.getAggregationStatus(RUNNING_ID);
		sim.expireTokens();

		const after = await Promise.all([
			isc.getAggregationStatus(RUNNING_ID),
			isc.getAggregationStatus(FINISHED_ID),
			isc.getAggregationStatus(RUNNING_ID),
		]);
		expect(after.map(status => status.status)).toEqual(['ACCOUNTS_COLLECTED', 'COMPLETED', 'ACCOUNTS_COLLECTED']);
		// Three requests met the same 401, yet only one new token was asked for.
		expect(isc.tokenRequests).toBe(2);
		expect(requests('/oauth/token')).toHaveLength(2);
		expect(
			requests('/v2025/account-aggregations')
				.map(entry => entry.status)
				.filter(status => status === 401),
		).toHaveLength(3);
		expect(retries).toEqual([]);
	});

	it('tells the caller about each request that leaves, the repeat after a 401 included (for the request budget)', async () => {
		const {sim, client} = await harness();
		const isc = client();
		let sends = 0;
		await isc.getAggregationStatus(RUNNING_ID, {onSend: () => sends++});
		expect(sends).toBe(1);
		sim.expireTokens();
		sends = 0;
		await isc.getAggregationStatus(RUNNING_ID, {onSend: () => sends++});
		expect(sends).toBe(2);
	});

	it('renews a token shortly before it expires, without a 401', async () => {
		let now = Date.parse('2025-01-31T14:00:00.000Z');
		const {client, requests} = await harness({tokenLifetimeSec: 100, now: () => now});
		const isc = client({now: () => now});
		await isc.getAggregationStatus(RUNNING_ID);
		now += 84_000;
		await isc.getAggregationStatus(RUNNING_ID);
		expect(isc.tokenRequests).toBe(1);
		// 15 s before expiry the next one is asked for, while the first still serves...
		now += 1000;
		await isc.getAggregationStatus(RUNNING_ID);
		expect(isc.tokenRequests).toBe(2);
		// ...and from 10 s before expiry (10% of 100 s) only the new one is sent: no other token request.
		now += 5000;
		await isc.getAggregationStatus(RUNNING_ID);
		now += 10_000;
		await isc.getAggregationStatus(RUNNING_ID);
		expect(isc.tokenRequests).toBe(2);
		expect(requests('/v2025').every(entry => entry.status === 200)).toBe(true);
	});

	it('a 401 for a token that lapsed on the way is repeated with a new one, and is not the one refresh the call gets', async () => {
		let now = Date.parse('2025-01-31T14:00:00.000Z');
		const {sim, client, requests} = await harness();
		let lapse = true;
		const isc = client({
			now: () => now,
			onRequest(entry) {
				// The first 401 comes back after the token's refresh point (749 - 60 s): it lapsed on the way.
				if (entry.status === 401 && lapse) {
					lapse = false;
					now += 689_000;
				}
			},
		});
		await isc.getAggregationStatus(RUNNING_ID);
		// Then a 401 for the new token too, as after a revoked token: the call's one refresh is still there for it.
		sim.addFault({fault: {type: 'status', status: 401}, pathPrefix: '/v2025/account-aggregations', count: 2});
		expect((await isc.getAggregationStatus(RUNNING_ID)).status).toBe('ACCOUNTS_COLLECTED');
		expect(requests('/v2025/account-aggregations').map(entry => entry.status)).toEqual([200, 401, 401, 200]);
		expect(isc.tokenRequests).toBe(3);
	});

	it('gives up with an auth error when a fresh token is rejected too', async () => {
		const {sim, client, requests} = await harness();
		const isc = client();
		sim.addFault({fault: {type: 'status', status: 401}, pathPrefix: '/v2025/account-aggregations', count: 2});
		const error = await iscError(isc.getAggregationStatus(RUNNING_ID));
		expect(error.kind).toBe('auth');
		expect(error.status).toBe(401);
		expect(error.message).toBe('ISC rejected a freshly issued access token: JWT validation failed: JWT is expired');
		expect(isc.tokenRequests).toBe(2);
		expect(requests('/v2025/account-aggregations')).toHaveLength(2);
	});

	it('reports a bad secret as auth, naming the variable to fix and never the secret', async () => {
		const {client, requests} = await harness();
		const wrongSecret = 'wrong-secret-Kp29v';
		const logged: RequestLogEntry[] = [];
		const isc = client(
			{onRequest: entry => logged.push(entry)},
			{clientSecret: wrongSecret, credentialSource: {clientId: 'SAIL_CLIENT_ID', clientSecret: 'SAIL_CLIENT_SECRET'}},
		);
		const error = await iscError(isc.getAggregationStatus(RUNNING_ID));
		expect(error.kind).toBe('auth');
		expect(error.message).toContain('SAIL_CLIENT_SECRET');
		expect(error.hint).toContain('SAIL_CLIENT_SECRET');
		const everything = JSON.stringify([error.message, error.hint, error.toInfo(), String(error.stack), logged]);
		expect(everything).not.toContain(wrongSecret);
		expect(everything).not.toContain(CLIENT_SECRET);
		// Not retried: bad credentials do not get better by asking again.
		expect(requests('/oauth/token')).toHaveLength(1);
		expect(requests('/v2025')).toHaveLength(0);
		expect(logged).toEqual([expect.objectContaining({method: 'POST', status: 401, errorKind: 'auth', attempt: 1})]);
	});

	it('reports a secret rotated mid-run as an auth error after one renewal attempt', async () => {
		const {sim, client} = await harness();
		const isc = client({}, {credentialSource: {clientId: '--client-id', clientSecret: 'the keychain entry for acme'}});
		await isc.getAggregationStatus(RUNNING_ID);
		sim.rotateSecret('test-client', 'rotated-secret');
		const error = await iscError(isc.getAggregationStatus(RUNNING_ID));
		expect(error.kind).toBe('auth');
		expect(error.message).toContain('--client-id and the keychain entry for acme');
		expect(isc.tokenRequests).toBe(2);
	});

	it('retries a token request that met a server error', async () => {
		const {sim, client, requests} = await harness();
		sim.addFault({fault: {type: 'status', status: 503}, pathPrefix: '/oauth/token', count: 1});
		const isc = client();
		expect((await isc.getAggregationStatus(RUNNING_ID)).status).toBe('ACCOUNTS_COLLECTED');
		expect(requests('/oauth/token').map(entry => entry.status)).toEqual([503, 200]);
	});
});
