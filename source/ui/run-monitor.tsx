import React, {useEffect, useMemo, useRef} from 'react';
import {useApp} from 'ink';
import type {AlertPrefs} from '../alerts/prefs.js';
import type {MonitorServices} from '../commands/monitor-services.js';
import {createDiscoveryWatcher} from '../commands/discovery-watcher.js';
import {createMonitorState} from '../core/reducer.js';
import {rowKey, type MonitorOptions, type MonitorState, type RowSeed} from '../core/types.js';
import {endedRows} from '../history/ended-rows.js';
import type {HistoryFile} from '../history/history-file.js';
import {previousRuns} from '../history/previous-runs.js';
import type {TrackedStore} from '../store/config.js';
import {MonitorView} from './app.js';
import {ThemeProvider} from './theme-provider.js';
import {formatError, runFullscreen, type LineDiffOutput} from './terminal/index.js';
import {systemClock, useMonitor} from './use-monitor.js';

export interface MonitorScreenOptions {
	store: TrackedStore;
	/** The tenant new rows (the add prompt) belong to. */
	tenant: string;
	tenantLabel: string;
	/** Which stored rows this monitor shows (--tenant NAME shows one tenant's). Default: all of them. */
	showRow?: (row: {tenant: string; id: string}) => boolean;
	/** ISC across tenants: statuses, discovery, sources, starting, source names. */
	services: MonitorServices;
	/** Where ended aggregations are recorded; absent when it cannot be opened. */
	history?: HistoryFile;
	alerts: AlertPrefs;
	/** --discover: track aggregations that start on the tenants, checked once a minute. */
	autoDiscover: boolean;
	options: Partial<MonitorOptions>;
	color: boolean;
	ascii: boolean;
}

const showAll = () => true;

/** Rows whose source name is not known yet, by tenant, leaving out those already asked about. */
function unlabelled(state: MonitorState, asked: Set<string>): Map<string, string[]> {
	const byTenant = new Map<string, string[]>();
	for (const row of state.rows) {
		if (row.label === undefined && !asked.has(row.key)) {
			asked.add(row.key);
			byTenant.set(row.tenant, [...(byTenant.get(row.tenant) ?? []), row.id]);
		}
	}

	return byTenant;
}

/**
 * The monitor screen wired to the rest: rows come from the store at start, snapshots go back to it (batched),
 * additions and removals are written at once, and rows another aggwatch process adds or removes appear and
 * disappear here too. Ends are recorded in the history and announced (bell, OSC 9) through `output`.
 */
