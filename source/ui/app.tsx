import React, {useEffect, useMemo} from 'react';
import {Box} from 'ink';
import type {AlertPrefs} from '../alerts/prefs.js';
import {outOfViewEveryMs} from '../core/cadence.js';
import {summarize} from '../core/summary.js';
import type {RowInsight} from '../core/insight.js';
import {DEFAULT_STALL_AFTER_MS} from '../core/stall.js';
import type {MonitorState} from '../core/types.js';
import type {HistoryEntry} from '../history/entry.js';
import type {PreviousRun} from '../history/previous-runs.js';
import type {AlertOutput, DiscoveredAggregation, MonitorCommands, StartableSource} from './monitor/commands.js';
import {KeyFooter} from './components/footer.js';
import {Header, headerHeight} from './components/header.js';
import {helpLines} from './components/help-overlay.js';
import {TooSmall} from './components/too-small.js';
import {headerAlert} from './alerts/flashes.js';
import type {Feature, KeyContext} from './keys/keymap.js';
import {isTooSmall} from './text/layout.js';
import {screenOf, type Screen} from './state/mode.js';
import {Discover} from './screens/discover/discover.js';
import {useDiscover} from './screens/discover/use-discover.js';
import {useDiscoverState} from './screens/discover/use-discover-state.js';
import {Help} from './screens/help/help.js';
import {useHelp} from './screens/help/use-help.js';
import {History, HistoryBottom, historyBottomLines} from './screens/history/history.js';
import {useHistory} from './screens/history/use-history.js';
import {useHistoryState} from './screens/history/use-history-state.js';
import {List, ListBottom, listBottomLines} from './screens/list/list.js';
import {useList} from './screens/list/use-list.js';
import {useListState, type RunTarget} from './screens/list/use-list-state.js';
import {Sources, SourcesBottom, sourcesBottomLines} from './screens/sources/sources.js';
import {useSources} from './screens/sources/use-sources.js';
import {useSourcesState} from './screens/sources/use-sources-state.js';
import type {ViewState} from './state/screen-state.js';
import {SpinnerClock} from './components/spinner-clock.js';
import {useTerminalSize} from './terminal/terminal-size.js';
import {useTheme} from './theme/theme.js';
import {useEndAlerts} from './alerts/use-end-alerts.js';
import {useMonitorKeys} from './keys/use-monitor-keys.js';
import {useStallAlerts} from './alerts/use-stall-alerts.js';
import {useViewState} from './state/use-view-state.js';
import {createViewState, type ViewPrefs} from './state/view-state.js';


export interface MonitorViewProps {
	state: MonitorState;
	/** The clock (epoch ms) for ages, countdowns, ETA and staleness. Ticking once a second is plenty. */
	now: number;
	commands: MonitorCommands;
	/** The tenant name, or "all tenants". */
	tenantLabel: string;
	/** Sort order and detail pane as last saved. */
	initialPrefs?: Partial<ViewPrefs>;
	/** Called when the sort order or the detail pane changes (not on mount). */
	onPrefsChange?: (prefs: ViewPrefs) => void;
	onQuit: () => void;
	/** Keys are handled (default true). */
	isActive?: boolean;
	/**
	 * Animate the spinners of running rows (default true). Each spinner frame redraws the whole screen in Ink, so
	 * this is most of the idle CPU; pass false for a still screen (slow links, --no-animation, screen recordings).
	 */
	animate?: boolean;
	/**
	 * The running aggregations of every tenant the monitor can reach (tracked ones may be included: they are left
	 * out). With commands.track, D opens a picker of them.
	 */
	discover?: () => Promise<readonly DiscoveredAggregation[]>;
	/** The sources of every tenant the monitor can reach. With commands.startAggregation, S opens a picker of them. */
	listSources?: () => Promise<readonly StartableSource[]>;
	/** The history of finished aggregations (any order; shown newest first). With it, H opens the history view. */
	history?: () => readonly HistoryEntry[] | Promise<readonly HistoryEntry[]>;
	/**
	 * Earlier runs of a source on a tenant, newest first (e.g. previousRuns(historyFile.list(), tenant, source, id)
	 * from source/history). Called for the selected row when its detail pane is open and its source name is known;
	 * keep it cheap (it is asked again when the row changes phase).
	 */
	previousRuns?: (target: RunTarget) => readonly PreviousRun[];
	/**
	 * A tracked row reached an end while the monitor ran: write `sequence` to the terminal as raw bytes (outside
	 * Ink's frame). Called once per end, and only when `alerts` allows a bell or a notification.
	 */
	onAlert?: (output: AlertOutput) => void;
	/** Which raw alerts onAlert gets (default both). The row flash and the header message show either way. */
	alerts?: AlertPrefs;
	/** Stalls, deletion risk and comparisons with past runs, by row key (see history/row-insights.ts). */
	insights?: ReadonlyMap<string, RowInsight>;
	/** --stall-after, to say where a stall's threshold comes from. */
	stallAfterMs?: number;
}

