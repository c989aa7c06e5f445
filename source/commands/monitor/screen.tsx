import React, {useEffect, useMemo, useRef} from 'react';
import {useApp} from 'ink';
import type {AlertPrefs} from '../../alerts/prefs.js';
import {osc52Sequence} from '../../alerts/sequences.js';
import type {MonitorServices} from './services.js';
import {createDiscoveryWatcher} from './discovery-watcher.js';
import {createMonitorState} from '../../core/reducer.js';
import {rowKey, type MonitorOptions, type MonitorState, type RowSeed, type TrackedRow} from '../../core/types.js';
import {endedRows} from '../../history/ended-rows.js';
import {historyKey, type HistoryEntry} from '../../history/entry.js';
import type {HistoryFile} from '../../store/history-file.js';
import {previousRuns} from '../../history/previous-runs.js';
import {DEFAULT_STALL_AFTER_MS} from '../../core/stall.js';
import {indexHistory, rowInsights} from '../../history/row-insights.js';
import type {TrackedStore} from '../../store/config.js';
import {fileProblem} from '../../store/errors.js';
import {
	formatError,
	MonitorView,
	runFullscreen,
	systemClock,
	ThemeProvider,
	useLatest,
	useMonitor,
	type LineDiffOutput,
	type OpenSourceResult,
	type SourcePageTarget,
} from '../../ui/index.js';
import {openUrl} from '../open-url.js';
import type {RunActions} from '../run-actions.js';
import {createMonitorRunEvents} from './run-event-watch.js';

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
	/** How long changed rows wait before one batched save to the store. Default 5 s. */
	saveDelayMs?: number;
	/** --stall-after (default 15 minutes). */
	stallAfterMs?: number;
	color: boolean;
	ascii: boolean;
	/** The mouse wheel scrolls (the terminal's mouse reporting is on while the screen is up); --no-mouse: false. */
	mouse: boolean;
	/** --on-end and --notify: told of each row that ends, stalls or holds deletions back while the monitor runs. */
	actions?: RunActions;
	/** Their failures, each a line for the status line while the screen is up. */
	actionFailures?: {subscribe(listener: (line: string) => void): () => void};
}

/** What the screen needs besides the options: a way to write alert bytes (BEL, OSC 9) to the terminal as they are. */
export interface MonitorScreenProps extends Omit<MonitorScreenOptions, 'color' | 'ascii' | 'mouse'> {
	writeRaw(sequence: string): void;
}

const showAll = () => true;

/** What a failed save says, short enough for the footer: why the disk refused it, or the error's own message. */
function saveFailure(error: unknown): string {
	const why = fileProblem(error) ?? fileProblem((error as {cause?: unknown} | undefined)?.cause);
	return `Cannot save the rows: ${why ?? (error instanceof Error ? error.message : String(error))}`;
}

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

/** How far back the history view looks for runs that ended on the tenant while nobody watched. */
const FOUND_ON_TENANT_WINDOW_MS = 24 * 3_600_000;

/** The history, plus the runs found on the tenants' task lists that aggwatch did not see end (marked as such). */
async function withFoundOnTenant(entries: readonly HistoryEntry[], services: MonitorServices): Promise<HistoryEntry[]> {
	const seen = new Set(entries.map(entry => historyKey(entry)));
	try {
		const found = await services.endedOnTenants(FOUND_ON_TENANT_WINDOW_MS);
		return [...entries, ...found.filter(entry => !seen.has(historyKey(entry)))];
	} catch {
		return [...entries]; // the tenants' lists are a nicety: the local history still shows
	}
}

/**
 * o: the source's page in the tenant's ISC web UI, opened with the platform's opener (or $BROWSER). When that cannot
 * be done, the line says why and gives the address, which also goes to the clipboard (OSC 52, as y does).
 */
async function openSourcePage(
	target: SourcePageTarget,
	services: MonitorServices,
	copy: (text: string) => void,
): Promise<OpenSourceResult> {
	const page = await services.sourcePage(target);
	if ('why' in page) {
		return {
			opened: false,
			text:
				page.path === undefined
					? `Cannot open the source's page: ${page.why}`
					: `Cannot open the source's page: ${page.why}; its path there is ${page.path}`,
		};
	}

	const outcome = await openUrl(page.url);
	if (outcome.opened) {
		return {opened: true, text: `Opened ${page.url} (${outcome.command})`};
	}

	copy(page.url);
	return {opened: false, text: `Cannot open a browser (${outcome.why}); copied to the clipboard: ${page.url}`};
}

