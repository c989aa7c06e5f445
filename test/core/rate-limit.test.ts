import {describe, expect, it} from 'vitest';
import {DEFAULT_RETRY_AFTER_MS, MAX_RETRY_AFTER_MS} from '../../source/core/reducer.js';
import {nextRequests} from '../../source/core/schedule.js';
import {summarize} from '../../source/core/summary.js';
import {fail, keyOf, row, seed, stateWith, T1, T2} from './fixtures.js';

describe('429 rate limit', () => {
	const tooMany = {kind: 'rate-limited', message: 'Too many requests', status: 429, retryAfterMs: 2000} as const;

	it('pauses the whole tenant until Retry-After ends, and only that tenant', () => {
		const state = fail(stateWith([seed(1), seed(2), seed(3, {tenant: T2})]), keyOf(1), tooMany, 1000);
		expect(state.tenants[T1]?.pausedUntil).toBe(3000);
		const now = 1200;
		const {due, wakeAt} = nextRequests(state, now);
		expect(due).toEqual([keyOf(3, T2)]);
		expect(wakeAt).toBe(3000);
		expect(nextRequests(state, 3000).due).toContain(keyOf(1));
	});

	it('does not penalise the row itself', () => {
		const state = fail(stateWith([seed(1)]), keyOf(1), tooMany, 1000);
		expect(row(state, keyOf(1))).toMatchObject({failures: 0, inFlight: false, nextPollAt: 0});
		expect(row(state, keyOf(1)).lastError).toBeUndefined();
	});

	it('waits a default pause when the tenant did not say how long', () => {
		const state = fail(stateWith([seed(1)]), keyOf(1), {kind: 'rate-limited', message: 'slow down'}, 1000);
		expect(state.tenants[T1]?.pausedUntil).toBe(1000 + DEFAULT_RETRY_AFTER_MS);
	});

	it('caps an absurd Retry-After, so a tenant asking for years is asked again after a quarter of an hour', () => {
		const state = fail(stateWith([seed(1)]), keyOf(1), {...tooMany, retryAfterMs: 99_999_999_000}, 1000);
		expect(state.tenants[T1]?.pausedUntil).toBe(1000 + MAX_RETRY_AFTER_MS);
	});

	it('keeps the longer pause when several answers say different things', () => {
		let state = fail(stateWith([seed(1), seed(2)]), keyOf(1), {...tooMany, retryAfterMs: 8000}, 1000);
		state = fail(state, keyOf(2), tooMany, 1100);
		expect(state.tenants[T1]?.pausedUntil).toBe(9000);
	});

	it('shows in the header only while in force', () => {
		const state = fail(stateWith([seed(1)]), keyOf(1), tooMany, 1000);
		expect(summarize(state, 2999).rateLimitedUntil).toEqual({[T1]: 3000});
		expect(summarize(state, 3000).rateLimitedUntil).toEqual({});
	});
});
