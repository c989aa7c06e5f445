import {isIscError} from '../domain/errors.js';
import type {AggregationStatus} from '../domain/status.js';
import {toErrorInfo} from './error-info.js';
import type {TaskOutcome} from '../domain/outcome.js';
import {findRow} from './row-index.js';
import {nextRequests, sendReadyAt} from './schedule.js';
import {requestKind} from './task-reads.js';
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
	 * Call right before each HTTP request of the call would leave (a repeat after a token refresh and any retry too),
	 * and send it only once the promise it may return has resolved: every request to a tenant is held to its budget
	 * at the moment it leaves, and counted at that moment.
	 */
	onSend?: () => Promise<void> | undefined;
}

export interface PollerOptions {
	/** Must reflect every dispatched event synchronously (see createMonitorStore); a lagging state breaks the budget. */
	getState(): MonitorState;
	dispatch(event: MonitorEvent): void;
	/** One status request. Should throw IscError; anything else thrown is converted by toErrorInfo and reported. */
	fetchStatus(row: TrackedRow, options?: FetchOptions): Promise<AggregationStatus>;
	/** One task read (task-status/{id}). Without it, task reads the core asks for (options.readTasks) are never sent. */
	fetchTask?(row: TrackedRow, options?: FetchOptions): Promise<TaskOutcome>;
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
	/**
	 * Cancels the timer; no new requests. Answers already on the way are still dispatched (rows must not stay in
	 * flight). A request still waiting for its tenant's budget keeps waiting until start() is called again.
	 */
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

/** A request that may not leave yet: its tenant's budget is spent for now. */
interface Gate {
	tenant: string;
	/** Its `requested` time, for the first HTTP request of a call. */
	scheduledAt?: number;
	open(): void;
}

/**
 * The one impure piece of the monitor: it owns a single timer, asks nextRequests() what is due, dispatches
 * `requested`, calls fetchStatus and dispatches `polled` or `failed`, then looks at the schedule again.
 * No timer exists while nothing can become due by waiting (all ended, paused, or only answers pending).
 * Shared by the monitor UI and `aggwatch wait`, so both poll the same way.
 */
export function createPoller(options: PollerOptions): Poller {
	const {getState, dispatch, fetchStatus, fetchTask, clock, onError} = options;

	let running = false;
	let timer: {handle: unknown} | undefined;
	let ticking = false;
	let tickAgain = false;
	let inFlight = 0;
	let waiters: Array<() => void> = [];
	/** Requests held back by the budget, oldest first; each pass lets through those whose time has come. */
	let gates: Gate[] = [];

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

	/** Lets a request to `tenant` leave now if its budget allows, recording it as sent; false when it must wait. */
	function mayLeave(tenant: string, scheduledAt: number | undefined, now: number): boolean {
		try {
			if (sendReadyAt(getState(), tenant, now, scheduledAt) > now) {
				return false;
			}
		} catch (error) {
			report(error); // without a state to judge by, hold nothing back
		}

		try {
			dispatch(scheduledAt === undefined ? {type: 'sent', tenant, now} : {type: 'sent', tenant, scheduledAt, now});
		} catch (error) {
			report(error);
		}

		return true;
	}

	/** Opens the gates whose time has come, in the order they were shut; returns when the next one may open. */
	function openGates(now: number): number | undefined {
		const shut = gates;
		gates = [];
		for (const gate of shut) {
			if (mayLeave(gate.tenant, gate.scheduledAt, now)) {
				gate.open();
			} else {
				gates.push(gate);
			}
		}

		let next: number | undefined;
		for (const gate of gates) {
			const at = sendReadyAt(getState(), gate.tenant, now, gate.scheduledAt);
			next = next === undefined ? at : Math.min(next, at);
		}

		return next;
	}

	async function request(row: TrackedRow, scheduledAt: number, kind: 'status' | 'task'): Promise<void> {
		let event: MonitorEvent;
		let first = true;
		const onSend = (): Promise<void> | undefined => {
			const own = first ? scheduledAt : undefined;
			first = false;
			if (mayLeave(row.tenant, own, clock.now())) {
				return undefined;
			}

			return new Promise(resolve => {
				gates.push({tenant: row.tenant, ...(own === undefined ? {} : {scheduledAt: own}), open: resolve});
				tick(); // sets the timer for when it may leave
			});
		};
		try {
			if (kind === 'task') {
				const task = await fetchTask!(row, {onSend});
				event = {type: 'task-read', key: row.key, task, now: clock.now()};
			} else {
				const status = await fetchStatus(row, {onSend});
				event = {type: 'polled', key: row.key, status, now: clock.now()};
			}
		} catch (error) {
			if (!isIscError(error)) {
				report(error);
			}

			event = {type: kind === 'task' ? 'task-failed' : 'failed', key: row.key, error: toErrorInfo(error), now: clock.now()};
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
		// Requests already under way and held back by the budget go before anything new is scheduled.
		const gateAt = gates.length === 0 ? undefined : openGates(now);
		const state = getState();
		const {due, wakeAt} = nextRequests(state, now);
		for (const key of due) {
			const row = findRow(state.rows, key);
			const kind = row === undefined ? undefined : requestKind(row);
			if (kind === 'task' && fetchTask === undefined) {
				continue;
			}

			if (row === undefined || kind === undefined) {
				continue;
			}

			dispatch(kind === 'task' ? {type: 'requested', key, now, read: 'task'} : {type: 'requested', key, now});
			inFlight++;
			void request(row, now, kind);
		}

		arm(wakeAt === undefined || gateAt === undefined ? (wakeAt ?? gateAt) : Math.min(wakeAt, gateAt));
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
