import {isIscError} from '../isc/errors.js';
import type {AggregationStatus} from '../isc/status.js';
import {toErrorInfo} from './error-info.js';
import {findRow} from './row-index.js';
import {nextRequests} from './schedule.js';
import type {MonitorEvent, MonitorState, TrackedRow} from './types.js';

/** The clock the poller reads and sets its one timer on. In production: Date.now, setTimeout, clearTimeout. */
export interface PollerClock {
	now(): number;
	setTimeout(callback: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
}

/** What the poller passes to each status request. */
export interface FetchOptions {
	/**
	 * Call right before each HTTP request of the call leaves (a repeat after a token refresh too): the tenant's
	 * budget counts real send times, not scheduled ones.
	 */
	onSend?: () => void;
}

export interface PollerOptions {
	/** Must reflect every dispatched event synchronously (see createMonitorStore); a lagging state breaks the budget. */
	getState(): MonitorState;
	dispatch(event: MonitorEvent): void;
	/** One status request. Should throw IscError; anything else thrown is converted by toErrorInfo and reported. */
	fetchStatus(row: TrackedRow, options?: FetchOptions): Promise<AggregationStatus>;
	clock: PollerClock;
	/**
	 * Unexpected trouble that does not stop polling: a non-IscError thrown by fetchStatus (it is still dispatched as
	 * a `failed` event), or an exception thrown by dispatch or getState.
	 */
	onError?(error: unknown): void;
}

export interface Poller {
	/** Begins polling: requests what is due now and arms the timer. Idempotent. */
	start(): void;
	/** Cancels the timer; no new requests. Answers already on the way are still dispatched (rows must not stay in flight). */
	stop(): void;
	/** Looks at the schedule again now. Call after dispatching events that may change it: added, poll-now, set-paused. */
	wake(): void;
	/** Resolves when no request is in flight (at once if none is). */
	settled(): Promise<void>;
	readonly running: boolean;
	/** Requests sent and not yet answered. */
	readonly inFlight: number;
}

/** setTimeout cannot wait longer than this (about 24.8 days); longer waits are re-armed on firing. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** After getState or dispatch threw during a pass, the next pass comes this much later. */
const RETRY_AFTER_FAULT_MS = 1000;

/**
 * The one impure piece of the monitor: it owns a single timer, asks nextRequests() what is due, dispatches
 * `requested`, calls fetchStatus and dispatches `polled` or `failed`, then looks at the schedule again.
 * No timer exists while nothing can become due by waiting (all ended, paused, or only answers pending).
 * Shared by the monitor UI and `aggwatch wait`, so both poll the same way.
 */
export function createPoller(options: PollerOptions): Poller {
	const {getState, dispatch, fetchStatus, clock, onError} = options;
	let running = false;
	let timer: {handle: unknown} | undefined;
	let ticking = false;
	let tickAgain = false;
	let inFlight = 0;
	let waiters: Array<() => void> = [];

	function report(error: unknown): void {
		try {
			onError?.(error);
		} catch {
			// An error reporter that throws must not stop polling either.
		}
	}

	function cancelTimer(): void {
		if (timer !== undefined) {
			clock.clearTimeout(timer.handle);
			timer = undefined;
		}
	}

	function arm(wakeAt: number | undefined): void {
		cancelTimer();
		if (wakeAt === undefined || !running) {
			return;
		}

		const delay = Math.min(MAX_TIMER_MS, Math.max(0, Math.ceil(wakeAt - clock.now())));
		const slot: {handle: unknown} = {handle: undefined};
		slot.handle = clock.setTimeout(() => {
			if (timer === slot) {
				timer = undefined;
				tick();
			}
		}, delay);
		timer = slot;
	}

	function finished(): void {
		inFlight--;
		if (inFlight === 0) {
			const resolve = waiters;
			waiters = [];
			for (const waiter of resolve) {
				waiter();
			}
		}
	}

	async function request(row: TrackedRow, scheduledAt: number): Promise<void> {
		let event: MonitorEvent;
		let first = true;
		const onSend = (): void => {
			const now = clock.now();
			try {
				dispatch(first ? {type: 'sent', tenant: row.tenant, scheduledAt, now} : {type: 'sent', tenant: row.tenant, now});
			} catch (error) {
				report(error);
			}
			first = false;
		};
		try {
			const status = await fetchStatus(row, {onSend});
			event = {type: 'polled', key: row.key, status, now: clock.now()};
		} catch (error) {
			if (!isIscError(error)) {
				report(error);
			}

			event = {type: 'failed', key: row.key, error: toErrorInfo(error), now: clock.now()};
		}

		try {
			dispatch(event);
		} catch (error) {
			report(error);
		}

		finished();
		tick();
	}

	function pass(): void {
		const now = clock.now();
		const state = getState();
		const {due, wakeAt} = nextRequests(state, now);
		for (const key of due) {
			const row = findRow(state.rows, key);
			if (row === undefined) {
				continue;
			}

			dispatch({type: 'requested', key, now});
			inFlight++;
			void request(row, now);
		}

		arm(wakeAt);
	}

	function tick(): void {
		if (!running) {
			return;
		}

		// A fetchStatus that fails synchronously re-enters here from inside pass(); run again afterwards instead.
		if (ticking) {
			tickAgain = true;
			return;
		}

		ticking = true;
		try {
			do {
				tickAgain = false;
				try {
					pass();
				} catch (error) {
					report(error);
					arm(clock.now() + RETRY_AFTER_FAULT_MS); // never stall silently; try again soon
				}
			} while (tickAgain && running);
		} finally {
			ticking = false;
		}
	}

	return {
		start() {
			if (!running) {
				running = true;
				tick();
			}
		},
		stop() {
			running = false;
			cancelTimer();
		},
		wake() {
			tick();
		},
		settled() {
			return inFlight === 0
				? Promise.resolve()
				: new Promise(resolve => {
						waiters.push(resolve);
					});
		},
		get running() {
			return running;
		},
		get inFlight() {
			return inFlight;
		},
	};
}
