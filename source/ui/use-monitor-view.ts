import {useEffect, useMemo} from 'react';
import type {AlertPrefs} from '../alerts/prefs.js';
import {outOfViewEveryMs} from '../core/cadence.js';
import type {RowInsight} from '../core/insight.js';
import {DEFAULT_STALL_AFTER_MS} from '../core/stall.js';
import {summarize, type Summary} from '../core/summary.js';
import type {MonitorState} from '../core/types.js';
import {needsAttention} from '../core/view.js';
import type {HistoryEntry} from '../history/entry.js';
import type {PreviousRun} from '../history/previous-runs.js';
import {useEndAlerts} from './alerts/use-end-alerts.js';
import {useStallAlerts} from './alerts/use-stall-alerts.js';
import {useTenantEvents} from './alerts/use-tenant-events.js';
import {headerHeight} from './components/header.js';
import {helpScreenLines} from './components/help-overlay.js';
import type {Feature, KeyContext} from './keys/keymap.js';
import {useMonitorKeys} from './keys/use-monitor-keys.js';
import type {AlertOutput, DiscoveredAggregation, MonitorCommands, SourcesGlance, StartableSource} from './monitor/commands.js';
import {useDiscover} from './screens/discover/use-discover.js';
import {useDiscoverState, type DiscoverScreenState} from './screens/discover/use-discover-state.js';
import {historyBottomLines} from './screens/history/history.js';
import {useHelp} from './screens/help/use-help.js';
import {useEvents} from './screens/events/use-events.js';
import {useEventsState, type EventsScreenState} from './screens/events/use-events-state.js';
import {useHistory} from './screens/history/use-history.js';
import {useHistoryState, type HistoryScreenState} from './screens/history/use-history-state.js';
import {listBottomLines} from './screens/list/list.js';
import {useList} from './screens/list/use-list.js';
import {useListState, type ListScreenState, type RunTarget} from './screens/list/use-list-state.js';
import {sourcesBottomLines} from './screens/sources/sources.js';
import {useSources} from './screens/sources/use-sources.js';
import {useSourcesState, type SourcesScreenState} from './screens/sources/use-sources-state.js';
import {tenantSourcesBottomLines} from './screens/tenant-sources/tenant-sources.js';
import {glanceOf} from './screens/tenant-sources/tenant-sources-actions.js';
import {useTenantSources} from './screens/tenant-sources/use-tenant-sources.js';
import {useTenantSourcesState, type TenantSourcesScreenState} from './screens/tenant-sources/use-tenant-sources-state.js';
import {screenOf, type Screen} from './state/mode.js';
import type {ViewState} from './state/screen-state.js';
import {useViewState} from './state/use-view-state.js';
import {createViewState, type ViewPrefs} from './state/view-state.js';
import {useTerminalSize} from './terminal/terminal-size.js';
import {rowConcerns} from './text/row-words.js';
import {isTooSmall} from './text/layout.js';
import {useTheme} from './theme/theme.js';

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
	/** Every source's aggregations at a glance (O); read only once the screen is opened. */
	glance?: SourcesGlance;
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
	/**
	 * Something from outside the screen worth a warning on the status line (rows that cannot be saved, an --on-end
	 * command or a --notify post that failed): shown once each time a new object is passed.
	 */
	notice?: {readonly text: string};
}

/** Lines each screen's bottom area takes above the footer (a prompt with its messages, a question, a notice). */
const BOTTOM_LINES: Record<Screen, (view: ViewState, width: number) => number> = {
	list: listBottomLines,
	help: () => 0,
	events: () => 0,
	discover: () => 0,
	sources: sourcesBottomLines,
	history: historyBottomLines,
	'tenant-sources': tenantSourcesBottomLines,
};

/** Everything the monitor screen's layout draws, worked out from the props by useMonitorView. */
export interface MonitorViewModel {
	state: MonitorState;
	now: number;
	tenantLabel: string;
	animate: boolean;
	insights?: ReadonlyMap<string, RowInsight>;
	/** The terminal's size, and the width and height drawn in (one column and one row spare). */
	columns: number;
	rows: number;
	width: number;
	height: number;
	/** The terminal is too small to draw the monitor in. */
	tooSmall: boolean;
	view: ViewState;
	screen: Screen;
	features: readonly Feature[];
	summary: Summary;
	outOfViewMs?: number;
	/** Rows whose insight says they stall. */
	stalled: number;
	/** Lines between the header and the bottom area. */
	body: number;
	list: ListScreenState;
	discover: DiscoverScreenState;
	sources: SourcesScreenState;
	history: HistoryScreenState;
	tenantSources: TenantSourcesScreenState;
	events: EventsScreenState;
	keyContext: KeyContext;
	/** The rows' spinners step with the monitor's clock. */
	spinning: boolean;
}

/**
 * The monitor screen's hooks and wiring: the view store, each screen's data and keys, the one key handler, the
 * alerts, and which rows are in focus. What it returns is all a layout needs (layouts/default-layout.tsx).
 */
