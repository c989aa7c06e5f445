import React, {useEffect, useMemo, useRef} from 'react';
import {Box} from 'ink';
import {isFinishedPhase} from '../core/phase.js';
import {summarize} from '../core/summary.js';
import type {MonitorState} from '../core/types.js';
import {filterRows, sortRows} from '../core/view.js';
import type {MonitorCommands} from './commands.js';
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
import {Prompt} from './components/prompt.js';
import {TooSmall} from './components/too-small.js';
import {detailContent} from './detail-fields.js';
import {footerHints, type KeyContext} from './keymap.js';
import {isTooSmall, rowLayout} from './layout.js';
import {isConfirmMode} from './mode.js';
import {SpinnerClock} from './spinner-clock.js';
import {useTerminalSize} from './terminal/terminal-size.js';
import {useTheme} from './theme.js';
import {useMonitorKeys} from './use-monitor-keys.js';
import {useViewState} from './use-view-state.js';
import {createViewState, selectedIndexIn, visibleWindow, type ListView, type ViewPrefs} from './view-state.js';

export type {MonitorCommands} from './commands.js';
export type {ViewPrefs} from './view-state.js';

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
}

/** The list keeps at least this many rows when the detail pane opens. */
const MIN_LIST_ROWS = 3;

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
}: MonitorViewProps) {
	const {columns, rows} = useTerminalSize();
	const {glyphs} = useTheme();
	const store = useViewState(() => createViewState(initialPrefs));
	const {view} = store;
	const width = Math.max(1, columns - 1);
	const height = Math.max(1, rows - 1);

	const summary = useMemo(() => summarize(state, now), [state, now]);
	const shownRows = useMemo(() => sortRows(filterRows(state.rows, view.filter), view.sort), [state.rows, view.filter, view.sort]);
	const keys = useMemo(() => shownRows.map((row) => row.key), [shownRows]);
	const multiTenant = useMemo(() => new Set(state.rows.map((row) => row.tenant)).size > 1, [state.rows]);
	const finished = useMemo(() => state.rows.filter((row) => isFinishedPhase(row.phase)).length, [state.rows]);
	const layout = useMemo(() => rowLayout(columns), [columns]);

	// Vertical budget: header, then the body (list or help), then the bottom area (notice, prompt, hints).
	const top = headerHeight(summary, width, state.options.authRetryMs, glyphs);
	let bottom = 1;
	if (view.mode === 'adding' || view.mode === 'filtering') {
		bottom += 1 + view.messages.length;
	} else if (isConfirmMode(view.mode)) {
		bottom += 1;
	} else if (view.notice !== undefined) {
		bottom += 1;
	}

	const body = Math.max(0, height - top - bottom);
	const hasList = state.rows.length > 0 && view.mode !== 'help';
	const chrome = hasList ? 2 : 0; // list bar and column titles
	const selectedIndex = selectedIndexIn(view, keys);
	const selected = selectedIndex === -1 ? undefined : shownRows[selectedIndex];
	const content = view.detailOpen && selected !== undefined && hasList ? detailContent(selected, state, now) : undefined;
	const detailLines =
		content === undefined ? 0 : Math.min(detailHeight(content, width), Math.max(0, body - chrome - MIN_LIST_ROWS));
	const listHeight = Math.max(1, body - chrome - detailLines);
	const list: ListView = useMemo(() => ({keys, height: listHeight}), [keys, listHeight]);
	const window = visibleWindow(view, list);
	const help = {lines: helpLines(glyphs).length, height: body};

	useMonitorKeys({store, state, list, shownRows, commands, onQuit, help, isActive});

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

	if (isTooSmall(columns, rows)) {
		return <TooSmall columns={columns} rows={rows} />;
	}

	const visible = shownRows.slice(window.start, window.end);
	const spinning = animate && !state.paused && hasList && visible.some((row) => row.phase === 'running');
	const keyContext: KeyContext = {
		mode: view.mode,
		rows: keys.length,
		total: state.rows.length,
		finished,
		paused: state.paused,
		detailOpen: view.detailOpen,
		filtered: view.filter !== '',
	};

	let main: React.ReactNode;
	if (view.mode === 'help') {
		main = <HelpOverlay width={width} height={body} scroll={view.helpScroll} />;
	} else if (state.rows.length === 0) {
		main = <EmptyState width={width} />;
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
				/>
				<ColumnTitles layout={layout} sort={view.sort} />
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
								withTenant={multiTenant}
								paused={state.paused}
							/>
						))
					)}
				</Box>
				{content !== undefined && selected !== undefined && detailLines > 0 ? (
					<DetailPane row={selected} state={state} now={now} width={width} height={detailLines} />
				) : null}
			</>
		);
	}

	return (
		<SpinnerClock active={spinning}>
			<Box flexDirection="column" width={columns} height={height} overflowY="hidden">
				<Header tenantLabel={tenantLabel} summary={summary} now={now} width={width} authRetryMs={state.options.authRetryMs} />
				<Box flexDirection="column" height={body} flexShrink={0} overflowY="hidden">
					{main}
				</Box>
				<Box flexDirection="column" flexShrink={0}>
					{view.mode === 'adding' ? (
						<Prompt
							label="Add ids"
							value={view.prompt}
							width={width}
							placeholder="paste or type ids, separated by spaces, commas or new lines"
							messages={view.messages}
						/>
					) : null}
					{view.mode === 'filtering' ? <Prompt label="Filter" value={view.prompt} width={width} placeholder="text in name, id, tenant or status" /> : null}
					{isConfirmMode(view.mode) ? <Confirm question={view.question} /> : null}
					{view.mode === 'normal' && view.notice !== undefined ? <MessageLine message={view.notice} /> : null}
					<Footer hints={footerHints(keyContext, glyphs)} width={width} />
				</Box>
			</Box>
		</SpinnerClock>
	);
}
