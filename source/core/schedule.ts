import {focusOf, PLANNED_SHARE} from './cadence.js';
import {dueInFocus, pollOrder, type FocusDue, type TenantPollQueue} from './poll-order.js';
import {requestDueAt} from './task-reads.js';
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
 * The earliest time a tenant's budget lets one more request leave, given its send history `sent` (oldest first):
 * the 429 pause, even spacing after the last send and the sliding budget window. Every request to the tenant is
 * held to this, whether the scheduler started it or the client sends it again (a repeat after a token refresh, a
 * retry).
 */
export function budgetReadyAt(tenant: TenantState | undefined, sent: readonly number[], now: number, options: MonitorOptions): number {
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

	return ready;
}

/**
 * The earliest time a tenant may send its next request, given its send history `sent` (oldest first).
 * Combines the budget (budgetReadyAt) and, for a tenant with an auth failure, the slow probe pace.
 */
export function tenantReadyAt(tenant: TenantState | undefined, sent: readonly number[], now: number, options: MonitorOptions): number {
	let ready = budgetReadyAt(tenant, sent, now, options);
	if (tenant?.authError !== undefined) {
		ready = Math.max(ready, tenant.authProbeAt ?? tenant.authError.at + options.authRetryMs);
	}

	return ready;
}

/**
 * When an HTTP request to `tenantName` may leave. The scheduler's consent (`requested`) is not enough on its own:
 * a request can leave later than it was scheduled (it waited for a token, with others scheduled meanwhile), and the
 * client sends some requests the scheduler never saw (the repeat after a token refresh, retries). So each one is
 * held to the budget again at the moment it would leave. `scheduledAt` is the request's own `requested` time for
 * its first send (that entry stands for this very request, so it does not count against it); absent for a repeat.
 */
export function sendReadyAt(state: MonitorState, tenantName: string, now: number, scheduledAt?: number): number {
	const tenant = state.tenants[tenantName];
	const sent = [...(tenant?.sent ?? [])];
	const own = scheduledAt === undefined ? -1 : sent.lastIndexOf(scheduledAt);
	if (own !== -1) {
		sent.splice(own, 1);
	}

	return budgetReadyAt(tenant, sent, now, state.options);
}

/**
 * Whether the tenant's first pass may take the next request ahead of rows answered before: it has sent fewer than
 * PLANNED_SHARE of the budget in the last window. The rest goes to the rows answered before (the ones on screen at
 * --interval first), and the first pass takes it too when none of them is due.
 */
function firstPassHasShare(tenant: TenantState | undefined, now: number, options: MonitorOptions): boolean {
	const {requests, windowMs} = options.budget;
	const recent = (tenant?.firstPass ?? []).filter(at => at > now - windowMs).length;
	return recent < PLANNED_SHARE * requests;
}

/**
 * The row a tenant sends next, of those due by `now`. First pass: a row with no answer yet in this session goes
 * first (one in focus before the others) while the first pass is within its share of the budget (firstPassHasShare);
 * then a due row in focus (on screen or selected) before rows out of view that are more overdue; then the most
 * overdue of all.
 */
function nextOfTenant(
	queue: TenantPollQueue,
	name: string,
	focusDue: FocusDue,
	firstPassFirst: boolean,
	now: number,
): TrackedRow | undefined {
	const due = (row: TrackedRow | undefined): TrackedRow | undefined => (row !== undefined && requestDueAt(row) <= now ? row : undefined);
	const unanswered = focusDue.unanswered.get(name) ?? due(queue.firstUnanswered());
	const answered = focusDue.answered.get(name) ?? due(queue.firstAnswered());
	return firstPassFirst ? (unanswered ?? answered) : (answered ?? unanswered);
}

const NO_FOCUS_DUE: FocusDue = {answered: new Map(), unanswered: new Map()};

/**
 * Which rows to request now, and when to look again. Pure: same state and time, same answer.
 * Rules: nothing while the user paused; only rows in phases waiting and running that are not in flight; per tenant at
 * most one request per requestSpacingMs and at most budget.requests per budget.windowMs (so never a burst); nothing
 * before a 429 pause ends; a tenant with an auth failure sends a single probe per authRetryMs and nothing while that
 * probe is in flight. Of each tenant, the first pass goes first: rows with no answer yet in this session, within
 * PLANNED_SHARE of the budget (so N such rows are all asked within about N / (PLANNED_SHARE × budget) of their
 * adding); then the most overdue row in focus (state.focus: on screen or selected), then the most overdue of the others.
 */
export function nextRequests(state: MonitorState, now: number): Schedule {
	if (state.paused) {
		return {due: []};
	}

	const focus = focusOf(state);
	const due: TrackedRow[] = [];
	let wakeAt: number | undefined;
	const wakeNoLaterThan = (at: number): void => {
		wakeAt = wakeAt === undefined ? at : Math.min(wakeAt, at);
	};

	// The due rows in focus of each tenant, looked for among the rows in focus only.
	let focusedDue: FocusDue | undefined;
	// Each tenant's polled rows, most overdue first: kept up to date from answer to answer (see poll-order.ts).
	for (const [name, queue] of pollOrder(state.rows)) {
		const tenant = state.tenants[name];
		const probing = tenant?.authError !== undefined;
		const earliest = queue.first();
		if (earliest === undefined || (probing && queue.inFlight > 0)) {
			continue; // nothing to send, or the auth probe's answer will decide
		}

		const sent = tenant?.sent ?? [];
		const readyAt = Math.max(tenantReadyAt(tenant, sent, now, state.options), requestDueAt(earliest));
		if (readyAt > now) {
			wakeNoLaterThan(readyAt);
			continue;
		}

		focusedDue ??= focus === undefined ? NO_FOCUS_DUE : dueInFocus(state.rows, focus, now);
		const first = nextOfTenant(queue, name, focusedDue, firstPassHasShare(tenant, now, state.options), now) ?? earliest;
		due.push(first);
		const second = first === earliest ? queue.second() : earliest;
		if (probing || second === undefined) {
			continue; // a probe is now in flight, or the tenant has nothing else to send
		}

		wakeNoLaterThan(Math.max(tenantReadyAt(tenant, [...sent, now], now, state.options), requestDueAt(second)));
	}

	due.sort((a, b) => requestDueAt(a) - requestDueAt(b));
	const keys = due.map(row => row.key);
	return wakeAt === undefined ? {due: keys} : {due: keys, wakeAt};
}
