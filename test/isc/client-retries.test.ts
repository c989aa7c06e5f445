import {describe, expect, it} from 'vitest';
import type {RequestLogEntry, RetryDecision} from '../../source/isc/client.js';
import {RUNNING_ID, harness, iscError} from './sim-fixture.js';

const STATUS = '/v2025/account-aggregations';

describe('IscClient retries (simulated tenant)', () => {
	it('waits for Retry-After (seconds) before retrying a 429, and announces it before sleeping', async () => {
		const {sim, client, requests} = await harness();
		sim.addFault({fault: {type: 'status', status: 429, retryAfterSec: 1}, pathPrefix: STATUS, count: 1});
		const events: string[] = [];
		const decisions: RetryDecision[] = [];
		const isc = client({
			onRetry(decision) {
				decisions.push(decision);
				events.push('retry');
			},
			async sleep(ms) {
				events.push(`sleep ${ms}`);
				await new Promise(resolve => setTimeout(resolve, ms));
			},
		});

		expect((await isc.getAggregationStatus(RUNNING_ID)).status).toBe('ACCOUNTS_COLLECTED');
		const [limited, retried] = requests(STATUS);
		expect([limited?.status, retried?.status]).toEqual([429, 200]);
		expect(retried!.at - limited!.at).toBeGreaterThanOrEqual(1000);
		expect(events).toEqual(['retry', 'sleep 1000']);
		expect(decisions[0]).toMatchObject({attempt: 1, delayMs: 1000, method: 'GET', url: `${sim.url}${STATUS}/${RUNNING_ID}/status`});
		expect(decisions[0]?.error).toMatchObject({kind: 'rate-limited', retryAfterMs: 1000, status: 429});
	});

	it('reads a Retry-After HTTP date on the shared clock', async () => {
		let now = Date.parse('2025-01-31T14:00:00.250Z');
		const {sim, client, requests} = await harness({now: () => now});
		sim.addFault({fault: {type: 'status', status: 429, retryAfterSec: 2, retryAfterDate: true}, pathPrefix: STATUS, count: 1});
		// Sleeping moves the shared clock: the test sees exactly when the client chose to come back.
		const isc = client({
			now: () => now,
			async sleep(ms) {
				now += ms;
			},
		});
		await isc.getAggregationStatus(RUNNING_ID);
		const [limited, retried] = requests(STATUS);
		expect(limited?.status).toBe(429);
		expect(retried?.status).toBe(200);
		expect(retried!.at - limited!.at).toBeGreaterThanOrEqual(2000);
		expect(retried!.at - limited!.at).toBeLessThanOrEqual(3000);
	});

	it('hands a Retry-After longer than maxRetryAfterMs to the caller instead of retrying early', async () => {
		const {sim, client, requests} = await harness();
		sim.addFault({fault: {type: 'status', status: 429, retryAfterSec: 30}, pathPrefix: STATUS, count: 1});
		const isc = client({maxRetryAfterMs: 5000});
		const error = await iscError(isc.getAggregationStatus(RUNNING_ID));
		expect(error.kind).toBe('rate-limited');
		expect(error.retryAfterMs).toBe(30_000);
		expect(requests(STATUS)).toHaveLength(1);
	});

	it('retries a burst of 5xx with growing, jittered delays, then succeeds', async () => {
		const {sim, client, requests} = await harness();
		sim.addFault({fault: {type: 'status', status: 503}, pathPrefix: STATUS, count: 2});
		const decisions: RetryDecision[] = [];
		const isc = client({backoff: {baseMs: 20, maxMs: 1000}, random: () => 0.5, onRetry: decision => decisions.push(decision)});
		expect((await isc.getAggregationStatus(RUNNING_ID)).status).toBe('ACCOUNTS_COLLECTED');
		expect(requests(STATUS).map(entry => entry.status)).toEqual([503, 503, 200]);
		// Equal jitter at 0.5: 3/4 of 20 ms, then of 40 ms.
		expect(decisions.map(decision => [decision.attempt, decision.delayMs, decision.error.kind])).toEqual([
			[1, 15, 'server'],
			[2, 30, 'server'],
		]);
	});

	it('throws the typed server error, with its tracking id, when retries run out', async () => {
		const {sim, client, requests} = await harness();
		sim.addFault({fault: {type: 'status', status: 500}, pathPrefix: STATUS});
		const isc = client({retries: 2});
		const error = await iscError(isc.getAggregationStatus(RUNNING_ID));
		expect(error).toMatchObject({kind: 'server', status: 500, detailCode: '500.0 Internal Fault'});
		expect(error.trackingId).toMatch(/^[\da-f]{32}$/);
		expect(error.message).toBe('ISC server error: An internal fault occurred.');
		expect(requests(STATUS)).toHaveLength(3);
	});

	it('makes one request only when retries is 0 (the monitor schedules its own)', async () => {
		const {sim, client, requests} = await harness();
		sim.addFault({fault: {type: 'status', status: 502}, pathPrefix: STATUS});
		const isc = client({retries: 0});
		expect((await iscError(isc.getAggregationStatus(RUNNING_ID))).kind).toBe('server');
		// The per-call option overrides the client's default.
		expect((await iscError(client().getAggregationStatus(RUNNING_ID, {retries: 0}))).kind).toBe('server');
		expect(requests(STATUS)).toHaveLength(2);
	});

	it('retries a connection reset, and reports one as a network error when out of retries', async () => {
		const {sim, client, requests} = await harness();
		const isc = client();
		await isc.getAggregationStatus(RUNNING_ID);
		sim.addFault({fault: {type: 'reset'}, pathPrefix: STATUS, count: 1});
		expect((await isc.getAggregationStatus(RUNNING_ID)).status).toBe('ACCOUNTS_COLLECTED');

		sim.addFault({fault: {type: 'reset'}, pathPrefix: STATUS, count: 1});
		const error = await iscError(isc.getAggregationStatus(RUNNING_ID, {retries: 0}));
		expect(error.kind).toBe('network');
		expect(error.code).toBe('ECONNRESET');
		expect(error.message).toMatch(/^Cannot reach 127\.0\.0\.1:\d+: the connection was reset \(ECONNRESET\)$/);
		expect(requests(STATUS).map(entry => entry.fault ?? entry.status)).toEqual([200, 'reset', 200, 'reset']);
	});

	it('ends a hanging request with a network timeout within the configured bound', async () => {
		const {sim, client, requests} = await harness();
		sim.addFault({fault: {type: 'hang'}, pathPrefix: STATUS});
		const logged: RequestLogEntry[] = [];
		const timed = client({timeouts: {responseMs: 300}, retries: 1, onRequest: entry => logged.push(entry)});

		const started = performance.now();
		const error = await iscError(timed.getAggregationStatus(RUNNING_ID));
		const elapsed = performance.now() - started;
		expect(error).toMatchObject({kind: 'network', code: 'ETIMEDOUT'});
		expect(error.message).toMatch(/gave up waiting for an answer after 0\.30 s$/);
		// Two tries of 300 ms and one backoff of at most 40 ms; generous slack for a busy machine.
		expect(elapsed).toBeGreaterThanOrEqual(590);
		expect(elapsed).toBeLessThan(3000);
		expect(requests(STATUS).filter(entry => entry.fault === 'hang')).toHaveLength(2);
		expect(logged.filter(entry => entry.url.includes('/status')).map(entry => [entry.attempt, entry.errorKind, entry.errorCode])).toEqual([
			[1, 'network', 'ETIMEDOUT'],
			[2, 'network', 'ETIMEDOUT'],
		]);
	});

	it('bounds the whole request too', async () => {
		const {sim, client} = await harness();
		sim.addFault({fault: {type: 'hang'}, pathPrefix: STATUS});
		const isc = client({timeouts: {responseMs: 10_000, requestMs: 400}, retries: 0});
		const started = performance.now();
		const error = await iscError(isc.getAggregationStatus(RUNNING_ID));
		expect(error).toMatchObject({kind: 'network', code: 'ETIMEDOUT'});
		expect(performance.now() - started).toBeLessThan(3000);
	});

	it('reports a refused connection as a network error', async () => {
		const {sim, client} = await harness();
		const url = sim.url;
		await sim.close();
		const isc = client({retries: 1}, {baseUrl: url});
		const error = await iscError(isc.getAggregationStatus(RUNNING_ID));
		expect(error).toMatchObject({kind: 'network', code: 'ECONNREFUSED'});
	});

	it('stops waiting when the caller aborts, during a retry sleep or a hanging request', async () => {
		const {sim, client} = await harness();
		sim.addFault({fault: {type: 'status', status: 503}, pathPrefix: STATUS});
		const sleeping = client({backoff: {baseMs: 60_000, maxMs: 60_000}});
		const controller = new AbortController();
		const call = sleeping.getAggregationStatus(RUNNING_ID, {signal: controller.signal});
		setTimeout(() => controller.abort(new Error('user quit')), 100);
		await expect(call).rejects.toThrow('user quit');

		sim.clearFaults();
		sim.addFault({fault: {type: 'hang'}, pathPrefix: STATUS});
		const hanging = client({timeouts: {responseMs: 60_000}});
		const second = new AbortController();
		const started = performance.now();
		const pending = hanging.getAggregationStatus(RUNNING_ID, {signal: second.signal});
		setTimeout(() => second.abort(new Error('user quit again')), 100);
		await expect(pending).rejects.toThrow('user quit again');
		expect(performance.now() - started).toBeLessThan(5000);
	});
});
