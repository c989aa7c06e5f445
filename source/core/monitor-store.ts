import {reduce} from './reducer.js';
import type {MonitorEvent, MonitorState} from './types.js';

/**
 * A synchronous holder for the monitor state: dispatch applies `reduce` at once, so getState() right after a
 * dispatch sees its effect. The poller relies on that. For React, feed it to useSyncExternalStore(subscribe, getState).
 */
export interface MonitorStore {
	getState(): MonitorState;
	dispatch(event: MonitorEvent): void;
	/** Called after every dispatch that changed the state, with its event. Returns the unsubscribe function. */
	subscribe(listener: (event: MonitorEvent) => void): () => void;
}

export function createMonitorStore(initial: MonitorState): MonitorStore {
	let state = initial;
	const listeners = new Set<(event: MonitorEvent) => void>();
	return {
		getState: () => state,
		dispatch(event) {
			const next = reduce(state, event);
			if (next === state) {
				return;
			}

			state = next;
			for (const listener of [...listeners]) {
				listener(event);
			}
		},
		subscribe(listener) {
			listeners.add(listener);
			return () => {
				listeners.delete(listener);
			};
		},
	};
}
