import type {PollerClock} from './poller.js';
import {tenantReadyAt} from './schedule.js';
import type {MonitorEvent, MonitorState} from './types.js';

/**
 * Lets requests that are not status polls or task reads (discovery lists, source names, source lists, starts) go
 * out within the same per-tenant budget: each waits for the tenant's next free slot (spacing, window, 429 pause),
 * then is recorded with a `sent` event, which the schedule sees like any poll. So nothing pushes a tenant past ISC's
 * limit, whatever the screen asks for.
 */
export interface BudgetGate {
	/** Resolves when one request of `tenant` may leave now, and records it against the tenant's budget. */
	acquire(tenant: string): Promise<void>;
	/** The monitor state the gate reads and records into. Until attached, requests pass at once. */
	attach(getState: () => MonitorState, dispatch: (event: MonitorEvent) => void): void;
	/** Cancels pending timers; waiting requests are let through. */
	close(): void;
}

export function createBudgetGate(clock: PollerClock): BudgetGate {
	let source: {getState: () => MonitorState; dispatch: (event: MonitorEvent) => void} | undefined;
	const queues = new Map<string, Array<() => void>>();
	const timers = new Map<string, unknown>();

	function drain(tenant: string): void {
		timers.delete(tenant);
		const queue = queues.get(tenant);
		while (queue !== undefined && queue.length > 0) {
			if (source === undefined) {
				queue.shift()!();
				continue;
			}

			const state = source.getState();
			const now = clock.now();
			const tenantState = state.tenants[tenant];
			const readyAt = tenantReadyAt(tenantState, tenantState?.sent ?? [], now, state.options);
			if (readyAt > now) {
				timers.set(
					tenant,
					clock.setTimeout(
						() => {
							drain(tenant);
						},
						Math.ceil(readyAt - now),
					),
				);
				return;
			}

			source.dispatch({type: 'sent', tenant, now});
			queue.shift()!();
		}
	}

	return {
		async acquire(tenant) {
			return new Promise<void>(resolve => {
				const queue = queues.get(tenant) ?? [];
				queues.set(tenant, queue);
				queue.push(resolve);
				if (!timers.has(tenant)) {
					drain(tenant);
				}
			});
		},
		attach(getState, dispatch) {
			source = {getState, dispatch};
		},
		close() {
			for (const [tenant, handle] of timers) {
				clock.clearTimeout(handle);
				timers.delete(tenant);
			}

			source = undefined;
			for (const tenant of queues.keys()) {
				drain(tenant);
			}
		},
	};
}