/** Lines each screen's bottom area takes above the footer (a prompt with its messages, a question, a notice). */
const BOTTOM_LINES: Record<Screen, (view: ViewState) => number> = {
	list: listBottomLines,
	help: () => 0,
	discover: () => 0,
	sources: sourcesBottomLines,
	history: historyBottomLines,
};

/**
 * The whole monitor screen, from plain props: the header, the screen of the current mode (screens/), its bottom
 * area and the footer. Sizes come from useTerminalSize (TerminalSizeProvider), colours and glyphs from ThemeContext
 * (ThemeProvider). Each screen's data, keys and view live in its own folder; this only lays them out.
 */
export function MonitorView({
	state,
	now,
	commands,
	tenantLabel,
	initialPrefs,
	onPrefsChange,
	onQuit,
	isActive = true,
	animate = true,
	discover,
	listSources,
	history,
	previousRuns,
	onAlert,
	alerts,
	insights,
	stallAfterMs = DEFAULT_STALL_AFTER_MS,
}: MonitorViewProps) {
	const {columns, rows} = useTerminalSize();
	const {glyphs} = useTheme();
	const store = useViewState(() => createViewState(initialPrefs));
	const {view} = store;
	const {mode} = view;
	const screen = screenOf(mode);
	const width = Math.max(1, columns - 1);
	const height = Math.max(1, rows - 1);

	// Kept as one array while the same features are offered (the callbacks may be new on every render), so what
	// is derived from it (help lines, footer hints) is not worked out again at every tick.
	const canDiscover = discover !== undefined && commands.track !== undefined;
	const canStart = listSources !== undefined && commands.startAggregation !== undefined;
	const hasHistory = history !== undefined;
	const features = useMemo(() => {
		const offered: Feature[] = [];
		if (canDiscover) {
			offered.push('discover');
		}

		if (canStart) {
			offered.push('start');
		}

		if (hasHistory) {
			offered.push('history');
		}

		return offered;
	}, [canDiscover, canStart, hasHistory]);

	// Vertical budget: header, then the body (the screen of the mode), then the bottom area and the footer.
	const summary = useMemo(() => summarize(state, now), [state, now]);
	const outOfViewMs = useMemo(() => outOfViewEveryMs(state), [state]);
	const top = headerHeight(summary, width, state.options.authRetryMs, glyphs);
	const body = Math.max(0, height - top - 1 - BOTTOM_LINES[screen](view));

	const list = useListState({state, now, store, columns, width, body, previousRuns, onPrefsChange, insights, stallAfterMs});
	const discoverData = useDiscoverState({rows: state.rows, active: mode === 'discover', width, body});
	const sourcesData = useSourcesState({width, body});
	const historyData = useHistoryState({detail: view.historyDetail, now, width, body});

	const discoverKeys = useDiscover({
		view: store,
		commands,
		picker: discoverData.picker,
		...(features.includes('discover') ? {load: discover} : {}),
	});
	const sourcesKeys = useSources({
		view: store,
		commands,
		picker: sourcesData.picker,
		...(features.includes('start') ? {load: listSources} : {}),
		canDiscover: features.includes('discover'),
	});
	const historyKeys = useHistory({view: store, picker: historyData.picker, ...(history === undefined ? {} : {load: history})});
	const helpLineCount = useMemo(() => helpLines(glyphs, features).length, [glyphs, features]);
	const helpKeys = useHelp({view: store, lines: helpLineCount, height: body});
	const listKeys = useList({
		store,
		state,
		list: list.list,
		shownRows: list.shownRows,
		commands,
		tenants: list.tenants,
		open: {
			...(discoverKeys.open === undefined ? {} : {discover: discoverKeys.open}),
			...(sourcesKeys.open === undefined ? {} : {start: sourcesKeys.open}),
			...(historyKeys.open === undefined ? {} : {history: historyKeys.open}),
		},
	});
	const screens = {list: listKeys, help: helpKeys, discover: discoverKeys, sources: sourcesKeys, history: historyKeys};
	useMonitorKeys({store, screens, onQuit, isActive, features});
	useEndAlerts({
		state,
		now,
		store,
		multiTenant: list.multiTenant,
		insights,
		...(onAlert === undefined ? {} : {onAlert}),
		...(alerts === undefined ? {} : {alerts}),
	});

	useStallAlerts({insights, state, now, multiTenant: list.multiTenant, apply: store.apply, onAlert, alerts});
	const stalledCount = useMemo(() => [...(insights?.values() ?? [])].filter(insight => insight.stall !== undefined).length, [insights]);

	// The rows the user looks at (on screen, and the selected one) are polled at --interval: tell the monitor when
	// they change. Other screens (help, pickers) keep the list's last focus: the user comes back to it.
	const visible = list.shownRows.slice(list.window.start, list.window.end);
	const focusKeys = list.hasList
		? [...visible.map(row => row.key), ...(list.selected === undefined ? [] : [list.selected.key])]
		: undefined;
	const focusText = focusKeys === undefined ? undefined : [...new Set(focusKeys)].join('\n');
	useEffect(() => {
		if (focusText !== undefined) {
			commands.focus?.(focusText === '' ? [] : focusText.split('\n'));
		}
	}, [focusText, commands]);

	if (isTooSmall(columns, rows)) {
		return <TooSmall columns={columns} rows={rows} />;
	}

	// The rows' spinners step with the monitor's clock; a picker that loads has a spinner of its own (LoadingSpinner).
	const spinning = !state.paused && list.hasList && visible.some(row => row.phase === 'running');
	const pickerRows: Record<Screen, number> = {
		list: list.list.keys.length,
		help: list.list.keys.length,
		discover: discoverData.picker.list.keys.length,
		sources: sourcesData.picker.list.keys.length,
		history: historyData.picker.list.keys.length,
	};
	const inHistory = screen === 'history';
	const keyContext: KeyContext = {
		mode,
		rows: pickerRows[screen],
		total: state.rows.length,
		finished: list.finished,
		paused: state.paused,
		detailOpen: inHistory ? view.historyDetail : view.detailOpen,
		filtered: inHistory ? historyData.picker.store.picker.filter !== '' : view.filter !== '',
		tenants: list.tenants.length,
		...(list.tenantFilter === undefined ? {} : {tenantFilter: list.tenantFilter}),
		marked: discoverData.marked,
		features,
	};

	let main: React.ReactNode;
	let bottom: React.ReactNode = null;
	switch (screen) {
		case 'help': {
			main = <Help scroll={view.mode === 'help' ? view.helpScroll : 0} features={features} width={width} height={body} />;
			break;
		}

		case 'discover': {
			main = <Discover {...discoverData} now={now} multiTenant={list.multiTenant} width={width} height={body} />;
			break;
		}

		case 'sources': {
			main = <Sources {...sourcesData} multiTenant={list.multiTenant} width={width} height={body} />;
			bottom = <SourcesBottom view={view} />;
			break;
		}

		case 'history': {
			main = <History {...historyData} now={now} width={width} height={body} />;
			bottom = <HistoryBottom filtering={mode === 'history-filtering'} filter={historyData.picker.store.picker.filter} width={width} />;
			break;
		}

		case 'list': {
			main = <List data={list} view={view} state={state} now={now} features={features} width={width} insights={insights} />;
			bottom = <ListBottom view={view} width={width} />;
			break;
		}
	}

	const latest = headerAlert(view.flashes, now);
	return (
		<SpinnerClock active={spinning} animate={animate} now={now}>
			<Box flexDirection="column" width={columns} height={height} overflowY="hidden">
				<Header
					tenantLabel={tenantLabel}
					summary={summary}
					now={now}
					width={width}
					authRetryMs={state.options.authRetryMs}
					stalled={stalledCount}
					{...(outOfViewMs === undefined ? {} : {outOfViewMs})}
					{...(latest === undefined ? {} : {alert: {text: latest.flash.text, severity: latest.flash.severity, others: latest.others}})}
				/>
				<Box flexDirection="column" height={body} flexShrink={0} overflowY="hidden">
					{main}
				</Box>
				<Box flexDirection="column" flexShrink={0}>
					{bottom}
					<KeyFooter context={keyContext} width={width} />
				</Box>
			</Box>
		</SpinnerClock>
	);
}
