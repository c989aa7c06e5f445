import type {Flash} from '../../alerts/end-transitions.js';
import type {EventsLog} from '../../alerts/events-log.js';
import type {RowKey} from '../../core/types.js';
import type {SortKey} from '../../core/view.js';
import type {StartableSource} from '../monitor/commands.js';
import type {Selection} from './list-selection.js';

/** How the tenant at a glance (O) orders its sources. */
export type GlanceSort = 'attention' | 'name' | 'ended' | 'next';

/** The tenant at a glance's own state, kept through its filter prompt and its start question. */
export interface GlanceView extends Selection {
	/** The applied filter (updated live while its prompt is open; Esc there clears it). */
	filter: string;
	sort: GlanceSort;
	/** The selected source's recent runs and schedule are shown. */
	detail: boolean;
}

/**
 * The parts of the view state: what every screen keeps (the monitor list's selection, sort and filters, the row
 * flashes, the footer notice), and each mode's own fields, which exist only in that mode.
 */

export interface Message {
	level: 'error' | 'warning' | 'info';
	text: string;
}

/** What survives every change of mode: the monitor list as the user left it, and what is said about it. */
export interface SharedView extends Selection {
	detailOpen: boolean;
	/** The applied filter (updated live while the filter prompt is open). */
	filter: string;
	sort: SortKey;
	/** Only this tenant's rows are shown (t cycles it). */
	tenantFilter?: string;
	/** The history view shows the details of its selected entry (kept until another screen opens). */
	historyDetail: boolean;
	/** Rows that ended recently, newest last. */
	flashes: Flash[];
	/** Every alert of the session, newest first, and how many are unseen (E opens it). */
	events: EventsLog;
	/** A one-line message in the footer (shown on the list), gone at the next key. */
	notice?: Message;
}

/** Each mode and the fields only it has. */
export type ScreenState =
	| {mode: 'normal'}
	/** The add prompt: the text typed, and what is wrong with it. */
	| {mode: 'adding'; prompt: string; messages: Message[]}
	/** The filter prompt (the filter follows what is typed; Esc clears it, as in every filter line). */
	| {mode: 'filtering'; prompt: string}
	/** The rows a confirm-remove is about (fixed when asked, not whatever is selected when answered). */
	| {mode: 'confirm-remove'; pending: RowKey[]; question: string}
	| {mode: 'confirm-clear'; question: string}
	/** First line of the help overlay on screen. */
	| {mode: 'help'; helpScroll: number}
	/** The events log (E): its first line on screen. */
	| {mode: 'events'; eventsScroll: number}
	/** The picker of running aggregations not tracked yet (D); its own state is a PickerState (the filter too). */
	| {mode: 'discover'}
	| {mode: 'discover-filtering'}
	/** The source picker that starts an aggregation (S), and its filter line. */
	| {mode: 'sources'}
	| {mode: 'sources-filtering'}
	/** The source a confirm-start is about. */
	| {mode: 'confirm-start'; pendingSource: StartableSource; question: string}
	/** The history of finished aggregations (H). */
	| {mode: 'history'}
	/** The filter prompt of the history view (the text is the history picker's filter). */
	| {mode: 'history-filtering'}
	/** The tenant at a glance (O), its filter prompt, and the question before a start from it. */
	| {mode: 'tenant-sources'; glance: GlanceView}
	| {mode: 'tenant-sources-filtering'; glance: GlanceView}
	| {mode: 'confirm-source-start'; glance: GlanceView; pendingSource: StartableSource; question: string};

export type ViewState = SharedView & ScreenState;

/** The fields of SharedView, checked by the compiler: a field added there must be listed here to survive a mode change. */
const SHARED_FIELDS: Record<keyof SharedView, true> = {
	selectedKey: true,
	selectedIndex: true,
	scrollOffset: true,
	detailOpen: true,
	filter: true,
	sort: true,
	tenantFilter: true,
	historyDetail: true,
	flashes: true,
	events: true,
	notice: true,
};

/** The shared fields of `view`, without the fields of its mode. */
export function sharedOf(view: ViewState): SharedView {
	const shared: Record<string, unknown> = {};
	for (const [field, value] of Object.entries(view)) {
		if (field in SHARED_FIELDS && value !== undefined) {
			shared[field] = value;
		}
	}

	return shared as unknown as SharedView;
}

/** `view` in another mode: the shared fields (with `changes`), and only the new mode's own fields. */
export function toScreen(view: ViewState, screen: ScreenState, changes: Partial<SharedView> = {}): ViewState {
	const shared: SharedView = {...sharedOf(view), ...changes};
	if ('notice' in changes && changes.notice === undefined) {
		delete shared.notice;
	}

	return {...shared, ...screen};
}

/** Back to the monitor list. */
export function toNormal(view: ViewState, changes: Partial<SharedView> = {}): ViewState {
	return toScreen(view, {mode: 'normal'}, changes);
}
