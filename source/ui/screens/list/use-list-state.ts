import {useEffect, useMemo, useRef} from 'react';
import type {RowInsight} from '../../../core/insight.js';
import {idShortener} from '../../../core/short-ids.js';
import {insightLines} from '../../text/insight-text.js';
import {isFinishedPhase, isPolledPhase} from '../../../core/phase.js';
import {rowElapsed} from '../../../core/progress.js';
import type {MonitorState, RowKey, TrackedRow} from '../../../core/types.js';
import {filterRows, nextSort, sortRows} from '../../../core/view.js';
import type {PreviousRun} from '../../../history/previous-runs.js';
import {detailHeight, withLines} from '../../components/detail-pane.js';
import {detailContent, type DetailContent} from '../../text/detail-fields.js';
import {shortToken, type IdInput} from './id-input.js';
import {MIN_LIST_ROWS, rowLayout, type RowLayout} from '../../text/layout.js';
import {selectedIndexIn, visibleWindow, type ListView, type VisibleWindow} from '../../state/list-selection.js';
import {screenOf} from '../../state/mode.js';
import {previousRunLines} from '../../text/previous-run-lines.js';
import {toNormal, toScreen, type Message, type ViewState} from '../../state/screen-state.js';
import {useTheme} from '../../theme/theme.js';
import type {ViewStore} from '../../state/use-view-state.js';
import type {ViewPrefs} from '../../state/view-state.js';

/**
 * The monitor list's own actions: the detail pane, sort and tenant, and the prompts (add, filter) and
 * confirmations (remove, clear) under the list. Pure.
 */
export type ListAction =
	| {type: 'toggle-detail'}
	| {type: 'open-add'; text?: string}
	| {type: 'open-filter'}
	| {type: 'type'; text: string}
	| {type: 'erase'}
	| {type: 'erase-line'}
	| {type: 'submit-filter'}
	| {type: 'submitted-add'; result: IdInput}
	| {type: 'clear-filter'}
	| {type: 'ask'; mode: 'confirm-remove' | 'confirm-clear'; keys: RowKey[]; question: string}
	| {type: 'answered'; notice?: Message}
	| {type: 'cycle-sort'}
	/** t: all tenants → each of `tenants` in turn → all tenants. */
	| {type: 'cycle-tenant'; tenants: readonly string[]};

const LIST_ACTIONS: Record<ListAction['type'], true> = {
	'toggle-detail': true,
	'open-add': true,
	'open-filter': true,
	type: true,
	erase: true,
	'erase-line': true,
	'submit-filter': true,
	'submitted-add': true,
	'clear-filter': true,
	ask: true,
	answered: true,
	'cycle-sort': true,
	'cycle-tenant': true,
};

export function isListAction(action: {type: string}): action is ListAction {
	return action.type in LIST_ACTIONS;
}

/** Pasted new lines (terminals send \r) and tabs become spaces, the separators shown; other control characters go. */
function cleanAddText(text: string): string {
	return text.replaceAll(/[\r\n\t]+/g, ' ').replaceAll(/[\x00-\x1f\x7f]/g, '');
}

/** The tenant after `current` in `tenants` (sorted as given); undefined (all tenants) after the last one. */
export function nextTenant(current: string | undefined, tenants: readonly string[]): string | undefined {
	if (tenants.length === 0) {
		return undefined;
	}

	if (current === undefined) {
		return tenants[0];
	}

	// A tenant whose rows are all gone shows as all tenants, so the next one is the first.
	const index = tenants.indexOf(current);
	return index === -1 ? tenants[0] : tenants[index + 1];
}

function addMessages(result: IdInput): {messages: Message[]; notice?: Message} {
	const messages: Message[] = [];
	for (const {token, reason} of result.rejected) {
		messages.push({level: 'error', text: `Rejected ${shortToken(token)}: ${reason}`});
	}

	if (result.unusual.length > 0) {
		const list = result.unusual.map(token => shortToken(token)).join(', ');
		messages.push({
			level: 'warning',
			text: `Added ${list} anyway, but ISC ids are 32 hex characters: check ${result.unusual.length === 1 ? 'it' : 'them'}`,
		});
	}

	if (result.duplicates.length > 0) {
		messages.push({level: 'info', text: `Already tracked: ${result.duplicates.map(token => shortToken(token)).join(', ')}`});
	}

	const added = result.accepted.length;
	const summary: Message | undefined = added > 0 ? {level: 'info', text: `Added ${added} aggregation${added === 1 ? '' : 's'}`} : undefined;
	if (result.rejected.length > 0) {
		return {messages: summary ? [summary, ...messages] : messages};
	}

	// Nothing left to fix: the prompt closes and the most important message stays in the footer.
	const warning = messages.find(message => message.level === 'warning');
	const notice = warning ?? summary ?? messages[0];
	return notice ? {messages: [], notice} : {messages: []};
}