function MonitorScreen({
	store,
	tenant,
	tenantLabel,
	services,
	history,
	alerts,
	autoDiscover,
	options,
	showRow = showAll,
	output,
}: MonitorScreenOptions & {output: () => LineDiffOutput | undefined}) {
	const {exit} = useApp();
	const [initial] = React.useState(() => {
		const now = Date.now();
		const seeds: RowSeed[] = store.listTracked().filter(row => showRow(row));
		return {state: createMonitorState(options, seeds, now), prefs: store.getPrefs()};
	});

	const monitor = useMonitor({
		initialState: initial.state,
		tenant,
		fetchStatus: async (row, options) => services.fetchStatus(row, options),
		startAggregation: async source => services.startAggregation(source),
		// Each save is a locked, fsynced write of the whole file: every 5 s is plenty for "the last known state",
		// and quitting saves what is pending.
		saveDelayMs: 5000,
		onRowsChanged(rows) {
			store.saveSnapshots(rows);
		},
		onRowsAdded(seeds) {
			store.addTracked(seeds);
		},
		onRowsRemoved(_keys, rows) {
			store.removeTracked(rows.map(row => ({tenant: row.tenant, id: row.id})));
		},
	});
	const {dispatch, state} = monitor;
	const latestState = useRef(state);
	latestState.current = state;

	// Rows another aggwatch process added or removed (aggwatch track, a second monitor).
	useEffect(
		() =>
			store.watch(() => {
				const onDisk = store.listTracked().filter(row => showRow(row));
				const diskKeys = new Set(onDisk.map(row => rowKey(row.tenant, row.id)));
				const current = new Set(latestState.current.rows.map(row => row.key));
				const added = onDisk.filter(row => !current.has(rowKey(row.tenant, row.id)));
				const removed = [...current].filter(key => !diskKeys.has(key));
				if (added.length > 0) {
					dispatch({type: 'added', rows: added, now: Date.now()});
				}

				if (removed.length > 0) {
					dispatch({type: 'removed', keys: removed});
				}
			}),
		[store, dispatch, showRow],
	);

	// Source names for rows that lack one: one task-status request per tenant (per 100 ids), once per row.
	const asked = useRef(new Set<string>());
	useEffect(() => {
		for (const [rowTenant, ids] of unlabelled(state, asked.current)) {
			services.labels(rowTenant, ids).then(
				labels => {
					// One frame for the whole answer, not one per name.
					dispatch([...labels].map(([id, label]) => ({type: 'labelled', key: rowKey(rowTenant, id), label})));
				},
				() => {
					// Names are a nicety: rows keep their short id, and a failing tenant shows its errors on its rows.
				},
			);
		}
	}, [state, services, dispatch]);

	// Every end seen while the monitor runs goes into the history, once. The detail pane's earlier runs see the
	// new entries at the next tick's frame (read at render), not in a frame of their own.
	const previous = useRef<MonitorState | undefined>(undefined);
	const recorded = useRef(history?.list() ?? []);
	useEffect(() => {
		const ended = previous.current === undefined ? [] : endedRows(previous.current, state);
		previous.current = state;
		if (history !== undefined && ended.length > 0) {
			try {
				history.recordEnded(ended);
				recorded.current = history.list();
			} catch {
				// The history is set aside with a warning by the history file itself; the monitor goes on.
			}
		}
	}, [state, history]);
	const entries = recorded.current;

	// --discover: newly started aggregations are tracked on their own, one task-status look per tenant a minute.
	const {track} = monitor.commands;
	useEffect(() => {
		if (!autoDiscover || track === undefined) {
			return;
		}

		const watchers = services.tenants.map(watched =>
			createDiscoveryWatcher({
				clock: systemClock,
				list: async () => services.runningOn(watched),
				isKnown: row => latestState.current.rows.some(known => known.key === rowKey(watched, row.id)),
				onFound(rows) {
					track(rows);
				},
			}),
		);
		for (const watcher of watchers) {
			watcher.start();
		}

		return () => {
			for (const watcher of watchers) {
				watcher.stop();
			}
		};
	}, [autoDiscover, services, track]);

	const runsFor = useMemo(
		() => (target: {tenant: string; id: string; source: string}) => previousRuns(entries, target.tenant, target.source, target.id),
		[entries],
	);

	return (
		<MonitorView
			state={state}
			now={monitor.now}
			commands={monitor.commands}
			tenantLabel={tenantLabel}
			initialPrefs={initial.prefs}
			onPrefsChange={prefs => {
				store.setPrefs(prefs);
			}}
			onQuit={() => {
				exit();
			}}
			discover={services.discover}
			listSources={services.listSources}
			{...(history === undefined ? {} : {history: () => history.list(), previousRuns: runsFor})}
			alerts={alerts}
			onAlert={({sequence}) => {
				output()?.writeRaw(sequence);
			}}
		/>
	);
}

/** Runs the full-screen monitor until the user quits. A crash inside the UI is printed after the screen is restored. */
export async function runMonitorScreen(options: MonitorScreenOptions): Promise<void> {
	let output: LineDiffOutput | undefined;
	try {
		await runFullscreen(
			<ThemeProvider color={options.color} ascii={options.ascii}>
				<MonitorScreen {...options} output={() => output} />
			</ThemeProvider>,
			{
				exitOnCtrlC: true,
				onOutput(created) {
					output = created;
				},
			},
		);
	} catch (error) {
		process.stderr.write(`aggwatch: ${formatError(error)}\n`);
		process.exitCode = 70;
	}
}
