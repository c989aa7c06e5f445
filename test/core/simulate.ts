import type {AggregationStatus} from '../../source/domain/status.js';
import type {IscErrorInfo} from '../../source/domain/errors.js';
import {reduce} from '../../source/core/reducer.js';
import {nextRequests} from '../../source/core/schedule.js';
import type {MonitorEvent, MonitorState, TrackedRow} from '../../source/core/types.js';

export type Answer = {latencyMs: number} & ({status: AggregationStatus} | {error: IscErrorInfo});

export interface Send {
	key: string;
	tenant: string;
	at: number;
}

/**
 * Drives the pure core the way the poller does, on simulated time: ask nextRequests, send what is due, deliver
 * answers after their latency, and jump to the next wake-up or answer. Throws if the schedule ever asks to wake at
 * or before the present (that would be a busy loop).
 */
export function simulate(
	initial: MonitorState,
	options: {
		from: number;
		until: number;
		answer: (row: TrackedRow, now: number) => Answer;
		/** Sees the state at each step (after the answers due and the sends); may return it changed, e.g. by a `focused` event. */
		step?: (state: MonitorState, now: number) => MonitorState;
	},
): {state: MonitorState; sends: Send[]; idleAt?: number} {
	let state = initial;
	const sends: Send[] = [];
	const answers: Array<{at: number; event: MonitorEvent}> = [];
	let now = options.from;
	for (;;) {
		// Deliver every answer due by now, in time order.
		answers.sort((a, b) => a.at - b.at);
		while (answers[0] !== undefined && answers[0].at <= now) {
			state = reduce(state, answers.shift()!.event);
		}

		const {due, wakeAt} = nextRequests(state, now);
		for (const key of due) {
			const row = state.rows.find(candidate => candidate.key === key)!;
			sends.push({key, tenant: row.tenant, at: now});
			state = reduce(state, {type: 'requested', key, now});
			const answer = options.answer(row, now);
			const at = now + answer.latencyMs;
			answers.push({
				at,
				event:
					'status' in answer ? {type: 'polled', key, status: answer.status, now: at} : {type: 'failed', key, error: answer.error, now: at},
			});
		}

		if (wakeAt !== undefined && wakeAt <= now) {
			throw new Error(`busy loop: wakeAt ${wakeAt} at ${now}`);
		}

		if (options.step !== undefined) {
			const before = state;
			state = options.step(state, now);
			if (state !== before) {
				continue; // the schedule may have changed: ask again at the same moment
			}
		}

		const next = Math.min(wakeAt ?? Infinity, answers[0]?.at ?? Infinity);
		if (next === Infinity) {
			return {state, sends, idleAt: now};
		}

		if (next > options.until) {
			return {state, sends};
		}

		now = next;
	}
}

/** The largest number of sends in any window [t, t + windowMs) starting at a send. */
export function maxInWindow(times: readonly number[], windowMs: number): number {
	const sorted = [...times].sort((a, b) => a - b);
	let best = 0;
	let end = 0;
	for (let start = 0; start < sorted.length; start++) {
		while (end < sorted.length && sorted[end]! < sorted[start]! + windowMs) {
			end++;
		}

		best = Math.max(best, end - start);
	}

	return best;
}

export function gaps(times: readonly number[]): number[] {
	const sorted = [...times].sort((a, b) => a - b);
	return sorted.slice(1).map((at, i) => at - sorted[i]!);
}
