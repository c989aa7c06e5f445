/**
 * The first pass (issue 17): until a row's first answer arrives nobody knows whether its run still goes, has ended or
 * was ever there, and the header's counts are wrong. So the rows with no answer yet in this session are asked first,
 * within PLANNED_SHARE of the tenant's budget: N such rows all have their first answer within about
 * N / (PLANNED_SHARE × budget per second) of their adding, plus a few seconds (the answers' own time, the start).
 * What is left of the budget goes to the rows answered before, the ones on screen at --interval first.
 */
import {describe, expect, it} from 'vitest';
import {createBudgetGate} from '../../source/core/budget-gate.js';
import {PLANNED_SHARE} from '../../source/core/cadence.js';
import {createMonitorStore} from '../../source/core/monitor-store.js';
import {createPoller} from '../../source/core/poller.js';
import type {MonitorState, RowKey} from '../../source/core/types.js';
import {apply, collecting, createFakeClock, keyOf, seed, stateWith, T1, T2} from './fixtures.js';
import {maxInWindow, simulate, type Send} from './simulate.js';

const INTERVAL = 5000;
/** A small budget: the 25 requests per 10 s. */
const BUDGET = {requests: 25, windowMs: 10_000};
const LATENCY = 600;
/** "Plus a few seconds": the last answer's own time and the even spacing of the sends. */
const SLACK_MS = 3000;
const ON_SCREEN = 20;

/** The first-pass bound for `count` rows, in ms. */
function bound(count: number): number {
	return count / ((PLANNED_SHARE * BUDGET.requests) / BUDGET.windowMs);
}

const numbers = (from: number, count: number): number[] => Array.from({length: count}, (_, index) => from + index);

/** `count` rows of `tenant` added at `now`, never answered in this session (as after a start, `a` or --discover). */
function added(state: MonitorState, from: number, count: number, now: number, tenant = T1): MonitorState {
	return apply(state, {type: 'added', rows: numbers(from, count).map(n => seed(n, {tenant})), now});
}

/** When each row's first request left, by key. */
function firstSends(sends: readonly Send[]): Map<RowKey, number> {
	const first = new Map<RowKey, number>();
	for (const send of sends) {
		if (!first.has(send.key)) {
			first.set(send.key, send.at);
		}
	}

	return first;
}

/** Runs `start` with every row answering ACCOUNTS_COLLECTED after LATENCY; `step` may add rows as time goes. */
function run(start: MonitorState, until: number, step?: (state: MonitorState, now: number) => MonitorState) {
	return simulate(start, {
		from: 0,
		until,
		answer: target => ({latencyMs: LATENCY, status: collecting((target.snapshot?.processedAccounts ?? 0) + 1)}),
		...(step === undefined ? {} : {step}),
	});
}

describe.each([120, 1000])('%i rows at 25 requests per 10 s, 20 on screen', rows => {
	const onScreen = numbers(1, ON_SCREEN).map(n => keyOf(n));
	const start = apply(added(stateWith([], {intervalMs: INTERVAL, budget: BUDGET}), 1, rows, 0), {
		type: 'focused',
		keys: onScreen,
		now: 0,
	});
	const until = bound(rows) + 60_000;
	const {sends, state} = run(start, until);
	const first = firstSends(sends);

	it(`answers every row within N / (${PLANNED_SHARE} × budget per second) + ${SLACK_MS / 1000} s of the start`, () => {
		expect(first.size).toBe(rows);
		const lastAnswer = Math.max(...first.values()) + LATENCY;
		expect(lastAnswer).toBeLessThanOrEqual(bound(rows) + SLACK_MS);
		expect(state.rows.every(candidate => candidate.lastOkAt !== undefined && candidate.unanswered === undefined)).toBe(true);
	});

	it('asks the rows on screen first', () => {
		const order = [...first.keys()];
		expect(new Set(order.slice(0, ON_SCREEN))).toEqual(new Set(onScreen));
	});

	it('gives what is left to the rows on screen, and stays within the budget', () => {
		const firstPassEnd = Math.max(...first.values());
		const again = sends.filter(send => send.at < firstPassEnd && first.get(send.key) !== send.at);
		// About a tenth of the budget while the first pass lasts, all of it to rows on screen (due at --interval).
		const expected = (1 - PLANNED_SHARE) * BUDGET.requests * (firstPassEnd / BUDGET.windowMs);
		expect(again.length).toBeGreaterThanOrEqual(Math.floor(0.8 * expected));
		expect(again.every(send => onScreen.includes(send.key))).toBe(true);
		expect(
			maxInWindow(
				sends.map(send => send.at),
				BUDGET.windowMs,
			),
		).toBeLessThanOrEqual(BUDGET.requests);
	});
});

