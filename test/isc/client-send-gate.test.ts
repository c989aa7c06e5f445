import {describe, expect, it} from 'vitest';
import {FINISHED_ID, RUNNING_ID, harness} from './sim-fixture.js';

const STATUS = '/v2025/account-aggregations';

/** An onSend that holds each request until the test opens it, and says when one is waiting. */
function gate() {
	const opens: Array<() => void> = [];
	let arrived: () => void = () => undefined;
	let next = new Promise<void>(resolve => {
		arrived = resolve;
	});
	return {
		async onSend(): Promise<void> {
			await new Promise<void>(resolve => {
				opens.push(resolve);
				arrived();
			});
		},
		/** Resolves when a request is waiting at the gate (one not yet opened). */
		async waiting(): Promise<void> {
			await next;
			next = new Promise<void>(resolve => {
				arrived = resolve;
			});
		},
		open(): void {
			opens.shift()?.();
		},
	};
}

/** Which aggregation each status request asked about, and its answer, in arrival order. */
function statusLog(entries: ReadonlyArray<{path: string; status: number}>): string[] {
	return entries.map(entry => `${entry.path.includes(RUNNING_ID) ? 'held' : 'other'} ${entry.status}`);
}

describe('IscClient onSend holds each request until the caller lets it go (the rate budget)', () => {
	// While a request waits at the gate, another call goes all the way to the tenant and back: had the held
	// request left, the tenant would have seen it first.
	it("holds the first try and the client's own retry after a 5xx", async () => {
		const {sim, client, requests} = await harness();
		sim.addFault({fault: {type: 'status', status: 503}, pathPrefix: `${STATUS}/${RUNNING_ID}`, count: 1});
		const isc = client({
			async sleep() {
				// No backoff: the gate alone decides when the retry leaves.
			},
		});
		const held = gate();
		const call = isc.getAggregationStatus(RUNNING_ID, {retries: 1, onSend: held.onSend});
		await held.waiting();
		await isc.getAggregationStatus(FINISHED_ID);
		held.open();
		await held.waiting();
		await isc.getAggregationStatus(FINISHED_ID);
		held.open();
		expect((await call).status).toBe('ACCOUNTS_COLLECTED');
		expect(statusLog(requests(STATUS))).toEqual(['other 200', 'held 503', 'other 200', 'held 200']);
	});

	it('holds the repeat after a token refresh', async () => {
		const {sim, client, requests} = await harness();
		const isc = client();
		await isc.getAggregationStatus(FINISHED_ID);
		sim.expireTokens();
		const held = gate();
		const call = isc.getAggregationStatus(RUNNING_ID, {onSend: held.onSend});
		await held.waiting();
		held.open();
		await held.waiting();
		// The 401 came back and a new token was granted; the repeat waits at the gate.
		await isc.getAggregationStatus(FINISHED_ID);
		held.open();
		expect((await call).status).toBe('ACCOUNTS_COLLECTED');
		expect(statusLog(requests(STATUS))).toEqual(['other 200', 'held 401', 'other 200', 'held 200']);
	});

	it('takes the token as the request leaves: one that died while the request waited is never sent', async () => {
		let now = Date.parse('2025-01-31T14:00:00.000Z');
		const {client, requests} = await harness({tokenLifetimeSec: 4, now: () => now});
		const isc = client({now: () => now});
		// The budget holds the first send for longer than its token lives; any repeat would leave at once.
		let sends = 0;
		const call = isc.getAggregationStatus(RUNNING_ID, {
			async onSend() {
				sends++;
				if (sends === 1) {
					now += 10_000;
				}
			},
		});
		expect((await call).status).toBe('ACCOUNTS_COLLECTED');
		expect(requests(STATUS).map(entry => entry.status)).toEqual([200]);
		expect(isc.tokenRequests).toBe(2);
	});
});