export function useMonitorView({
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
	glance,
	previousRuns,
	onAlert,
	alerts,
	insights,
	stallAfterMs = DEFAULT_STALL_AFTER_MS,
	notice,
}: MonitorViewProps): MonitorViewModel {
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
	const canCopy = commands.copy !== undefined;
	const canOpen = commands.openSource !== undefined;
	const hasGlance = glance !== undefined;
	const features = useMemo(() => {
		const offered: Array<[Feature, boolean]> = [
			['discover', canDiscover],
			['start', canStart],
			['history', hasHistory],
			['copy', canCopy],
			['glance', hasGlance],
			['open', canOpen],
		];
		return offered.filter(([, on]) => on).map(([feature]) => feature);
	}, [canDiscover, canStart, hasHistory, canCopy, hasGlance, canOpen]);

	// Vertical budget: header, then the body (the screen of the mode), then the bottom area and the footer.
	const summary = useMemo(() => summarize(state, now), [state, now]);
	const outOfViewMs = useMemo(() => outOfViewEveryMs(state), [state]);
	const top = headerHeight(summary, width, state.options.authRetryMs, glyphs);
	const body = Math.max(0, height - top - 1 - BOTTOM_LINES[screen](view, width));

	const list = useListState({state, now, store, columns, width, body, previousRuns, onPrefsChange, insights, stallAfterMs});
	const discoverData = useDiscoverState({rows: state.rows, active: screen === 'discover', width, body});
	const sourcesData = useSourcesState({
		width,
		body,
		rows: state.rows,
		...(glance === undefined ? {} : {glance}),
		active: screen === 'sources',
	});
	// Opening S (and Ctrl-R in it) lists the sources and asks the glance for their runs (not their schedules): each
	// entry then says its last outcome and a run in progress the monitor does not track.
	const loadSources = useMemo(
		() =>
			listSources === undefined
				? undefined
				: async () => {
						glance?.refresh('runs');
						return listSources();
					},
		[listSources, glance],
	);
	const historyData = useHistoryState({detail: view.historyDetail, now, width, body});
	const glanceView = glanceOf(view);
	const glanceData = useTenantSourcesState({
		...(glance === undefined ? {} : {glance}),
		...(glanceView === undefined ? {} : {view: glanceView}),
		active: screen === 'tenant-sources',
		now,
		width,
		body,
	});

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
		...(features.includes('start') && loadSources !== undefined ? {load: loadSources} : {}),
		canDiscover: features.includes('discover'),
	});
	const historyKeys = useHistory({view: store, picker: historyData.picker, commands, ...(history === undefined ? {} : {load: history})});
	const glanceKeys = useTenantSources({
		view: store,
		commands,
		data: glanceData,
		...(glance === undefined ? {} : {glance}),
		canDiscover: features.includes('discover'),
	});
	const helpLineCount = useMemo(() => helpScreenLines(glyphs, features, width).length, [glyphs, features, width]);
	const helpKeys = useHelp({view: store, lines: helpLineCount, height: body});
	const eventsData = useEventsState({log: view.events, active: screen === 'events', width, now});
	// The log's title takes a line of the body.
	const eventsKeys = useEvents({view: store, lines: eventsData.lines.length, height: Math.max(1, body - 1)});
	const listKeys = useList({
		store,
		state,
		list: list.list,
		shownRows: list.shownRows,
		needsAttention: row => needsAttention(row, rowConcerns(insights?.get(row.key))),
		commands,
		tenants: list.tenants,
		open: {
			...(discoverKeys.open === undefined ? {} : {discover: discoverKeys.open}),
			...(sourcesKeys.open === undefined ? {} : {start: sourcesKeys.open}),
			...(historyKeys.open === undefined ? {} : {history: historyKeys.open}),
			...(glanceKeys.open === undefined ? {} : {glance: glanceKeys.open}),
		},
	});
	const screens = {
		list: listKeys,
		help: helpKeys,
		events: eventsKeys,
		discover: discoverKeys,
		sources: sourcesKeys,
		history: historyKeys,
		'tenant-sources': glanceKeys,
	};
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
	useTenantEvents({state, now, apply: store.apply});
	useEffect(() => {
		if (notice !== undefined) {
			store.apply({type: 'notice', notice: {level: 'warning', text: notice.text}});
		}
	}, [notice, store]);
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

	// The rows' spinners step with the monitor's clock; a picker that loads has a spinner of its own (LoadingSpinner).
	const spinning = !state.paused && list.hasList && visible.some(row => row.phase === 'running');
	const pickerRows: Record<Screen, number> = {
		list: list.list.keys.length,
		help: list.list.keys.length,
		events: eventsData.lines.length,
		discover: discoverData.picker.list.keys.length,
		sources: sourcesData.picker.list.keys.length,
		history: historyData.picker.list.keys.length,
		'tenant-sources': glanceData.shown.length,
	};
	const inHistory = screen === 'history';
	const inGlance = screen === 'tenant-sources';
	const pickerFilter: Partial<Record<Screen, string>> = {
		discover: discoverData.picker.store.picker.filter,
		sources: sourcesData.picker.store.picker.filter,
		history: historyData.picker.store.picker.filter,
		'tenant-sources': glanceData.glance.filter,
	};
	const keyContext: KeyContext = {
		mode,
		rows: pickerRows[screen],
		total: state.rows.length,
		finished: list.finished,
		paused: state.paused,
		detailOpen: inHistory ? view.historyDetail : inGlance ? glanceData.glance.detail : view.detailOpen,
		filtered: (pickerFilter[screen] ?? view.filter) !== '',
		tenants: list.tenants.length,
		...(list.tenantFilter === undefined ? {} : {tenantFilter: list.tenantFilter}),
		marked: discoverData.marked,
		events: view.events.events.length,
		features,
	};

	return {
		state,
		now,
		tenantLabel,
		animate,
		...(insights === undefined ? {} : {insights}),
		columns,
		rows,
		width,
		height,
		tooSmall: isTooSmall(columns, rows),
		view,
		screen,
		features,
		summary,
		...(outOfViewMs === undefined ? {} : {outOfViewMs}),
		stalled: stalledCount,
		body,
		list,
		discover: discoverData,
		sources: sourcesData,
		history: historyData,
		tenantSources: glanceData,
		events: eventsData,
		keyContext,
		spinning,
	};
}
