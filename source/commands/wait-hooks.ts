import process from 'node:process';
import {alertSequence} from '../alerts/alert-sequence.js';
import {alertPrefsFromEnv, type AlertPrefs} from '../alerts/prefs.js';
import {stallAlert} from '../alerts/stall-alert.js';
import {stateAlerts} from '../alerts/state-alerts.js';
import {isPolled} from '../core/phase.js';
import {stallBaseline, type Stall, type StallBaseline} from '../core/stall.js';
import {rowKey, type MonitorState, type TrackedRow} from '../core/types.js';
import {endedRows} from '../history/ended-rows.js';
import type {HistoryFile} from '../store/history-file.js';
import type {HistoryEntry} from '../history/entry.js';
import {pastRunsFor} from '../history/past-run-facts.js';
import {RunEventTracker, stalledEvent} from '../core/run-event.js';
import {openCommandStore} from './command-store.js';
import type {RunActions} from './run-actions.js';
import {openCommandHistory} from './command-history.js';
import type {CommandContext} from './context.js';

/** Optional extras for runWait, called from its change handler. They must not throw. */
export interface WaitHooks {
	/** After each change of the wait's state (previous undefined the first time), before wait decides it is done. */
	onChange?(previous: MonitorState | undefined, next: MonitorState, now: number): void;
	/** What the source's past runs say is a normal pause, for the stall rule. */
	stallBaseline?(row: TrackedRow): StallBaseline;
	/** A row has just stalled (once per stall). */
	onStall?(row: TrackedRow, stall: Stall): void;
}

export interface WaitHooksOptions {
	/** Source names by aggregation id, when the caller knows them (start --wait does). Otherwise the store's labels are used. */
	labels?: ReadonlyMap<string, string>;
	/** Where alerts are written. Default process.stderr. Nothing is written unless it is a TTY. */
	alertStream?: {isTTY?: boolean; write(text: string): unknown};
	/** Default: from AGGWATCH_ALERTS (bell and notification). */
	alerts?: AlertPrefs;
	/** Default: the history next to the store (the demo one with --demo). false: record nothing. */
	history?: HistoryFile | false;
	/** --on-end and --notify: told of each run that ends (once its outcome is read), stalls, or holds deletions back. */
	actions?: RunActions;
}

/** The state with source names on rows that lack one (alerts name the source). Unchanged rows stay the same objects. */
function withLabels(state: MonitorState, labelOf: (row: TrackedRow) => string | undefined): MonitorState {
	return {
		...state,
		rows: state.rows.map(row => {
			if (row.label !== undefined || isPolled(row)) {
				return row;
			}

			const label = labelOf(row);
			return label === undefined ? row : {...row, label};
		}),
	};
}

/**
 * What `wait` (and `start --wait`) do besides printing: record each aggregation that ends in the history, and,
 * when standard error is a terminal, ring the bell and send a desktop notification (OSC 9) for each end.
 * Throws a ConfigError for a bad AGGWATCH_ALERTS or history bound, so call it before waiting starts.
 */
export function createWaitHooks(context: CommandContext, options: WaitHooksOptions = {}): WaitHooks {
	const stream = options.alertStream ?? process.stderr;
	const prefs = options.alerts ?? alertPrefsFromEnv(context.env);
	const history = options.history ?? openCommandHistory(context);
	let storeLabels: Map<string, string> | undefined;
	let historyFailed = false;

	const labelOf = (row: TrackedRow): string | undefined => {
		const known = row.label ?? options.labels?.get(row.id);
		if (known !== undefined) {
			return known;
		}

		if (storeLabels === undefined) {
			storeLabels = new Map();
			try {
				const store = openCommandStore(context);
				for (const stored of store.listTracked()) {
					if (stored.label !== undefined) {
						storeLabels.set(rowKey(stored.tenant, stored.id), stored.label);
					}
				}

				store.close();
			} catch {
				// Names are a nicety: a store that cannot be read leaves the entry without one.
			}
		}

		return storeLabels.get(rowKey(row.tenant, row.id));
	};

	const actions = options.actions;
	const told = new RunEventTracker();
	let entries: HistoryEntry[] | undefined;
	const baselines = new Map<string, StallBaseline>();
	const writeAlert = (sequence: string) => {
		if (stream.isTTY === true && (prefs.bell || prefs.notify)) {
			try {
				stream.write(sequence);
			} catch {
				// A terminal that went away must not stop the wait.
			}
		}
	};

	return {
		stallBaseline(row) {
			const label = labelOf(row);
			if (history === false || label === undefined) {
				return {};
			}

			const key = rowKey(row.tenant, row.id);
			let baseline = baselines.get(key);
			if (baseline === undefined) {
				try {
					entries ??= history.list();
				} catch {
					entries = [];
				}

				baseline = stallBaseline(pastRunsFor(entries, row.tenant, label, row.id));
				baselines.set(key, baseline);
			}

			return baseline;
		},
		onStall(row, stall) {
			const label = labelOf(row);
			const named = label === undefined ? row : {...row, label};
			writeAlert(alertSequence(stallAlert(named, stall), prefs));
			actions?.emit(stalledEvent(named, stall, context.now()));
		},
		onChange(previous, next, now) {
			if (actions !== undefined) {
				for (const event of told.events(withLabels(next, labelOf), now)) {
					actions.emit(event);
				}
			}

			const ended = endedRows(previous, next);
			if (history !== false && ended.length > 0 && !historyFailed) {
				try {
					history.recordEnded(
						ended.map(row => {
							const label = labelOf(row);
							return label === undefined ? row : {...row, label};
						}),
					);
				} catch (error) {
					historyFailed = true;
					context.warn(`could not record the history: ${(error as Error).message}`);
				}
			}

			if (stream.isTTY === true && (prefs.bell || prefs.notify)) {
				try {
					for (const alert of stateAlerts(previous, withLabels(next, labelOf), now)) {
						stream.write(alertSequence(alert, prefs));
					}
				} catch {
					// A terminal that went away must not stop the wait.
				}
			}
		},
	};
}