/** Esc in a mode of the list screen: the filter prompt restores the filter it opened with; the rest just close. */
export function cancelList(view: ViewState): ViewState {
	switch (view.mode) {
		case 'normal': {
			return view;
		}

		case 'filtering': {
			return toNormal(view, {filter: view.filterBefore});
		}

		default: {
			return toNormal(view);
		}
	}
}

export function reduceList(view: ViewState, action: ListAction): ViewState {
	switch (action.type) {
		case 'toggle-detail': {
			return {...view, detailOpen: !view.detailOpen};
		}

		case 'open-add': {
			return toScreen(view, {mode: 'adding', prompt: cleanAddText(action.text ?? ''), messages: []}, {notice: undefined});
		}

		case 'open-filter': {
			return toScreen(view, {mode: 'filtering', prompt: view.filter, filterBefore: view.filter}, {notice: undefined});
		}

		case 'type': {
			if (view.mode === 'adding') {
				const text = cleanAddText(action.text);
				return text === '' ? view : {...view, prompt: view.prompt + text};
			}

			if (view.mode === 'filtering') {
				const text = action.text.replaceAll(/[\x00-\x1f\x7f]/g, '');
				const prompt = view.prompt + text;
				return text === '' ? view : {...view, prompt, filter: prompt};
			}

			return view;
		}

		case 'erase':
		case 'erase-line': {
			if (view.mode !== 'adding' && view.mode !== 'filtering') {
				return view;
			}

			const prompt = action.type === 'erase' ? [...view.prompt].slice(0, -1).join('') : '';
			return view.mode === 'filtering' ? {...view, prompt, filter: prompt} : {...view, prompt};
		}

		case 'submit-filter': {
			return view.mode === 'filtering' ? toNormal(view, {filter: view.prompt.trim()}) : view;
		}

		case 'submitted-add': {
			if (view.mode !== 'adding') {
				return view;
			}

			const {result} = action;
			if (result.accepted.length === 0 && result.rejected.length === 0 && result.duplicates.length === 0) {
				return {...view, messages: [{level: 'error', text: 'Type or paste one or more aggregation ids first'}]};
			}

			const {messages, notice} = addMessages(result);
			if (result.rejected.length > 0) {
				// Keep only what needs fixing in the prompt.
				return {...view, prompt: result.rejected.map(rejected => rejected.token).join(' '), messages};
			}

			return toNormal(view, {notice});
		}

		case 'clear-filter': {
			return view.filter === '' ? view : {...view, filter: ''};
		}

		case 'ask': {
			if (action.keys.length === 0 && action.mode === 'confirm-remove') {
				return view;
			}

			const screen =
				action.mode === 'confirm-remove'
					? {mode: action.mode, pending: action.keys, question: action.question}
					: {mode: action.mode, question: action.question};
			return toScreen(view, screen, {notice: undefined});
		}

		case 'answered': {
			return toNormal(view, {notice: action.notice});
		}

		case 'cycle-sort': {
			return {...view, sort: nextSort(view.sort)};
		}

		case 'cycle-tenant': {
			const tenantFilter = nextTenant(view.tenantFilter, action.tenants);
			return tenantFilter === view.tenantFilter ? view : {...view, tenantFilter};
		}
	}
}

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
	const shownRows = useMemo(() => sortRows(filterRows(tenantRows, view.filter), view.sort), [tenantRows, view.filter, view.sort]);
	const keys = useMemo(() => shownRows.map(row => row.key), [shownRows]);
	// Every answer makes a new rows array, but the ids change only when rows are added or removed: shorten them again
	// only then (with 1,000 rows, sorting and reversing the ids at every tick was most of this hook's work).
	const idList = state.rows.map(row => row.id).join('\u0000');
	const shortId = useMemo(() => idShortener(idList === '' ? [] : idList.split('\u0000')), [idList]);
	const finished = useMemo(() => state.rows.filter(row => isFinishedPhase(row.phase)).length, [state.rows]);
	const layout = useMemo(() => rowLayout(columns, tenantWidth), [columns, tenantWidth]);

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
		content = detailContent(selected, state, now);
		if (runs !== undefined) {
			const elapsedMs = rowElapsed(selected, now);
			content = withLines(
				content,
				previousRunLines(runs, {...(elapsedMs === undefined ? {} : {elapsedMs}), running: isPolledPhase(selected.phase)}, now, glyphs),
			);
		}

		content = withLines(content, insightLines(insights?.get(selected.key), {stallAfterMs}, glyphs));
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
