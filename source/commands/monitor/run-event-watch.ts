import type {RowInsight} from '../../core/insight.js';
import {RunEventTracker, stalledEvent} from '../../core/run-event.js';
import type {MonitorState} from '../../core/types.js';
import type {RunActions} from '../run-actions.js';

/** The monitor's side of --on-end and --notify: which events each new state brings. */
export interface MonitorRunEvents {
	/** Each state the screen shows, with its rows' insights (stalls): every new event goes to the actions, once. */
	update(state: MonitorState, insights: ReadonlyMap<string, RowInsight>, now: number): void;
}

/**
 * Tells `actions` of each row that ends while the monitor runs (once its outcome is read), of each held-back
 * deletion, and of each stall (once, and again only after it moved). Rows that had ended before the monitor
 * started (restored from the store as ended) are told nothing.
 */
export function createMonitorRunEvents(initial: MonitorState, actions: RunActions): MonitorRunEvents {
	const ended = new RunEventTracker();
	ended.seed(initial);
	const stalled = new Set<string>();
	return {
		update(state, insights, now) {
			for (const event of ended.events(state, now)) {
				actions.emit(event);
			}

			for (const row of state.rows) {
				const stall = insights.get(row.key)?.stall;
				if (stall === undefined) {
					stalled.delete(row.key);
				} else if (!stalled.has(row.key)) {
					stalled.add(row.key);
					actions.emit(stalledEvent(row, stall, now));
				}
			}
		},
	};
}
