import React, {useEffect, useMemo, useRef} from 'react';
import {Box} from 'ink';
import {alertSequence} from '../alerts/alert-sequence.js';
import {DEFAULT_ALERT_PREFS, type AlertPrefs} from '../alerts/prefs.js';
import {isFinishedPhase, isPolledPhase} from '../core/phase.js';
import {rowElapsed} from '../core/progress.js';
import {summarize} from '../core/summary.js';
import type {MonitorState} from '../core/types.js';
import {filterRows, sortRows} from '../core/view.js';
import type {RowInsight} from '../core/insight.js';
import {DEFAULT_STALL_AFTER_MS} from '../core/stall.js';
import {isEndApproximate, type HistoryEntry} from '../history/entry.js';
import {previousRuns as previousRunsIn, type PreviousRun} from '../history/previous-runs.js';
import type {AlertOutput, DiscoveredAggregation, MonitorCommands, StartableSource} from './commands.js';
import {AggregationRow} from './components/aggregation-row.js';
import {ColumnTitles} from './components/column-titles.js';
import {Confirm} from './components/confirm.js';
import {DetailPane, detailHeight} from './components/detail-pane.js';
import {EmptyState} from './components/empty-state.js';
import {Footer} from './components/footer.js';
import {Header, headerHeight} from './components/header.js';
import {HelpOverlay, helpLines} from './components/help-overlay.js';
import {ListBar} from './components/list-bar.js';
import {MessageLine} from './components/message-line.js';
import {Picker, pickerChrome, statusHeight, type PickerStatus} from './components/picker.js';
import {Prompt} from './components/prompt.js';
import {TooSmall} from './components/too-small.js';
import {detailContent, type DetailContent} from './detail-fields.js';
import {discoverKey, discoverSegments, discoverText, untracked} from './discover-entries.js';
import {activeFlash, ALERT_MESSAGE_MS, alertsFor, endTransitions, headerAlert} from './end-transitions.js';
import {historyColumns, historyDetail, historyEntryKey, historyName, historySegments, historyText, newestFirst} from './history-entries.js';
import {footerHints, type Feature, type KeyContext} from './keymap.js';
import {isTooSmall, rowLayout} from './layout.js';
import {visibleWindow, type ListView} from './list-selection.js';
import {isConfirmMode} from './mode.js';
import {filterItems, type PickerState} from './picker-state.js';
import {previousRunLines} from './previous-run-lines.js';
import {comparisonSummary, deletionPhrase, insightLines} from './insight-text.js';
import {useStallAlerts} from './use-stall-alerts.js';
import {rowLabel} from './row-cells.js';
import {sortSources, sourceKey, sourceSegments, sourceText} from './source-entries.js';
import {SpinnerClock} from './spinner-clock.js';
import {useTerminalSize} from './terminal/terminal-size.js';
import {useTheme} from './theme.js';
import {useMonitorKeys} from './use-monitor-keys.js';
import {usePickerKeys, type ShownPicker} from './use-picker-keys.js';
import {usePickerState, type PickerStore} from './use-picker-state.js';
import {useViewState} from './use-view-state.js';
import {createViewState, selectedIndexIn, type ViewPrefs} from './view-state.js';

export type {AlertOutput, DiscoveredAggregation, MonitorCommands, StartableSource, StartResult} from './commands.js';
export type {ViewPrefs} from './view-state.js';

/** Which earlier runs `previousRuns` is asked for: the run looked at, and its source's name. */
export interface RunTarget {
	tenant: string;
	/** The aggregation id of the run looked at (left out of the answer). */
	id: string;
	/** The source name (the row's label): earlier runs are matched by it. */
	source: string;
}

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
	/** Stalls, deletion risk and comparisons with past runs, by row key (see ui/row-insights.ts). */
	insights?: ReadonlyMap<string, RowInsight>;
	/** --stall-after, to say where a stall's threshold comes from. */
	stallAfterMs?: number;
}

/** The list keeps at least this many rows when the detail pane opens. */
const MIN_LIST_ROWS = 3;
const NO_KEYS: ReadonlySet<string> = new Set();

interface Filtered<T> {
	shown: readonly T[];
	keys: readonly string[];
}