/**
 * The monitor assembled, the one place it is: rows come from the store at start, snapshots go back to it (batched),
 * additions and removals are written at once, and rows another aggwatch process adds or removes appear and
 * disappear here too. Statuses, discovery, sources and starts go through `services`; ends are recorded in the
 * history and announced (bell, OSC 9) through `writeRaw`. Render it inside a ThemeProvider (runMonitorScreen does).
 */
export function MonitorScreen({
	store,
	tenant,
	tenantLabel,
	services,
	history,
	alerts,
	autoDiscover,
	options,
	showRow = showAll,
	saveDelayMs = 5000,
	stallAfterMs = DEFAULT_STALL_AFTER_MS,
	actions,
	actionFailures,
	writeRaw,
}: MonitorScreenProps) {
	const {exit} = useApp();
	const [initial] = React.useState(() => {
		const now = Date.now();
		const seeds: RowSeed[] = store.listTracked().filter(row => showRow(row));
		// Every ended row's outcome is read from its task, within the same budget as the status polls.
		return {state: createMonitorState({...options, readTasks: true}, seeds, now), prefs: store.getPrefs()};
	});

	// A save that fails (a full disk, a read-only folder) must not take the monitor down: it says so once, keeps the
	// rows it could not save, and tries again with the next save.
	// Warnings from outside the screen (a save, an --on-end command or a --notify post that failed): each new object
	// shows once on the status line.
	const [notice, setNotice] = React.useState<{text: string} | undefined>(undefined);
	const unsaved = useRef(new Map<string, TrackedRow>());
	const saveFailing = useRef(false);
	const saving = useRef((write: () => void) => {
		try {
			write();
			if (saveFailing.current) {
				saveFailing.current = false;
				setNotice({text: 'Saving works again: the rows are saved'});
			}

			return true;
		} catch (error) {
			if (!saveFailing.current) {
				saveFailing.current = true;
				setNotice({text: `${saveFailure(error)}; the monitor goes on and keeps trying`});
			}

			return false;
		}
	}).current;

	const retry = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
	/** Saves the rows not saved yet; when that fails, tries again after saveDelayMs (rows may have stopped changing). */
	const saveUnsaved = (): void => {
		clearTimeout(retry.current);
		retry.current = undefined;
		const pending = [...unsaved.current.values()];
		if (pending.length === 0) {
			return;
		}

		if (saving(() => store.saveSnapshots(pending))) {
			unsaved.current.clear();
		} else {
			retry.current = setTimeout(saveUnsaved, saveDelayMs);
		}
	};

	useEffect(
		() => () => {
			clearTimeout(retry.current);
		},
		[],
	);

	const monitor = useMonitor({
		initialState: initial.state,
		tenant,
		fetchStatus: async (row, options) => services.fetchStatus(row, options),
		fetchTask: async (row, options) => services.fetchTask(row, options),
		startAggregation: async source => services.startAggregation(source),
		// Each save is a locked, fsynced write of the whole file: every 5 s is plenty for "the last known state",
		// and quitting saves what is pending.
		saveDelayMs,
		onRowsChanged(rows) {
			for (const row of rows) {
				unsaved.current.set(row.key, row);
			}

			saveUnsaved();
		},
		onRowsAdded(seeds) {
			saving(() => store.addTracked(seeds));
		},
		onRowsRemoved(_keys, rows) {
			saving(() => store.removeTracked(rows.map(row => ({tenant: row.tenant, id: row.id}))));
		},
	});
	const {dispatch, state, getState} = monitor;
	// y puts an id on the clipboard through the terminal (OSC 52), written outside Ink's frame like the alerts; o opens
	// a source's page in the browser, and when it cannot, puts the page's address on the clipboard the same way.
	const commands = useMemo(() => {
		const copy = (text: string) => {
			writeRaw(osc52Sequence(text));
		};

		return {
			...monitor.commands,
			copy,
			openSource: async (target: SourcePageTarget): Promise<OpenSourceResult> => openSourcePage(target, services, copy),
		};
	}, [monitor.commands, writeRaw, services]);
	const latestState = useLatest(state);

	// Discovery, names, source lists and starts wait for a slot in the same per-tenant budget as the polls.
	useEffect(() => {
		services.attachBudget(getState, dispatch);
		return () => {
			services.close();
		};
	}, [services, getState, dispatch]);

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
		[store, dispatch, showRow, latestState],
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
	// Read once on mount (not on every render: each read is a file read and a parse, once a second at the tick).
	const [initialEntries] = React.useState(() => history?.list() ?? []);
	const recorded = useRef(initialEntries);
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
	// eslint-disable-next-line react-hooks/refs -- read at render on purpose: new entries wait for the next tick's frame (above).
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
	}, [autoDiscover, services, track, latestState]);

	// deleteThreshold of the sources of rows that mark accounts for deletion: asked once per row, and each source is
	// read once per session (services cache it), so a tenant sees a handful of source reads at most.
	const [thresholds, setThresholds] = React.useState<ReadonlyMap<string, number | undefined>>(() => new Map());
	const thresholdAsked = useRef(new Set<string>());
	useEffect(() => {
		for (const row of state.rows) {
			const marked = row.snapshot?.totalAccountsMarkedForDeletion ?? 0;
			if (marked <= 0 || thresholdAsked.current.has(row.key)) {
				continue;
			}

			thresholdAsked.current.add(row.key);
			services.deleteThreshold(row.tenant, row.id).then(
				threshold => {
					setThresholds(known => new Map(known).set(row.key, threshold));
				},
				() => {
					// Not asked again this session (a user who may not read sources would pay for it on every poll);
					// the deletion counts still show, and the detail pane says the threshold is not known.
				},
			);
		}
	}, [state, services]);

	const historyIndex = useMemo(() => indexHistory(entries), [entries]);
	const insights = useMemo(
		() => rowInsights(state.rows, monitor.now, {history: historyIndex, thresholds, stallAfterMs}),
		[state.rows, monitor.now, historyIndex, thresholds, stallAfterMs],
	);

	// --on-end and --notify: in the background, never in the way of a frame (RunActions.emit only starts them).
	const [runEvents] = React.useState(() => (actions === undefined ? undefined : createMonitorRunEvents(initial.state, actions)));
	useEffect(() => {
		runEvents?.update(state, insights, Date.now());
	}, [runEvents, state, insights]);
	useEffect(() => actionFailures?.subscribe(line => setNotice({text: line})), [actionFailures]);

	const runsFor = useMemo(
		() => (target: {tenant: string; id: string; source: string}) => previousRuns(entries, target.tenant, target.source, target.id),
		[entries],
	);

	return (
		<MonitorView
			state={state}
			now={monitor.now}
			commands={commands}
			tenantLabel={tenantLabel}
			initialPrefs={initial.prefs}
			onPrefsChange={prefs => {
				saving(() => {
					store.setPrefs(prefs);
				});
			}}
			onQuit={() => {
				exit();
			}}
			discover={services.discover}
			listSources={services.listSources}
			glance={services.glance}
			{...(history === undefined ? {} : {history: async () => withFoundOnTenant(history.list(), services), previousRuns: runsFor})}
			alerts={alerts}
			insights={insights}
			stallAfterMs={stallAfterMs}
			{...(notice === undefined ? {} : {notice})}
			onAlert={({sequence}) => {
				writeRaw(sequence);
			}}
		/>
	);
}

/** Runs the full-screen monitor until the user quits. A crash inside the UI is printed after the screen is restored. */
export async function runMonitorScreen({color, ascii, mouse, ...options}: MonitorScreenOptions): Promise<void> {
	let output: LineDiffOutput | undefined;
	try {
		await runFullscreen(
			<ThemeProvider color={color} ascii={ascii}>
				<MonitorScreen
					{...options}
					writeRaw={sequence => {
						output?.writeRaw(sequence);
					}}
				/>
			</ThemeProvider>,
			{
				exitOnCtrlC: true,
				mouse,
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
