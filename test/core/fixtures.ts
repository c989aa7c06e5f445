import type {AggregationStatus} from '../../source/domain/status.js';
import type {IscErrorInfo} from '../../source/domain/errors.js';
import {createMonitorState, reduce} from '../../source/core/reducer.js';
import {rowKey, type MonitorEvent, type MonitorOptions, type MonitorState, type RowSeed} from '../../source/core/types.js';

export const T1 = 'acme';
export const T2 = 'globex';

/** A 32-hex id made from a number, like ISC task ids. */
export function taskId(n: number): string {
	return n.toString(16).padStart(32, '0');
}

export function seed(n: number, extra: Partial<RowSeed> = {}): RowSeed {
	return {id: taskId(n), tenant: T1, addedAt: n, ...extra};
}

export function keyOf(n: number, tenant = T1): string {
	return rowKey(tenant, taskId(n));
}

export function stateWith(seeds: RowSeed[], options: Partial<MonitorOptions> = {}, now = 0): MonitorState {
	return createMonitorState(options, seeds, now);
}

export function apply(state: MonitorState, ...events: MonitorEvent[]): MonitorState {
	return events.reduce(reduce, state);
}

export function row(state: MonitorState, key: string) {
	const found = state.rows.find(candidate => candidate.key === key);
	if (found === undefined) {
		throw new Error(`no row ${JSON.stringify(key)}`);
	}

	return found;
}

/** requested + polled, as one round trip at `now`. */
export function poll(state: MonitorState, key: string, status: AggregationStatus, now: number): MonitorState {
	return apply(state, {type: 'requested', key, now}, {type: 'polled', key, status, now});
}

/** requested + failed, as one round trip at `now`. */
export function fail(state: MonitorState, key: string, error: IscErrorInfo, now: number): MonitorState {
	return apply(state, {type: 'requested', key, now}, {type: 'failed', key, error, now});
}

export const collecting = (processed: number, total = 1000): AggregationStatus => ({
	start: '2025-01-01T00:00:00Z',
	status: 'ACCOUNTS_COLLECTED',
	totalAccounts: total,
	processedAccounts: processed,
});

export const notFound: IscErrorInfo = {kind: 'not-found', message: 'Not found', status: 404};
export const serverError: IscErrorInfo = {kind: 'server', message: 'Internal error', status: 500, trackingId: 'trk-1'};
export const unauthorized: IscErrorInfo = {kind: 'auth', message: 'Bad credentials', status: 401};

interface Timer {
	at: number;
	seq: number;
	callback: () => void;
}

/** A clock for the poller whose time only moves when the test says so. */
export function createFakeClock(start = 0) {
	let now = start;
	let seq = 0;
	const timers = new Map<number, Timer>();
	const earliest = (): [number, Timer] | undefined => {
		let best: [number, Timer] | undefined;
		for (const entry of timers) {
			if (best === undefined || entry[1].at < best[1].at || (entry[1].at === best[1].at && entry[1].seq < best[1].seq)) {
				best = entry;
			}
		}

		return best;
	};

	return {
		now: () => now,
		setTimeout(callback: () => void, ms: number): unknown {
			const id = ++seq;
			timers.set(id, {at: now + Math.max(0, ms), seq: id, callback});
			return id;
		},
		clearTimeout(handle: unknown): void {
			timers.delete(handle as number);
		},
		/** Timers set and not yet fired or cleared. */
		pending: () => timers.size,
		nextAt: () => earliest()?.[1].at,
		/** Fires every timer due up to `to` in time order, letting promise callbacks run after each. */
		async advanceTo(to: number): Promise<void> {
			await flush();
			for (let next = earliest(); next !== undefined && next[1].at <= to; next = earliest()) {
				timers.delete(next[0]);
				now = Math.max(now, next[1].at);
				next[1].callback();
				await flush();
			}

			now = Math.max(now, to);
		},
	};
}

/** Lets pending promise callbacks (and what they schedule) run. Not a sleep: no time passes on the fake clock. */
export async function flush(): Promise<void> {
	for (let i = 0; i < 5; i++) {
		await new Promise<void>(resolve => {
			setImmediate(resolve);
		});
	}
}