/** The entries of a picker its filter lets through, and their keys. */
function useFiltered<T>(store: PickerStore<T>, available: readonly T[], textOf: (item: T) => string, keyOf: (item: T) => string): Filtered<T> {
	const {filter} = store.picker;
	const shown = useMemo(() => filterItems(available, filter, textOf), [available, filter, textOf]);
	const keys = useMemo(() => shown.map((item) => keyOf(item)), [shown, keyOf]);
	return {shown, keys};
}

/** A picker as the keys see it: store, entries and the list on screen. */
function useShownPicker<T>(store: PickerStore<T>, available: readonly T[], {shown, keys}: Filtered<T>, height: number): ShownPicker<T> {
	const list: ListView = useMemo(() => ({keys, height}), [keys, height]);
	return useMemo(() => ({store, available, shown, list}), [store, available, shown, list]);
}

/** The line of a picker whose load failed: what failed, why, and what to do. */
function failure(picker: PickerState<unknown>, what: string, todo: string): string | undefined {
	return picker.status === 'failed' ? `${what}: ${picker.error ?? 'unknown error'}. ${todo}` : undefined;
}

/** `text` while a picker's list is loading (or not asked for yet), else undefined. */
function loadingText(status: PickerState<unknown>['status'], text: string): string | undefined {
	return status === 'loading' || status === 'idle' ? text : undefined;
}

function withLines(content: DetailContent, lines: DetailContent['lines']): DetailContent {
	return lines.length === 0 ? content : {fields: content.fields, lines: [...content.lines, ...lines]};
}

