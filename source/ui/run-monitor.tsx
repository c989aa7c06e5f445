import React, {useEffect} from 'react';
import {useApp} from 'ink';
import {createMonitorState} from '../core/reducer.js';
import {rowKey, type MonitorOptions, type RowSeed, type TrackedRow} from '../core/types.js';
import type {AggregationStatus} from '../isc/status.js';
import type {TrackedStore} from '../store/config.js';
import {MonitorView} from './app.js';
import {ThemeProvider} from './theme-provider.js';
import {formatError, runFullscreen} from './terminal/index.js';
import {useMonitor} from './use-monitor.js';

export interface MonitorScreenOptions {
	store: TrackedStore;
	/** The tenant new rows (the add prompt) belong to. */
	tenant: string;
	tenantLabel: string;
	/** The tenants that have credentials (saved ones and the ad-hoc SAIL_* one), sorted; rows may name others. */
	tenants?: string[];
	/** Which stored rows this monitor shows (--tenant NAME shows one tenant's). Default: all of them. */
	showRow?: (row: {tenant: string; id: string}) => boolean;
	/** One status request; picks the row's tenant's client (a tenant without credentials fails with an auth IscError). */
	fetchStatus(row: TrackedRow): Promise<AggregationStatus>;
	options: Partial<MonitorOptions>;
	color: boolean;
	ascii: boolean;
}

function toSeed(row: RowSeed): RowSeed {
	return row;
}

const showAll = () => true;

/**
 * The monitor screen wired to the store: rows come from the store at start, snapshots go back to it (batched),
 * additions and removals are written at once, and rows another aggwatch process adds or removes (aggwatch track,
 * a second monitor) appear and disappear here too.
 */
function MonitorScreen({store, tenant, tenantLabel, fetchStatus, options, showRow = showAll}: MonitorScreenOptions) {
	const {exit} = useApp();
	const [initial] = React.useState(() => {
		const now = Date.now();
		return {state: createMonitorState(options, store.listTracked().filter(row => showRow(row)).map(toSeed), now), prefs: store.getPrefs()};
	});

	const monitor = useMonitor({
		initialState: initial.state,
		tenant,
		fetchStatus,
		onRowsChanged(rows) {
			store.saveSnapshots(rows);
		},
		onRowsAdded(seeds) {
			store.addTracked(seeds);
		},
		onRowsRemoved(keys) {
			const rows = monitorRowsByKey.current;
			store.removeTracked(keys.map(key => rows.get(key)).filter(row => row !== undefined).map(row => ({tenant: row.tenant, id: row.id})));
		},
	});

	// Removal needs each row's tenant and id after the row has left the state: keep the last map.
	const monitorRowsByKey = React.useRef(new Map<string, TrackedRow>());
	monitorRowsByKey.current = new Map(monitor.state.rows.map(row => [row.key, row]));

	const {dispatch} = monitor;
	useEffect(
		() =>
			store.watch(() => {
				const onDisk = store.listTracked().filter(row => showRow(row));
				const diskKeys = new Set(onDisk.map(row => rowKey(row.tenant, row.id)));
				const current = monitorRowsByKey.current;
				const added = onDisk.filter(row => !current.has(rowKey(row.tenant, row.id)));
				const removed = [...current.keys()].filter(key => !diskKeys.has(key));
				if (added.length > 0) {
					dispatch({type: 'added', rows: added, now: Date.now()});
				}

				if (removed.length > 0) {
					dispatch({type: 'removed', keys: removed});
				}
			}),
		[store, dispatch, showRow],
	);

	return (
		<MonitorView
			state={monitor.state}
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
		/>
	);
}

/** Runs the full-screen monitor until the user quits. A crash inside the UI is printed after the screen is restored. */
export async function runMonitorScreen(options: MonitorScreenOptions): Promise<void> {
	try {
		await runFullscreen(
			<ThemeProvider color={options.color} ascii={options.ascii}>
				<MonitorScreen {...options} />
			</ThemeProvider>,
			{exitOnCtrlC: true},
		);
	} catch (error) {
		process.stderr.write(`aggwatch: ${formatError(error)}\n`);
		process.exitCode = 70;
	}
}
