import {pollOrder} from './poll-order.js';
import type {MonitorOptions, MonitorState, RowKey, TenantState, TrackedRow} from './types.js';

export interface Schedule {
	/** Rows to request right now, most overdue first. At most one per tenant. */
	due: RowKey[];
	/**
	 * The next moment anything could become due, assuming every `due` row is requested now.
	 * Absent when nothing will become due by the passing of time alone (everything ended, paused, or waiting on
	 * answers in flight): the driver then sets no timer and waits for an event.
	 */
	wakeAt?: number;
}

/** The minimum gap between two requests of one tenant: the budget spread evenly, e.g. 10 s / 80 = 125 ms. */
export function requestSpacingMs(options: MonitorOptions): number {
	return options.budget.windowMs / options.budget.requests;
}

/**
 * The earliest time a tenant may send its next request, given its send history `sent` (oldest first).
 * Combines the 429 pause, even spacing after the last send, the sliding budget window and, for a tenant with an auth
 * failure, the slow probe pace.
 */
export function tenantReadyAt(
	tenant: TenantState | undefined,
	sent: readonly number[],
	now: number,
	options: MonitorOptions,
): number {
	let ready = -Infinity;
	if (tenant?.pausedUntil !== undefined) {
		ready = Math.max(ready, tenant.pausedUntil);
	}

	const last = sent.at(-1);
	if (last !== undefined) {
		ready = Math.max(ready, last + requestSpacingMs(options));
	}

	const {requests, windowMs} = options.budget;
	const inWindow = sent.filter(at => at > now - windowMs);
	const oldestToLeave = inWindow[inWindow.length - requests];
	if (oldestToLeave !== undefined) {
		// The window is full: wait until enough sends have left it.
		ready = Math.max(ready, oldestToLeave + windowMs);
	}

	if (tenant?.authError !== undefined) {
		ready = Math.max(ready, tenant.authProbeAt ?? tenant.authError.at + options.authRetryMs);
	}

	return ready;
}

/**
 * Which rows to request now, and when to look again. Pure: same state and time, same answer.
 * Rules: nothing while the user paused; only rows in phases waiting and running that are not in flight; per tenant at
 * most one request per requestSpacingMs and at most budget.requests per budget.windowMs (so never a burst); nothing
 * before a 429 pause ends; a tenant with an auth failure sends a single probe per authRetryMs and nothing while that
 * probe is in flight; the most overdue row of each tenant goes first.
 */
export function nextRequests(state: MonitorState, now: number): Schedule {
	if (state.paused) {
		return {due: []};
	}

	const due: TrackedRow[] = [];
	let wakeAt: number | undefined;
	const wakeNoLaterThan = (at: number): void => {
		wakeAt = wakeAt === undefined ? at : Math.min(wakeAt, at);
	};

	// Each tenant's polled rows, most overdue first: kept up to date from answer to answer (see poll-order.ts).
	for (const [name, queue] of pollOrder(state.rows)) {
		const tenant = state.tenants[name];
		const probing = tenant?.authError !== undefined;
		const [first, second] = queue.idle;
		if (first === undefined || (probing && queue.inFlight > 0)) {
			continue; // nothing to send, or the auth probe's answer will decide
		}

		const sent = tenant?.sent ?? [];
		const readyAt = Math.max(tenantReadyAt(tenant, sent, now, state.options), first.nextPollAt);
		if (readyAt > now) {
			wakeNoLaterThan(readyAt);
			continue;
		}

		due.push(first);
		if (probing || second === undefined) {
			continue; // a probe is now in flight, or the tenant has nothing else to send
		}

		wakeNoLaterThan(Math.max(tenantReadyAt(tenant, [...sent, now], now, state.options), second.nextPollAt));
	}

	due.sort((a, b) => a.nextPollAt - b.nextPollAt);
	const keys = due.map(row => row.key);
	return wakeAt === undefined ? {due: keys} : {due: keys, wakeAt};
}
