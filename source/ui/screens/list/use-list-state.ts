import {useEffect, useMemo, useRef} from 'react';
import type {RowInsight} from '../../../core/insight.js';
import {idShortener} from '../../../core/short-ids.js';
import {insightLines} from '../../text/insight-text.js';
import {isFinishedPhase, isPolledPhase} from '../../../core/phase.js';
import {rowElapsed} from '../../../core/progress.js';
import type {MonitorState, TrackedRow} from '../../../core/types.js';
import {filterRows, sortRows} from '../../../core/view.js';
import type {PreviousRun} from '../../../history/previous-runs.js';
import {detailHeight, withLines} from '../../components/detail-pane.js';
import {detailContent, type DetailContent} from '../../text/detail-fields.js';
import {MIN_LIST_ROWS, rowLayout, type RowLayout} from '../../text/layout.js';
import {selectedIndexIn, visibleWindow, type ListView, type VisibleWindow} from '../../state/list-selection.js';
import {screenOf} from '../../state/mode.js';
import {previousRunLines} from '../../text/previous-run-lines.js';
import {columnNeeds, rowConcerns, rowShownText} from '../../text/row-words.js';
import {useTheme} from '../../theme/theme.js';
import type {ViewStore} from '../../state/use-view-state.js';
import type {ViewPrefs} from '../../state/view-state.js';

export interface ListScreenState {
	/** Tenants among the rows, sorted. */
	tenants: readonly string[];
	multiTenant: boolean;
	/** The tenant shown alone (t), if it still has rows. */
	tenantFilter?: string;
	/** A tenant column: rows of several tenants are shown. */
	withTenant: boolean;
	layout: RowLayout;
	/** The rows as on screen (tenant, filter, sort), in the order of list.keys. */
	shownRows: readonly TrackedRow[];
	list: ListView;
	window: VisibleWindow;
	selected?: TrackedRow;
	/** The detail pane's content, when it is open on a row. */
	content?: DetailContent;
	/** Lines the detail pane takes (0 when closed or when there is no room). */
	detailLines: number;
	/** Rows `c` would clear. */
	finished: number;
	/** The list is on screen (rows exist and a list mode is open). */
	hasList: boolean;
	/** An id as short as tells it apart from the other rows' ids (many ISC ids share a long start). */
	shortId: (id: string) => string;
}

export interface ListStateOptions {
	state: MonitorState;
	now: number;
	store: ViewStore;
	columns: number;
	width: number;
	/** Lines between the header and the bottom area. */
	body: number;
	previousRuns?: (target: RunTarget) => readonly PreviousRun[];
	onPrefsChange?: (prefs: ViewPrefs) => void;
	insights?: ReadonlyMap<string, RowInsight>;
	stallAfterMs: number;
}

/** Which earlier runs `previousRuns` is asked for: the run looked at, and its source's name. */
export interface RunTarget {
	tenant: string;
	/** The aggregation id of the run looked at (left out of the answer). */
	id: string;
	/** The source name (the row's label): earlier runs are matched by it. */
	source: string;
}

/**
 * The monitor list's data: the rows as shown (tenant, filter, sort), the window on them, the selected row's details
 * with its earlier runs. Keeps the selection on a row that is still shown, and reports sort and detail changes.
 */
export function useListState({
	state,
	now,
	store,
	columns,
	width,
	body,
	previousRuns,
	onPrefsChange,
	insights,
	stallAfterMs,
}: ListStateOptions): ListScreenState {
	const {glyphs} = useTheme();
	const {view} = store;
	const tenants = useMemo(() => [...new Set(state.rows.map(row => row.tenant))].sort(), [state.rows]);
	const multiTenant = tenants.length > 1;
	const tenantFilter = view.tenantFilter !== undefined && tenants.includes(view.tenantFilter) ? view.tenantFilter : undefined;
	const withTenant = multiTenant && tenantFilter === undefined;
	const tenantWidth = withTenant ? Math.max(...tenants.map(tenant => [...tenant].length)) : 0;
	const tenantRows = useMemo(
		() => (tenantFilter === undefined ? state.rows : state.rows.filter(row => row.tenant === tenantFilter)),
		[state.rows, tenantFilter],
	);
	const shownRows = useMemo(
		() =>
			sortRows(
				filterRows(tenantRows, view.filter, row => rowShownText(row, insights?.get(row.key), glyphs)),
				view.sort,
				row => rowConcerns(insights?.get(row.key)),
			),
		[tenantRows, view.filter, view.sort, insights, glyphs],
	);
	const keys = useMemo(() => shownRows.map(row => row.key), [shownRows]);
	// Every answer makes a new rows array, but the ids change only when rows are added or removed: shorten them again
	// only then (with 1,000 rows, sorting and reversing the ids at every tick was most of this hook's work).
	const idList = state.rows.map(row => row.id).join('\u0000');
	const shortId = useMemo(() => idShortener(idList === '' ? [] : idList.split('\u0000')), [idList]);
	const finished = useMemo(() => state.rows.filter(row => isFinishedPhase(row.phase)).length, [state.rows]);
	// The words of the rows shown (all of them, not only those in view, so scrolling does not move the columns).
	const needs = useMemo(() => columnNeeds(shownRows, insights, glyphs, shortId), [shownRows, insights, glyphs, shortId]);
	// A new layout only when a width changes: the rows are memoised on it.
	const {label, badge, marks, marksLong, counts} = needs;
	const layout = useMemo(
		() => rowLayout(columns, tenantWidth, {label, badge, marks, marksLong, counts}),
		[columns, tenantWidth, label, badge, marks, marksLong, counts],
	);

	const hasList = state.rows.length > 0 && screenOf(view.mode) === 'list';
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
		if (
			!detailOpen ||
			previousRuns === undefined ||
			selectedLabel === undefined ||
			selectedTenant === undefined ||
			selectedId === undefined
		) {
			return undefined;
		}

		// selectedPhase is a dependency on purpose: a row that ends joins the history, so its runs are asked again.
		return selectedPhase === undefined ? undefined : previousRuns({tenant: selectedTenant, id: selectedId, source: selectedLabel});
	}, [detailOpen, previousRuns, selectedLabel, selectedTenant, selectedId, selectedPhase]);

	let content: DetailContent | undefined;
	if (detailOpen && selected !== undefined) {
		const insight = insights?.get(selected.key);
		content = detailContent(selected, state, now, insight?.stall !== undefined);
		if (runs !== undefined) {
			const elapsedMs = rowElapsed(selected, now);
			content = withLines(
				content,
				previousRunLines(runs, {...(elapsedMs === undefined ? {} : {elapsedMs}), running: isPolledPhase(selected.phase)}, now, glyphs),
			);
		}

		content = withLines(content, insightLines(insight, {stallAfterMs}, glyphs));
	}

	const detailLines = content === undefined ? 0 : Math.min(detailHeight(content, width), Math.max(0, body - chrome - MIN_LIST_ROWS));
	const listHeight = Math.max(1, body - chrome - detailLines);
	const list: ListView = useMemo(() => ({keys, height: listHeight}), [keys, listHeight]);
	const window = visibleWindow(view, list);

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

	return {
		tenants,
		multiTenant,
		...(tenantFilter === undefined ? {} : {tenantFilter}),
		withTenant,
		layout,
		shownRows,
		list,
		window,
		...(selected === undefined ? {} : {selected}),
		...(content === undefined ? {} : {content}),
		detailLines,
		finished,
		hasList,
		shortId,
	};
}
