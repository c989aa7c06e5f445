import type {SortKey} from '../../core/view.js';
import {isSelectionAction, reduceSelection, type SelectionAction} from './list-selection.js';
import {screenOf, type Screen} from './mode.js';
import {cancelEvents, isEventsAction, reduceEvents, withEvents, type EventsAction} from '../screens/events/events-actions.js';
import {EMPTY_EVENTS_LOG, type EventKind} from '../../alerts/events-log.js';
import {cancelHelp, isHelpAction, reduceHelp, type HelpAction} from '../screens/help/help-actions.js';
import {cancelHistory, isHistoryAction, reduceHistory, type HistoryAction} from '../screens/history/history-actions.js';
import {cancelList, isListAction, reduceList, type ListAction} from '../screens/list/list-actions.js';
import {cancelSources, isSourcesAction, reduceSources, type SourcesAction} from '../screens/sources/sources-actions.js';
import {
	cancelTenantSources,
	isTenantSourcesAction,
	reduceTenantSources,
	type TenantSourcesAction,
} from '../screens/tenant-sources/tenant-sources-actions.js';
import type {Flash} from '../../alerts/end-transitions.js';
import {toNormal, toScreen, type Message, type ViewState} from './screen-state.js';

/**
 * The monitor screen's own state (what is selected, what is open, what is typed), apart from the monitor data: the
 * fields every screen keeps, and a union by mode, so a mode's fields exist only in that mode (see screen-state).
 * Each screen's actions are reduced by its own reducer (screens/x/x-actions.ts); this one routes them.
 * Pure: every action that depends on the list carries the list as it is on screen.
 */

export type ViewAction =
	| SelectionAction
	| ListAction
	| HelpAction
	| EventsAction
	| SourcesAction
	| HistoryAction
	| TenantSourcesAction
	/** Esc: a prompt, picker or confirmation goes back where it came from (a history filter to the history). */
	| {type: 'cancel'}
	/** D, S, H: the pickers and the history view. */
	| {type: 'open-screen'; mode: 'discover' | 'sources' | 'history'}
	/** Back to the monitor list, with an optional notice (a picker was used, or the history closed). */
	| {type: 'close-screen'; notice?: Message}
	/** A picker's filter line (D, S) opens (/) or closes (Enter keeps the filter, Esc has cleared it). */
	| {type: 'picker-filter'; editing: boolean}
	/**
	 * Rows seen ending (or stalling: `kind`); flashes older than `keepMs` before `now` are dropped. Each flash is
	 * also logged in the events log.
	 */
	| {type: 'alerted'; flashes: Flash[]; now: number; keepMs: number; kind?: EventKind}
	| {type: 'notice'; notice?: Message};

/** The view settings that are saved between runs; the same shape as the store's Prefs. */
export interface ViewPrefs {
	sort: SortKey;
	/** The detail pane is open. */
	detail: boolean;
}

export function createViewState(prefs: Partial<ViewPrefs> = {}): ViewState {
	return {
		mode: 'normal',
		selectedIndex: 0,
		scrollOffset: 0,
		detailOpen: prefs.detail ?? false,
		filter: '',
		sort: prefs.sort ?? 'added',
		historyDetail: false,
		flashes: [],
		events: EMPTY_EVENTS_LOG,
	};
}

const cancels: Record<Screen, (view: ViewState) => ViewState> = {
	list: cancelList,
	help: cancelHelp,
	events: cancelEvents,
	discover: view => (view.mode === 'discover-filtering' ? toScreen(view, {mode: 'discover'}) : toNormal(view)),
	sources: cancelSources,
	history: cancelHistory,
	'tenant-sources': cancelTenantSources,
};

export function reduceView(view: ViewState, action: ViewAction): ViewState {
	if (isSelectionAction(action)) {
		return reduceSelection(view, action);
	}

	if (isListAction(action)) {
		return reduceList(view, action);
	}

	if (isHelpAction(action)) {
		return reduceHelp(view, action);
	}

	if (isEventsAction(action)) {
		return reduceEvents(view, action);
	}

	if (isSourcesAction(action)) {
		return reduceSources(view, action);
	}

	if (isHistoryAction(action)) {
		return reduceHistory(view, action);
	}

	if (isTenantSourcesAction(action)) {
		return reduceTenantSources(view, action);
	}

	switch (action.type) {
		case 'cancel': {
			return cancels[screenOf(view.mode)](view);
		}

		case 'open-screen': {
			return toScreen(
				view,
				{mode: action.mode},
				{notice: undefined, historyDetail: action.mode === 'history' ? view.historyDetail : false},
			);
		}

		case 'close-screen': {
			return toNormal(view, {notice: action.notice});
		}

		case 'picker-filter': {
			const picker = view.mode === 'discover' || view.mode === 'discover-filtering' ? 'discover' : 'sources';
			if (screenOf(view.mode) !== picker || view.mode === 'confirm-start') {
				return view;
			}

			const mode = action.editing ? (`${picker}-filtering` as const) : picker;
			return view.mode === mode ? view : toScreen(view, {mode});
		}

		case 'alerted': {
			const oldest = action.now - action.keepMs;
			const kept = view.flashes.filter(flash => flash.at >= oldest);
			const fresh = action.flashes.filter(flash => flash.at >= oldest);
			const logged = withEvents(
				view,
				// A stall is a warning (its mark ⧖ in the warning colour), not a failure.
				action.flashes.map(flash => ({
					at: flash.at,
					kind: action.kind ?? 'ended',
					text: flash.text,
					severity: flash.stalled === true ? ('warning' as const) : flash.severity,
				})),
			);
			if (fresh.length === 0 && kept.length === view.flashes.length) {
				return logged;
			}

			return {...logged, flashes: [...kept, ...fresh]};
		}

		case 'notice': {
			return view.notice === action.notice ? view : {...view, notice: action.notice};
		}
	}
}
