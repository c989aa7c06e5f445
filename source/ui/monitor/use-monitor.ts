import {useEffect, useMemo, useRef, useState, useSyncExternalStore} from 'react';
import {createMonitorStore} from '../../core/monitor-store.js';
import {findRow} from '../../core/row-index.js';
import {createPoller, type FetchOptions, type Poller, type PollerClock} from '../../core/poller.js';
import {type MonitorEvent, type MonitorState, type RowKey, type RowSeed, type TrackedRow} from '../../core/types.js';
import type {AggregationStatus} from '../../domain/status.js';
import type {MonitorCommands, StartableSource, StartResult} from './commands.js';
import {createMonitorCommands} from './monitor-commands.js';
import type {TaskOutcome} from '../../domain/outcome.js';
import {useLatest} from '../state/use-latest.js';

export interface UseMonitorOptions {
	/** Where to start: createMonitorState(options, seeds restored from the store). Read once, on mount. */
	initialState: MonitorState;
	/** The tenant ids added with `a` belong to. */
	tenant: string;
	/**
	 * One status request, e.g. `(row) => clients.get(row.tenant).getAggregationStatus(row.id, {retries: 0})`.
	 * Throw IscError on failure; the poller turns anything else into a network failure.
	 */
	fetchStatus(row: TrackedRow, options?: FetchOptions): Promise<AggregationStatus>;
	/** One task read for a row's outcome (needed when initialState.options.readTasks is on). */
	fetchTask?(row: TrackedRow, options?: FetchOptions): Promise<TaskOutcome>;
	/**
	 * Rows whose saved fields changed (snapshot, lastOkAt, phase, label, endedAt), batched: at most one call per
	 * `saveDelayMs`, and a last one on unmount. For the store's snapshots.
	 */
	onRowsChanged?(rows: TrackedRow[]): void;
	/** The user added these ids (only ids not tracked already): with a, the pickers (D) and starts (S). */
	onRowsAdded?(seeds: RowSeed[]): void;
	/**
	 * Sends the request that starts an account aggregation on `source` (POST /v2025/sources/{id}/load-accounts on
	 * source.tenant) and answers with the new id, or {error} with a message fit to show. With it, commands offer
	 * startAggregation, which tracks the new id (labelled with the source) on success.
	 */
	startAggregation?(source: StartableSource): Promise<StartResult>;
	/** The user removed these rows (d, or c for the finished ones); `rows` are the rows as they were. */
	onRowsRemoved?(keys: RowKey[], rows: TrackedRow[]): void;
	/** Unexpected trouble in the poller (see PollerOptions.onError). */
	onError?(error: unknown): void;
	/** Default: Date.now and the global timers. Tests inject a fake one. */
	clock?: PollerClock;
	/**
	 * How often `now` advances and new answers reach the screen (the spinner steps with it). Default 1000 ms,
	 * aligned to whole seconds so every countdown moves together.
	 */
	tickMs?: number;
	/** Default 1000 ms. */
	saveDelayMs?: number;
}

export interface MonitorHandle {
	state: MonitorState;
	now: number;
	commands: MonitorCommands;
	/**
	 * For events from outside the screen: rows another aggwatch added to the store, source names (`labelled`).
	 * Several events at once reach the screen as one frame.
	 */
	dispatch(events: MonitorEvent | readonly MonitorEvent[]): void;
	/** The state as of the last event (not the ticked view): for a budget gate that must see every send at once. */
	getState(): MonitorState;
}

export const systemClock: PollerClock = {
	now: () => Date.now(),
	setTimeout: (callback, ms) => setTimeout(callback, ms),
	clearTimeout: handle => {
		clearTimeout(handle as ReturnType<typeof setTimeout>);
	},
};

/**
 * How often the screen moves: new answers, clocks and the spinner's step, in one frame. Ink draws the whole screen
 * on every commit, so this is what the monitor costs while it sits there (about one frame a second).
 */
const TICK_MS = 1000;

interface TickedView {
	subscribe(listener: () => void): () => void;
	getSnapshot(): MonitorState;
	/** Show the monitor state as it is now, if it changed since the last flush. */
	flush(): void;
}

/** The monitor state as the screen sees it: updated only when flushed. */
function createTickedView(store: {getState(): MonitorState}): TickedView {
	let snapshot = store.getState();
	const listeners = new Set<() => void>();
	return {
		subscribe(listener) {
			listeners.add(listener);
			return () => {
				listeners.delete(listener);
			};
		},
		getSnapshot: () => snapshot,
		flush() {
			const current = store.getState();
			if (current !== snapshot) {
				snapshot = current;
				for (const listener of [...listeners]) {
					listener();
				}
			}
		},
	};
}

