import {describe, expect, it} from 'vitest';
import {outOfViewEveryMs, rowCadenceMs} from '../../source/core/cadence.js';
import {reduce} from '../../source/core/reducer.js';
import {nextRequests} from '../../source/core/schedule.js';
import type {MonitorState, RowKey} from '../../source/core/types.js';
import {collecting, keyOf, notFound, seed, serverError, stateWith, T1, T2} from './fixtures.js';
import {simulate, type Answer} from './simulate.js';

/**
 * The core keeps what it works out per state (the poll order, each tenant's demand on its budget) from answer to
 * answer instead of working it out again over every row. What it keeps must always be what it would work out
 * afresh: the same state read back (a copy of it, as if restored) must be scheduled and paced the same way.
 */
function afresh(state: MonitorState): MonitorState {
	return structuredClone(state);
}

function plan(state: MonitorState, now: number) {
	const tenants = [...new Set(state.rows.map(row => row.tenant))];
	return {
		schedule: nextRequests(state, now),
		outOfView: outOfViewEveryMs(state),
		// The pace each tenant's rows would get, for a row in focus and one out of view, STARTED and counting.
		paces: tenants.flatMap(tenant =>
			state.rows
				.filter(row => row.tenant === tenant)
				.slice(0, 3)
				.flatMap(row => [rowCadenceMs(state, row), rowCadenceMs(state, {...row, snapshot: {status: 'STARTED'}})]),
		),
	};
}

function sameAsAfresh(state: MonitorState, now: number): boolean {
	return JSON.stringify(plan(state, now)) === JSON.stringify(plan(afresh(state), now));
}

describe('the schedule kept from answer to answer', () => {
	it('is the one worked out afresh for the same state, through answers, failures, ends, scrolling and poll-now', () => {
		const count = 150;
		const numbers = Array.from({length: count}, (_, index) => index + 1);
		const initial = stateWith(
			numbers.map(n => seed(n, {tenant: n % 3 === 0 ? T2 : T1})),
			{intervalMs: 5000, budget: {requests: 40, windowMs: 10_000}},
		);
		const polls = new Map<RowKey, number>();
		const answer = (target: {key: RowKey}, now: number): Answer => {
			const n = Number.parseInt(target.key.split('\u0000')[1]!, 16);
			const seen = (polls.get(target.key) ?? 0) + 1;
			polls.set(target.key, seen);
			if (n % 13 === 0) {
				return {latencyMs: 300, error: notFound}; // never seen: backoff, then not-found
			}

			if (n % 5 === 0 && seen % 3 === 0) {
				return {latencyMs: 800, error: serverError}; // backoff, then polled again
			}

			if (n % 11 === 0 && seen >= 3) {
				return {latencyMs: 200, status: {...collecting(1000), status: 'COMPLETED'}}; // leaves the schedule
			}

			// STARTED first, then counting (faster own pace), some rows STARTED throughout.
			return {latencyMs: 400 + (n % 7) * 100, status: n % 7 === 0 || seen < 3 ? {status: 'STARTED'} : collecting(seen * 10 + (now % 7))};
		};

		const windows = [0, 20, 40, 100, 130, 60].map(first => numbers.slice(first, first + 20).map(n => keyOf(n, n % 3 === 0 ? T2 : T1)));
		const mismatches: unknown[] = [];
		let steps = 0;
		let compared = 0;
		let previous: MonitorState | undefined;
		simulate(initial, {
			from: 0,
			until: 240_000,
			answer,
			step(state, now) {
				// Every fifth step (what is kept goes on being kept: a wrong one stays wrong).
				if (steps++ % 5 === 0) {
					const kept = plan(state, now);
					const fresh = plan(afresh(state), now);
					compared++;
					if (JSON.stringify(kept) !== JSON.stringify(fresh)) {
						mismatches.push({now, kept, fresh});
					}

					// An earlier state asked again after later ones were made from it is still scheduled as it was.
					if (previous !== undefined && previous !== state && !sameAsAfresh(previous, now)) {
						mismatches.push({now, earlier: true});
					}

					previous = state;
				}

				const window = windows[Math.floor(now / 40_000)] ?? [];
				let next = reduce(state, {type: 'focused', keys: window, now});
				if (next !== state && Math.floor(now / 40_000) === 3) {
					next = reduce(next, {type: 'poll-now', keys: window.slice(0, 5), now});
				}

				return next;
			},
		});
		expect(compared).toBeGreaterThan(400);
		expect(mismatches.slice(0, 3)).toEqual([]);
	});
});