describe('rows added later get their first pass too', () => {
	const base = apply(added(stateWith([], {intervalMs: INTERVAL, budget: BUDGET}), 1, 120, 0), {
		type: 'focused',
		keys: numbers(1, ON_SCREEN).map(n => keyOf(n)),
		now: 0,
	});

	it('by a or --discover, after the first pass: within their own bound of their adding, ahead of the rows answered before', () => {
		let addedAt: number | undefined;
		const {sends} = run(base, 240_000, (state, now) => {
			if (addedAt === undefined && now >= 90_000) {
				addedAt = now;
				return added(state, 1001, 60, now);
			}

			return state;
		});
		const first = firstSends(sends);
		const late = numbers(1001, 60).map(n => first.get(keyOf(n)));
		expect(late.every(at => at !== undefined)).toBe(true);
		expect(Math.max(...(late as number[])) + LATENCY - addedAt!).toBeLessThanOrEqual(bound(60) + SLACK_MS);
	});

	it('by a, during the first pass: every row within the bound of all of them', () => {
		let addedAt: number | undefined;
		const {sends} = run(base, 240_000, (state, now) => {
			if (addedAt === undefined && now >= 20_000) {
				addedAt = now;
				return added(state, 1001, 40, now);
			}

			return state;
		});
		const first = firstSends(sends);
		expect(first.size).toBe(160);
		expect(Math.max(...first.values()) + LATENCY).toBeLessThanOrEqual(bound(160) + SLACK_MS);
	});

	it('by a second tenant: its own budget, its own first pass', () => {
		let addedAt: number | undefined;
		const {sends} = run(base, 240_000, (state, now) => {
			if (addedAt === undefined && now >= 30_000) {
				addedAt = now;
				return added(state, 2001, 120, now, T2);
			}

			return state;
		});
		const first = firstSends(sends);
		const ofTenant = (tenant: string) => [...first].filter(([key]) => key.startsWith(`${tenant}\u0000`)).map(([, at]) => at);
		expect(ofTenant(T1)).toHaveLength(120);
		expect(ofTenant(T2)).toHaveLength(120);
		expect(Math.max(...ofTenant(T1)) + LATENCY).toBeLessThanOrEqual(bound(120) + SLACK_MS);
		expect(Math.max(...ofTenant(T2)) + LATENCY - addedAt!).toBeLessThanOrEqual(bound(120) + SLACK_MS);
		for (const tenant of [T1, T2]) {
			const times = sends.filter(send => send.tenant === tenant).map(send => send.at);
			expect(maxInWindow(times, BUDGET.windowMs)).toBeLessThanOrEqual(BUDGET.requests);
		}
	});

	it('restored rows that were answered in an earlier session are asked again first: their last answer may be an hour old', () => {
		const restored = stateWith(
			numbers(1, 120).map(n => seed(n, {snapshot: collecting(5), lastOkAt: -3_600_000})),
			{intervalMs: INTERVAL, budget: BUDGET},
		);
		const {sends} = run(apply(restored, {type: 'focused', keys: numbers(1, ON_SCREEN).map(n => keyOf(n)), now: 0}), 120_000);
		const first = firstSends(sends);
		expect(first.size).toBe(120);
		expect(Math.max(...first.values()) + LATENCY).toBeLessThanOrEqual(bound(120) + SLACK_MS);
	});
});

describe('the poller and the budget gate together (source reads, lists), 120 rows at 25 per 10 s', () => {
	it('source reads go out at once in the free turns; the rows are still all answered within the bound plus those turns', async () => {
		const clock = createFakeClock(0);
		const store = createMonitorStore(
			apply(added(stateWith([], {intervalMs: INTERVAL, budget: BUDGET}), 1, 120, 0), {
				type: 'focused',
				keys: numbers(1, ON_SCREEN).map(n => keyOf(n)),
				now: 0,
			}),
		);
		const firstAnswers = new Map<RowKey, number>();
		const sends: number[] = [];
		const poller = createPoller({
			getState: store.getState,
			dispatch: store.dispatch,
			clock,
			async fetchStatus(target, options) {
				await options?.onSend?.();
				sends.push(clock.now());
				await new Promise(resolve => {
					clock.setTimeout(() => {
						resolve(undefined);
					}, LATENCY);
				});
				if (!firstAnswers.has(target.key)) {
					firstAnswers.set(target.key, clock.now());
				}

				return collecting(1);
			},
		});
		const gate = createBudgetGate(clock);
		gate.attach(store.getState, store.dispatch);
		poller.start();
		// The source names and thresholds the screen asks for at the start: 15 reads.
		const reads: number[] = [];
		for (let index = 0; index < 15; index++) {
			void gate.acquire(T1).then(() => {
				reads.push(clock.now());
				sends.push(clock.now());
			});
		}

		await clock.advanceTo(bound(120) + 30_000);
		poller.stop();
		gate.close();
		expect(reads).toHaveLength(15);
		// They take about every other turn while they wait: all out within 15 s.
		expect(Math.max(...reads)).toBeLessThanOrEqual(15_000);
		const turns = (reads.length * BUDGET.windowMs) / BUDGET.requests;
		expect(firstAnswers.size).toBe(120);
		expect(Math.max(...firstAnswers.values())).toBeLessThanOrEqual(bound(120) + turns + SLACK_MS);
		expect(maxInWindow(sends, BUDGET.windowMs)).toBeLessThanOrEqual(BUDGET.requests);
	});
});