function savedFieldsChanged(before: TrackedRow, after: TrackedRow): boolean {
	return (
		before.snapshot !== after.snapshot ||
		before.lastOkAt !== after.lastOkAt ||
		before.phase !== after.phase ||
		before.label !== after.label ||
		before.endedAt !== after.endedAt ||
		before.task !== after.task ||
		before.taskGaveUp !== after.taskGaveUp
	);
}

/**
 * Drives the monitor: holds the state in a synchronous store (the poller must see each event at once, so not
 * useReducer), runs the poller with `fetchStatus`, advances `now` once a second, and reports changes to the store
 * callbacks. Feed the result to MonitorView.
 */
export function useMonitor(options: UseMonitorOptions): MonitorHandle {
	const latest = useLatest(options);
	const clock = options.clock ?? systemClock;
	const tickMs = options.tickMs;
	const saveDelayMs = options.saveDelayMs ?? 1000;
	const [store] = useState(() => createMonitorStore(options.initialState));
	// The screen sees the state at the monitor's tick (and at once after the user's own commands), not after each
	// event: requests and answers arrive several times a second, and each commit redraws the whole screen in Ink.
	const [view] = useState(() => createTickedView(store));
	const state = useSyncExternalStore(view.subscribe, view.getSnapshot);
	const period = tickMs ?? TICK_MS;
	const [now, setNow] = useState(() => clock.now());
	const poller = useRef<Poller | undefined>(undefined);

	useEffect(() => {
		const created = createPoller({
			getState: store.getState,
			dispatch: store.dispatch,
			fetchStatus: async (row, options) => latest.current.fetchStatus(row, options),
			fetchTask: async (row, options) => {
				const {fetchTask} = latest.current;
				if (fetchTask === undefined) {
					throw new TypeError('useMonitor: readTasks is on but no fetchTask was given');
				}

				return fetchTask(row, options);
			},
			clock,
			onError(error) {
				latest.current.onError?.(error);
			},
		});
		poller.current = created;
		created.start();
		return () => {
			created.stop();
			poller.current = undefined;
		};
	}, [store, clock, latest]);

	useEffect(() => {
		let handle: unknown;
		const schedule = () => {
			const at = clock.now();
			handle = clock.setTimeout(
				() => {
					setNow(clock.now());
					view.flush();
					schedule();
				},
				period - (at % period),
			);
		};

		schedule();
		return () => {
			clock.clearTimeout(handle);
		};
	}, [clock, period, view]);

	useEffect(() => {
		let previous = new Map(store.getState().rows.map(row => [row.key, row]));
		const pending = new Map<RowKey, TrackedRow>();
		let handle: unknown;
		const flush = () => {
			handle = undefined;
			if (pending.size > 0) {
				const rows = [...pending.values()];
				pending.clear();
				latest.current.onRowsChanged?.(rows);
			}
		};

		let previousRows = store.getState().rows;
		const note = (row: TrackedRow): void => {
			const before = previous.get(row.key);
			if (before !== undefined && before !== row && savedFieldsChanged(before, row)) {
				pending.set(row.key, row);
			}
		};

		const unsubscribe = store.subscribe(event => {
			const rows = store.getState().rows;
			if (rows === previousRows) {
				return; // a tenant's budget or the pause changed, no row
			}

			if ('key' in event && rows.length === previousRows.length) {
				// An event about one row (request, answer, failure, name) replaced only that row: no scan of the others.
				const row = findRow(rows, event.key);
				if (row !== undefined) {
					note(row);
					previous.set(row.key, row);
				}
			} else {
				for (const row of rows) {
					note(row);
				}

				previous = new Map(rows.map(row => [row.key, row]));
				for (const key of pending.keys()) {
					if (!previous.has(key)) {
						pending.delete(key);
					}
				}
			}

			previousRows = rows;
			if (pending.size > 0 && handle === undefined) {
				handle = clock.setTimeout(flush, saveDelayMs);
			}
		});
		return () => {
			unsubscribe();
			if (handle !== undefined) {
				clock.clearTimeout(handle);
			}

			flush();
		};
	}, [store, clock, saveDelayMs, latest]);

	const canStart = options.startAggregation !== undefined;
	const commands = useMemo(
		() =>
			// eslint-disable-next-line react-hooks/refs -- the refs are read when a command runs (a key), never while rendering.
			createMonitorCommands({
				store,
				now: () => clock.now(),
				wake() {
					poller.current?.wake();
				},
				flush() {
					view.flush();
				},
				callbacks: () => latest.current,
				canStart,
			}),
		[store, clock, canStart, view, latest],
	);

	const dispatch = useMemo(
		() => (events: MonitorEvent | readonly MonitorEvent[]) => {
			for (const event of Array.isArray(events) ? events : [events]) {
				store.dispatch(event as MonitorEvent);
			}

			poller.current?.wake();
			view.flush();
		},
		[store, view],
	);

	return {state, now, commands, dispatch, getState: store.getState};
}
