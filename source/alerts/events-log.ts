import type {MonitorState} from '../core/types.js';

/**
 * The events log (E): every alert the monitor gave this session (ends with their outcome and held-back deletions,
 * stalls), and what happened to a tenant (its credentials or certificate failed and polling stopped, a 429 paused
 * it), newest first, each with its time. Kept in memory for the session, the last EVENTS_KEPT. Pure.
 */

/** How many events the log keeps: older ones drop off. */
export const EVENTS_KEPT = 500;

export type EventKind = 'ended' | 'stalled' | 'tenant-stopped' | 'tenant-paused';

export interface LoggedEvent {
	/** When it was seen (epoch ms). */
	at: number;
	kind: EventKind;
	/** e.g. "Workday: COMPLETED, 5,210 accounts in 14m 03s". */
	text: string;
	severity: 'success' | 'warning' | 'failure';
}

export interface EventsLog {
	/** Newest first, at most EVENTS_KEPT. */
	events: readonly LoggedEvent[];
	/** Events logged since the log was last opened (the newest ones). */
	unseen: number;
}

export const EMPTY_EVENTS_LOG: EventsLog = {events: [], unseen: 0};

/** The log with `events` added (in the order given: the last is the newest), the oldest dropped past EVENTS_KEPT. */
export function logEvents(log: EventsLog, events: readonly LoggedEvent[]): EventsLog {
	if (events.length === 0) {
		return log;
	}

	const added = [...events].reverse();
	const kept = [...added, ...log.events].slice(0, EVENTS_KEPT);
	return {events: kept, unseen: Math.min(kept.length, log.unseen + events.length)};
}

/** Opening the log: every event is seen. */
export function markSeen(log: EventsLog): EventsLog {
	return log.unseen === 0 ? log : {...log, unseen: 0};
}

/**
 * What happened to tenants between two states, seen at `now`: a tenant whose credentials or certificate started
 * failing (its polling stops until a probe succeeds), and a tenant a 429 paused (a new or longer pause).
 */
export function tenantEvents(previous: MonitorState, next: MonitorState, now: number): LoggedEvent[] {
	if (previous.tenants === next.tenants) {
		return [];
	}

	const events: LoggedEvent[] = [];
	for (const [name, tenant] of Object.entries(next.tenants)) {
		const before = previous.tenants[name];
		if (before === tenant) {
			continue;
		}

		if (tenant.authError !== undefined && before?.authError === undefined) {
			const error = tenant.authError;
			const what = /CERT|SSL|TLS/i.test(error.code ?? '') ? 'certificate failed' : 'credentials failed';
			const tracking = error.trackingId === undefined ? '' : ` (trackingId ${error.trackingId})`;
			events.push({
				at: now,
				kind: 'tenant-stopped',
				text: `${name}: ${what}, polling stopped: ${error.message}${tracking}`,
				severity: 'failure',
			});
		}

		const until = tenant.pausedUntil;
		if (until !== undefined && until > now && until !== before?.pausedUntil && !((before?.pausedUntil ?? 0) > now)) {
			const seconds = Math.max(1, Math.round((until - now) / 1000));
			events.push({at: now, kind: 'tenant-paused', text: `${name}: rate-limited (429), paused for ${seconds}s`, severity: 'warning'});
		}
	}

	return events;
}
