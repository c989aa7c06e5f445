import {describe, expect, it} from 'vitest';
import {nextRequests} from '../../source/core/schedule.js';
import {summarize} from '../../source/core/summary.js';
import {apply, collecting, fail, keyOf, poll, row, seed, stateWith, T1, T2, unauthorized} from './fixtures.js';
import {simulate, type Answer} from './simulate.js';

const authRetryMs = 60_000;

function failing() {
	let state = stateWith([seed(1), seed(2), seed(3), seed(4, {tenant: T2})], {authRetryMs});
	state = poll(state, keyOf(1), collecting(50), 0);
	return fail(state, keyOf(2), unauthorized, 1000);
}

describe('auth failures', () => {
	it('are recorded once on the tenant; rows keep their data and carry no error', () => {
		const state = failing();
		expect(state.tenants[T1]?.authError).toMatchObject({kind: 'auth', message: 'Bad credentials', at: 1000});
		expect(row(state, keyOf(1)).snapshot).toEqual(collecting(50));
		expect(state.rows.every(r => r.lastError === undefined && r.failures === 0)).toBe(true);
		expect(Object.keys(summarize(state, 1000).authErrors)).toEqual([T1]);
	});

	it('let only one probe out per authRetryMs, and nothing while it is in flight', () => {
		const state = failing();
		const {due, wakeAt} = nextRequests(state, 2000);
		expect(due).toEqual([keyOf(4, T2)]); // the other tenant is not affected
		expect(wakeAt).toBe(1000 + authRetryMs);
		const probeAt = 1000 + authRetryMs;
		const probe = nextRequests(state, probeAt);
		expect(probe.due.filter(key => key.startsWith(T1))).toEqual([keyOf(2)]); // the most overdue row of the tenant
		const probing = apply(state, {type: 'requested', key: keyOf(2), now: probeAt});
		for (const later of [probeAt + 125, probeAt + 10 * authRetryMs]) {
			expect(nextRequests(probing, later).due.filter(key => key.startsWith(T1))).toEqual([]);
		}
	});

	it('probe a minute after each failure, then resume the whole tenant evenly spaced after a success', () => {
		const fixedAt = 150_000;
		const {sends, state} = simulate(failing(), {
			from: 1000,
			until: 182_000,
			answer: (_row, now): Answer => (now < fixedAt ? {latencyMs: 100, error: unauthorized} : {latencyMs: 100, status: collecting(1)}),
		});
		const t1 = sends.filter(s => s.tenant === T1).map(s => s.at);
		// A minute after the first failure, then a minute after each failed probe's answer; the third probe succeeds
		// (answered at 181.3 s) and the other two rows follow, one spacing apart.
		expect(t1).toEqual([61_000, 121_100, 181_200, 181_325, 181_450]);
		expect(state.tenants[T1]?.authError).toBeUndefined();
	});

	it('a success clears the failure and the rest of the tenant is polled again', () => {
		let state = failing();
		state = poll(state, keyOf(2), collecting(1), 70_000);
		expect(state.tenants[T1]?.authError).toBeUndefined();
		expect(nextRequests(state, 70_000).due).not.toContain(keyOf(3)); // one spacing after the probe
		expect(nextRequests(state, 70_125).due).toContain(keyOf(3));
	});

	it('poll-now lets a probe out at once (the user just fixed the credentials)', () => {
		const state = apply(failing(), {type: 'poll-now', now: 5000});
		expect(nextRequests(state, 5000).due).toContain(keyOf(2));
	});

	it('a 404 also proves the credentials work', () => {
		const state = fail(failing(), keyOf(3), {kind: 'not-found', message: 'Not found', status: 404}, 70_000);
		expect(state.tenants[T1]?.authError).toBeUndefined();
	});

	it('forbidden (403) is handled the same way', () => {
		const state = fail(stateWith([seed(1)]), keyOf(1), {kind: 'forbidden', message: 'Forbidden', status: 403}, 0);
		expect(state.tenants[T1]?.authError?.kind).toBe('forbidden');
		expect(nextRequests(state, 1).due).toEqual([]);
	});
});

describe('an untrusted TLS certificate', () => {
	const certificate = {
		kind: 'network' as const,
		code: 'SELF_SIGNED_CERT_IN_CHAIN',
		message: 'The TLS certificate of acme.api.identitynow.com is not trusted: self-signed certificate in certificate chain',
		hint: 'If a proxy or your company inspects TLS, point NODE_EXTRA_CA_CERTS at a PEM file with its CA certificate, then start aggwatch again',
	};

	it('stops its tenant once, as failing credentials do: no error and no backoff on each row, one probe per authRetryMs', () => {
		let state = stateWith([seed(1), seed(2), seed(3), seed(4, {tenant: T2})], {authRetryMs});
		state = fail(state, keyOf(1), certificate, 1000);
		expect(state.tenants[T1]?.authError).toMatchObject({...certificate, at: 1000});
		expect(state.rows.every(r => r.lastError === undefined && r.failures === 0)).toBe(true);
		expect(Object.keys(summarize(state, 1000).authErrors)).toEqual([T1]);
		const {due, wakeAt} = nextRequests(state, 2000);
		expect(due).toEqual([keyOf(4, T2)]);
		expect(wakeAt).toBe(1000 + authRetryMs);
		// Once the certificate is trusted, the next answer lets the tenant go on.
		state = poll(state, keyOf(1), collecting(1), 1000 + authRetryMs);
		expect(state.tenants[T1]?.authError).toBeUndefined();
	});

	it('met by a task read stops the tenant too, and the read keeps its place', () => {
		let state = stateWith([seed(1, {snapshot: {status: 'COMPLETED'}})], {authRetryMs, readTasks: true});
		expect(row(state, keyOf(1)).taskRead?.purpose).toBe('outcome');
		state = apply(
			state,
			{type: 'requested', key: keyOf(1), now: 0, read: 'task'},
			{type: 'task-failed', key: keyOf(1), error: certificate, now: 500},
		);
		expect(state.tenants[T1]?.authError?.code).toBe('SELF_SIGNED_CERT_IN_CHAIN');
		expect(row(state, keyOf(1)).taskRead).toMatchObject({purpose: 'outcome', inFlight: false, failures: 0});
		expect(nextRequests(state, 1000).due).toEqual([]);
	});

	it('other network failures stay on their row, with its backoff', () => {
		const state = fail(
			stateWith([seed(1), seed(2)], {authRetryMs}),
			keyOf(1),
			{kind: 'network', code: 'ECONNRESET', message: 'reset'},
			1000,
		);
		expect(state.tenants[T1]?.authError).toBeUndefined();
		expect(row(state, keyOf(1))).toMatchObject({failures: 1, lastError: {code: 'ECONNRESET'}});
	});
});