/**
 * The whole monitor screen, from plain props. Sizes come from useTerminalSize (TerminalSizeProvider), colours and
 * glyphs from ThemeContext (ThemeProvider). Only the rows in view are rendered, so the row count does not matter.
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
	const width = Math.max(1, columns - 1);
	const height = Math.max(1, rows - 1);

	const features = useMemo(() => {
		const offered: Feature[] = [];
		if (discover !== undefined && commands.track !== undefined) {
			offered.push('discover');
		}

		if (listSources !== undefined && commands.startAggregation !== undefined) {
			offered.push('start');
		}

		if (history !== undefined) {
			offered.push('history');
		}

		return offered;
	}, [discover, listSources, history, commands]);

	// Tenants: a tenant column and the t filter once rows of several tenants are tracked.
	const tenants = useMemo(() => [...new Set(state.rows.map((row) => row.tenant))].sort(), [state.rows]);
	const multiTenant = tenants.length > 1;
	const tenantFilter = view.tenantFilter !== undefined && tenants.includes(view.tenantFilter) ? view.tenantFilter : undefined;
	const withTenant = multiTenant && tenantFilter === undefined;
	const tenantWidth = withTenant ? Math.max(...tenants.map((tenant) => [...tenant].length)) : 0;

	const summary = useMemo(() => summarize(state, now), [state, now]);
	const tenantRows = useMemo(
		() => (tenantFilter === undefined ? state.rows : state.rows.filter((row) => row.tenant === tenantFilter)),
		[state.rows, tenantFilter],
	);
	const shownRows = useMemo(() => sortRows(filterRows(tenantRows, view.filter), view.sort), [tenantRows, view.filter, view.sort]);
	const keys = useMemo(() => shownRows.map((row) => row.key), [shownRows]);
	const finished = useMemo(() => state.rows.filter((row) => isFinishedPhase(row.phase)).length, [state.rows]);
	const layout = useMemo(() => rowLayout(columns, tenantWidth), [columns, tenantWidth]);

	// Vertical budget: header, then the body (list, help, a picker or the history), then the bottom area.
	const top = headerHeight(summary, width, state.options.authRetryMs, glyphs);
	let bottom = 1;
	if (view.mode === 'adding' || view.mode === 'filtering') {
		bottom += 1 + view.messages.length;
	} else if (view.mode === 'history-filtering' || isConfirmMode(view.mode)) {
		bottom += 1;
	} else if (view.mode === 'normal' && view.notice !== undefined) {
		bottom += 1;
	}

	const body = Math.max(0, height - top - bottom);
	const hasList = state.rows.length > 0 && (view.mode === 'normal' || isListMode(view.mode));
	const chrome = hasList ? 2 : 0; // list bar and column titles
	const selectedIndex = selectedIndexIn(view, keys);
	const selected = selectedIndex === -1 ? undefined : shownRows[selectedIndex];
	const detailOpen = view.detailOpen && selected !== undefined && hasList;

	// Earlier runs of the selected row's source, asked again when another row is selected or the row ends.
	const selectedLabel = selected?.label;
	const selectedPhase = selected?.phase;
	const selectedTenant = selected?.tenant;
	const selectedId = selected?.id;
	const runs = useMemo(() => {
		if (!detailOpen || previousRuns === undefined || selectedLabel === undefined || selectedTenant === undefined || selectedId === undefined) {
			return undefined;
		}

		// selectedPhase is a dependency on purpose: a row that ends joins the history, so its runs are asked again.
		return selectedPhase === undefined ? undefined : previousRuns({tenant: selectedTenant, id: selectedId, source: selectedLabel});
	}, [detailOpen, previousRuns, selectedLabel, selectedTenant, selectedId, selectedPhase]);

	let content: DetailContent | undefined;
	if (detailOpen && selected !== undefined) {
		content = detailContent(selected, state, now);
		if (runs !== undefined) {
			const elapsedMs = rowElapsed(selected, now);
			content = withLines(content, previousRunLines(runs, {...(elapsedMs === undefined ? {} : {elapsedMs}), running: isPolledPhase(selected.phase)}, now, glyphs));
		}

		content = withLines(content, insightLines(insights?.get(selected.key), {stallAfterMs}, glyphs));
	}

	const detailLines =
		content === undefined ? 0 : Math.min(detailHeight(content, width), Math.max(0, body - chrome - MIN_LIST_ROWS));
	const listHeight = Math.max(1, body - chrome - detailLines);
	const list: ListView = useMemo(() => ({keys, height: listHeight}), [keys, listHeight]);
	const window = visibleWindow(view, list);
	const help = {lines: helpLines(glyphs, features).length, height: body};

	// Pickers and the history view.
	const discoverStore = usePickerState<DiscoveredAggregation>();
	const sourcesStore = usePickerState<StartableSource>();
	const historyStore = usePickerState<HistoryEntry>();
	// Only the discover picker needs the tracked keys: not built on every poll otherwise.
	const discovering = view.mode === 'discover';
	const trackedKeys = useMemo(() => (discovering ? new Set(state.rows.map((row) => row.key)) : NO_KEYS), [discovering, state.rows]);
	const discoverItems = discoverStore.picker.items;
	const discoverAvailable = useMemo(() => untracked(discoverItems, trackedKeys), [discoverItems, trackedKeys]);
	const sourceItems = sourcesStore.picker.items;
	const sourcesAvailable = useMemo(() => sortSources(sourceItems), [sourceItems]);
	const historyItems = historyStore.picker.items;
	const historyAvailable = useMemo(() => newestFirst(historyItems), [historyItems]);
	const discoverFiltered = useFiltered(discoverStore, discoverAvailable, discoverText, discoverKey);
	const sourcesFiltered = useFiltered(sourcesStore, sourcesAvailable, sourceText, sourceKey);
	const historyFiltered = useFiltered(historyStore, historyAvailable, historyText, historyEntryKey);
	const discoverStatus: PickerStatus = {
		loading: loadingText(discoverStore.picker.status, 'Asking for running account aggregations...'),
		error: failure(discoverStore.picker, 'Could not list running aggregations', 'Ctrl-R tries again, Esc goes back.'),
		message: discoverStore.picker.message,
		empty:
			discoverAvailable.length === 0
				? 'No running account aggregations that are not tracked already. Ctrl-R looks again.'
				: `Nothing matches "${discoverStore.picker.filter}".`,
		count: discoverFiltered.shown.length,
	};
	const sourcesStatus: PickerStatus = {
		loading: loadingText(sourcesStore.picker.status, 'Listing sources...'),
		error: failure(sourcesStore.picker, 'Could not list sources', 'Ctrl-R tries again, Esc goes back.'),
		message: sourcesStore.picker.message,
		empty: sourcesAvailable.length === 0 ? 'No sources found.' : `No source matches "${sourcesStore.picker.filter}".`,
		count: sourcesFiltered.shown.length,
	};
	const historyStatus: PickerStatus = {
		loading: loadingText(historyStore.picker.status, 'Reading the history...'),
		error: failure(historyStore.picker, 'Could not read the history', 'Ctrl-R tries again.'),
		empty:
			historyAvailable.length === 0
				? 'No finished aggregations recorded yet: aggwatch records each one it sees end.'
				: `Nothing matches "${historyStore.picker.filter}". Esc clears the filter.`,
		count: historyFiltered.shown.length,
	};
	const pickerHeight = (status: PickerStatus) => Math.max(1, body - pickerChrome({filter: true, columns: false, statusLines: statusHeight(status, width)}));
	const discoverPicker = useShownPicker(discoverStore, discoverAvailable, discoverFiltered, pickerHeight(discoverStatus));
	const sourcesPicker = useShownPicker(sourcesStore, sourcesAvailable, sourcesFiltered, pickerHeight(sourcesStatus));
	const historyKeys = historyFiltered.keys;
	const historySelectedIndex = selectedIndexIn(historyStore.picker, historyKeys);
	const historySelected = historySelectedIndex === -1 ? undefined : historyFiltered.shown[historySelectedIndex];
	const historyMultiTenant = useMemo(() => new Set(historyAvailable.map((entry) => entry.tenant)).size > 1, [historyAvailable]);
	let historyContent: DetailContent | undefined;
	if (view.historyDetail && historySelected !== undefined) {
		historyContent = historyDetail(historySelected, now, glyphs);
		if (historySelected.source !== undefined) {
			const earlier = previousRunsIn(historyAvailable, historySelected.tenant, historySelected.source, historySelected.id);
			historyContent = withLines(
				historyContent,
				previousRunLines(
					earlier,
					{
						...(historySelected.durationMs === undefined ? {} : {elapsedMs: historySelected.durationMs}),
						running: false,
						approximate: isEndApproximate(historySelected),
					},
					now,
					glyphs,
				),
			);
		}
	}

	const historyChrome = pickerChrome({filter: false, columns: true, statusLines: statusHeight(historyStatus, width)});
	const historyDetailLines =
		historyContent === undefined ? 0 : Math.min(detailHeight(historyContent, width), Math.max(0, body - historyChrome - MIN_LIST_ROWS));
	const historyPicker = useShownPicker(historyStore, historyAvailable, historyFiltered, Math.max(1, body - historyChrome - historyDetailLines));

	const pickers = usePickerKeys({
		view: store,
		commands,
		discover: discoverPicker,
		sources: sourcesPicker,
		history: historyPicker,
		...(features.includes('discover') && discover !== undefined ? {loadDiscover: discover} : {}),
		...(features.includes('start') && listSources !== undefined ? {loadSources: listSources} : {}),
		...(history === undefined ? {} : {loadHistory: history}),
	});

	useMonitorKeys({store, state, list, shownRows, commands, onQuit, help, isActive, features, tenants, pickers});

	// The selected row went away (removed, filtered out): adopt the row the cursor now shows.
	const shownKey = window.selected === -1 ? undefined : keys[window.selected];
	useEffect(() => {
		if (shownKey !== view.selectedKey) {
			store.apply({type: 'sync-selection', list});
		}
	}, [shownKey, view.selectedKey, store, list]);

	const prefsReported = useRef<ViewPrefs>({sort: view.sort, detail: view.detailOpen});
	useEffect(() => {
		const last = prefsReported.current;
		if (last.sort !== view.sort || last.detail !== view.detailOpen) {
			prefsReported.current = {sort: view.sort, detail: view.detailOpen};
			onPrefsChange?.(prefsReported.current);
		}
	}, [view.sort, view.detailOpen, onPrefsChange]);

	// Alerts: rows seen ending while the monitor runs flash, the header tells, and the terminal is told (bell, OSC 9).
	const alertContext = useRef({now, multiTenant, onAlert, alerts, insights});
	alertContext.current = {now, multiTenant, onAlert, alerts, insights};
	const seenState = useRef(state);
	const startedAt = useRef(now);
	useEffect(() => {
		const previous = seenState.current;
		seenState.current = state;
		const transitions = endTransitions(previous, state, startedAt.current);
		if (transitions.length === 0) {
			return;
		}

		const context = alertContext.current;
		const found = alertsFor(transitions, context.now, context.multiTenant, (row) => {
			const insight = context.insights?.get(row.key);
			const heldBack = insight?.deletion?.heldBack === true ? [deletionPhrase(insight.deletion)] : [];
			return [...comparisonSummary(insight?.comparison, glyphs), ...heldBack];
		});
		if (found.length === 0) {
			return;
		}

		store.apply({type: 'alerted', flashes: found.map((item) => item.flash), now: context.now, keepMs: ALERT_MESSAGE_MS});
		const prefs = context.alerts ?? DEFAULT_ALERT_PREFS;
		if (context.onAlert !== undefined && (prefs.bell || prefs.notify)) {
			for (const {alert} of found) {
				context.onAlert({alert, sequence: alertSequence(alert, prefs)});
			}
		}
	}, [state, store, glyphs]);

	useStallAlerts({insights, state, now, multiTenant, apply: store.apply, onAlert, alerts});
	const stalledCount = useMemo(() => [...(insights?.values() ?? [])].filter((insight) => insight.stall !== undefined).length, [insights]);

	if (isTooSmall(columns, rows)) {
		return <TooSmall columns={columns} rows={rows} />;
	}

	const visible = shownRows.slice(window.start, window.end);
	const mode = view.mode;
	const inHistory = mode === 'history' || mode === 'history-filtering';
	const inSources = mode === 'sources' || mode === 'confirm-start';
	const loading =
		(mode === 'discover' && discoverStatus.loading !== undefined) ||
		(inSources && sourcesStatus.loading !== undefined) ||
		(inHistory && historyStatus.loading !== undefined);
	const spinning = animate && ((!state.paused && hasList && visible.some((row) => row.phase === 'running')) || loading);
	const discoverMarked = discoverStore.picker.marked.filter((key) => discoverAvailable.some((item) => discoverKey(item) === key)).length;
	const keyContext: KeyContext = {
		mode,
		rows: inHistory ? historyKeys.length : mode === 'discover' ? discoverPicker.list.keys.length : inSources ? sourcesPicker.list.keys.length : keys.length,
		total: state.rows.length,
		finished,
		paused: state.paused,
		detailOpen: inHistory ? view.historyDetail : view.detailOpen,
		filtered: inHistory ? historyStore.picker.filter !== '' : view.filter !== '',
		tenants: tenants.length,
		...(tenantFilter === undefined ? {} : {tenantFilter}),
		marked: discoverMarked,
		features,
	};

	let main: React.ReactNode;
	if (mode === 'help') {
		main = <HelpOverlay width={width} height={body} scroll={view.helpScroll} features={features} />;
	} else if (mode === 'discover') {
		const picker = discoverStore.picker;
		const multi = new Set(discoverAvailable.map((item) => item.tenant)).size > 1 || multiTenant;
		main = (
			<Picker
				title="Track running aggregations"
				status={
					picker.status === 'ready'
						? `${discoverPicker.shown.length} of ${discoverAvailable.length} not tracked yet${discoverMarked > 0 ? `, ${discoverMarked} marked` : ''}`
						: undefined
				}
				filter={{value: picker.filter, placeholder: 'type to filter by source, id or tenant; Space marks, Enter tracks'}}
				items={discoverPicker.shown}
				keyOf={discoverKey}
				segments={(item) => discoverSegments(item, now, multi, glyphs.ellipsis)}
				marked={picker.marked}
				window={visibleWindow(picker, discoverPicker.list)}
				{...discoverStatus}
				width={width}
				height={body}
			/>
		);
	} else if (inSources) {
		const picker = sourcesStore.picker;
		const multi = new Set(sourcesAvailable.map((item) => item.tenant)).size > 1 || multiTenant;
		main = (
			<Picker
				title="Start an account aggregation: pick a source"
				status={picker.status === 'ready' ? `${sourcesPicker.shown.length} of ${sourcesAvailable.length} sources` : undefined}
				filter={{value: picker.filter, placeholder: 'type to filter by name, type or tenant; Enter starts (asks first)'}}
				items={sourcesPicker.shown}
				keyOf={sourceKey}
				segments={(item) => sourceSegments(item, multi, glyphs.ellipsis)}
				window={visibleWindow(picker, sourcesPicker.list)}
				{...sourcesStatus}
				width={width}
				height={body}
			/>
		);
	} else if (inHistory) {
		const picker = historyStore.picker;
		const filterText = picker.filter === '' ? '' : ` ${glyphs.separator} filter: "${picker.filter}" (${historyKeys.length} of ${historyAvailable.length})`;
		main = (
			<>
				<Picker
					title="History: finished aggregations, newest first"
					status={picker.status === 'ready' ? `${historyAvailable.length} recorded${filterText}` : undefined}
					columns={historyColumns(historyMultiTenant)}
					items={historyPicker.shown}
					keyOf={historyEntryKey}
					segments={(entry) => historySegments(entry, now, historyMultiTenant, glyphs)}
					window={visibleWindow(picker, historyPicker.list)}
					{...historyStatus}
					width={width}
					height={body - historyDetailLines}
				/>
				{historyContent !== undefined && historySelected !== undefined && historyDetailLines > 0 ? (
					<DetailPane title={historyName(historySelected)} content={historyContent} width={width} height={historyDetailLines} />
				) : null}
			</>
		);
	} else if (state.rows.length === 0) {
		main = <EmptyState width={width} features={features} />;
	} else {
		main = (
			<>
				<ListBar
					sort={view.sort}
					filter={view.filter}
					shown={keys.length}
					total={state.rows.length}
					selected={window.selected}
					width={width}
					{...(tenantFilter === undefined ? {} : {tenant: tenantFilter})}
				/>
				<ColumnTitles layout={layout} sort={view.sort} withTenant={withTenant} />
				<Box flexDirection="column" height={listHeight} flexShrink={0} overflowY="hidden">
					{keys.length === 0 ? (
						<EmptyState width={width} filter={view.filter} />
					) : (
						visible.map((row, index) => (
							<AggregationRow
								key={row.key}
								row={row}
								now={now}
								intervalMs={state.options.intervalMs}
								layout={layout}
								selected={window.start + index === window.selected}
								withTenant={withTenant}
								paused={state.paused}
								tenantError={state.tenants[row.tenant]?.authError}
								flash={activeFlash(view.flashes, row.key, now)?.severity}
								insight={insights?.get(row.key)}
							/>
						))
					)}
				</Box>
				{content !== undefined && selected !== undefined && detailLines > 0 ? (
					<DetailPane title={rowLabel(selected, multiTenant)} content={content} width={width} height={detailLines} />
				) : null}
			</>
		);
	}

	const latest = headerAlert(view.flashes, now);
	return (
		<SpinnerClock active={spinning} now={now}>
			<Box flexDirection="column" width={columns} height={height} overflowY="hidden">
				<Header
					tenantLabel={tenantLabel}
					summary={summary}
					now={now}
					width={width}
					authRetryMs={state.options.authRetryMs}
					stalled={stalledCount}
					{...(latest === undefined ? {} : {alert: {text: latest.flash.text, severity: latest.flash.severity, others: latest.others}})}
				/>
				<Box flexDirection="column" height={body} flexShrink={0} overflowY="hidden">
					{main}
				</Box>
				<Box flexDirection="column" flexShrink={0}>
					{mode === 'adding' ? (
						<Prompt
							label="Add ids"
							value={view.prompt}
							width={width}
							placeholder="paste or type ids, separated by spaces, commas or new lines"
							messages={view.messages}
						/>
					) : null}
					{mode === 'filtering' ? <Prompt label="Filter" value={view.prompt} width={width} placeholder="text in name, id, tenant or status" /> : null}
					{mode === 'history-filtering' ? (
						<Prompt label="Filter history" value={historyStore.picker.filter} width={width} placeholder="text in source, id, tenant or status" />
					) : null}
					{isConfirmMode(mode) ? <Confirm question={view.question} /> : null}
					{mode === 'normal' && view.notice !== undefined ? <MessageLine message={view.notice} /> : null}
					<Footer hints={footerHints(keyContext, glyphs)} width={width} />
				</Box>
			</Box>
		</SpinnerClock>
	);
}

/** Modes that show the monitor list (with a prompt or confirmation under it). */
function isListMode(mode: string): boolean {
	return mode === 'adding' || mode === 'filtering' || mode === 'confirm-remove' || mode === 'confirm-clear';
}
