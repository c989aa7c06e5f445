import type {RowKey} from '../core/types.js';
import {nextSort, type SortKey} from '../core/view.js';
import type {StartableSource} from './commands.js';
import {shortToken, type IdInput} from './id-input.js';
import {isSelectionAction, reduceSelection, type SelectionAction} from './list-selection.js';
import type {Mode} from './mode.js';

export {scrollToShow, selectedIndexIn, visibleWindow, type ListView, type VisibleWindow} from './list-selection.js';

/**
 * The monitor screen's own state (what is selected, what is open, what is typed), apart from the monitor data.
 * Pure: every action that depends on the list carries the list as it is on screen.
 */

export interface Message {
	level: 'error' | 'warning' | 'info';
	text: string;
}

/** A row that just reached an end state while the monitor was watching: it flashes, and the header says so. */
export interface Flash {
	key: RowKey;
	/** When it was seen ending (epoch ms): the flash and the header message last a few seconds from here. */
	at: number;
	/** e.g. "Workday: COMPLETED, 5,210 accounts in 14m 03s". */
	text: string;
	severity: 'success' | 'failure';
}

export interface ViewState {
	mode: Mode;
	/** The selected row, by key, so it survives sorting, filtering and other rows coming and going. */
	selectedKey?: RowKey;
	/** Where the selection was last seen: the cursor lands here if the selected row disappears. */
	selectedIndex: number;
	/** First list row on screen. Kept where it is unless the selection would leave the window. */
	scrollOffset: number;
	detailOpen: boolean;
	/** The applied filter (updated live while the filter prompt is open). */
	filter: string;
	/** The filter when the filter prompt opened: Esc goes back to it. */
	filterBefore: string;
	sort: SortKey;
	/** Only this tenant's rows are shown (t cycles it). */
	tenantFilter?: string;
	/** Text in the open prompt. */
	prompt: string;
	/** Validation messages under the prompt. */
	messages: Message[];
	/** The rows a confirm-remove is about (fixed when asked, not whatever is selected when answered). */
	pending: RowKey[];
	/** The source a confirm-start is about. */
	pendingSource?: StartableSource;
	/** The question of the open confirmation. */
	question: string;
	/** First line of the help overlay on screen. */
	helpScroll: number;
	/** The history view shows the details of its selected entry. */
	historyDetail: boolean;
	/** Rows that ended recently, newest last. */
	flashes: Flash[];
	/** A one-line message in the footer, gone at the next key. */
	notice?: Message;
}

export type ViewAction =
	| SelectionAction
	| {type: 'toggle-detail'}
	| {type: 'open-add'; text?: string}
	| {type: 'open-filter'}
	| {type: 'type'; text: string}
	| {type: 'erase'}
	| {type: 'erase-line'}
	| {type: 'submit-filter'}
	| {type: 'submitted-add'; result: IdInput}
	/** Esc: a prompt, picker or confirmation goes back where it came from (a history filter to the history). */
	| {type: 'cancel'}
	| {type: 'clear-filter'}
	| {type: 'ask'; mode: 'confirm-remove' | 'confirm-clear'; keys: RowKey[]; question: string}
	| {type: 'ask-start'; source: StartableSource; question: string}
	| {type: 'answered'; notice?: Message}
	| {type: 'open-help'}
	| {type: 'scroll-help'; by: number; max: number}
	| {type: 'cycle-sort'}
	/** t: all tenants → each of `tenants` in turn → all tenants. */
	| {type: 'cycle-tenant'; tenants: readonly string[]}
	/** D, S, H: the pickers and the history view. */
	| {type: 'open-screen'; mode: 'discover' | 'sources' | 'history'}
	/** Back to the monitor list, with an optional notice (a picker was used, or the history closed). */
	| {type: 'close-screen'; notice?: Message}
	| {type: 'open-history-filter'}
	| {type: 'close-history-filter'}
	| {type: 'toggle-history-detail'}
	/** Rows seen ending; flashes older than `keepMs` before `now` are dropped. */
	| {type: 'alerted'; flashes: Flash[]; now: number; keepMs: number}
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
		filterBefore: '',
		sort: prefs.sort ?? 'added',
		prompt: '',
		messages: [],
		pending: [],
		question: '',
		helpScroll: 0,
		historyDetail: false,
		flashes: [],
	};
}

function clamp(value: number, low: number, high: number): number {
	return Math.max(low, Math.min(high, value));
}

/** Pasted new lines (terminals send \r) and tabs become spaces, the separators shown; other control characters go. */
function cleanAddText(text: string): string {
	return text.replaceAll(/[\r\n\t]+/g, ' ').replaceAll(/[\x00-\x1f\x7f]/g, '');
}

function toNormal(view: ViewState, changes: Partial<ViewState> = {}): ViewState {
	return {...view, mode: 'normal', prompt: '', messages: [], pending: [], pendingSource: undefined, question: '', ...changes};
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
		const list = result.unusual.map((token) => shortToken(token)).join(', ');
		messages.push({
			level: 'warning',
			text: `Added ${list} anyway, but ISC ids are 32 hex characters: check ${result.unusual.length === 1 ? 'it' : 'them'}`,
		});
	}

	if (result.duplicates.length > 0) {
		messages.push({level: 'info', text: `Already tracked: ${result.duplicates.map((token) => shortToken(token)).join(', ')}`});
	}

	const added = result.accepted.length;
	const summary: Message | undefined =
		added > 0 ? {level: 'info', text: `Added ${added} aggregation${added === 1 ? '' : 's'}`} : undefined;
	if (result.rejected.length > 0) {
		return {messages: summary ? [summary, ...messages] : messages};
	}

	// Nothing left to fix: the prompt closes and the most important message stays in the footer.
	const warning = messages.find((message) => message.level === 'warning');
	const notice = warning ?? summary ?? messages[0];
	return notice ? {messages: [], notice} : {messages: []};
}

export function reduceView(view: ViewState, action: ViewAction): ViewState {
	if (isSelectionAction(action)) {
		return reduceSelection(view, action);
	}

	switch (action.type) {
		case 'toggle-detail': {
			return {...view, detailOpen: !view.detailOpen};
		}

		case 'open-add': {
			return {...view, mode: 'adding', prompt: cleanAddText(action.text ?? ''), messages: [], notice: undefined};
		}

		case 'open-filter': {
			return {...view, mode: 'filtering', prompt: view.filter, filterBefore: view.filter, messages: [], notice: undefined};
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
			return toNormal(view, {filter: view.prompt.trim()});
		}

		case 'submitted-add': {
			const {result} = action;
			if (result.accepted.length === 0 && result.rejected.length === 0 && result.duplicates.length === 0) {
				return {...view, messages: [{level: 'error', text: 'Type or paste one or more aggregation ids first'}]};
			}

			const {messages, notice} = addMessages(result);
			if (result.rejected.length > 0) {
				// Keep only what needs fixing in the prompt.
				return {...view, prompt: result.rejected.map((rejected) => rejected.token).join(' '), messages};
			}

			return toNormal(view, {notice});
		}

		case 'cancel': {
			switch (view.mode) {
				case 'normal': {
					return view;
				}

				case 'filtering': {
					return toNormal(view, {filter: view.filterBefore});
				}

				case 'history-filtering': {
					return {...view, mode: 'history'};
				}

				case 'confirm-start': {
					return {...view, mode: 'sources', pendingSource: undefined, question: ''};
				}

				default: {
					return toNormal(view);
				}
			}
		}

		case 'clear-filter': {
			return view.filter === '' ? view : {...view, filter: ''};
		}

		case 'ask': {
			if (action.keys.length === 0 && action.mode === 'confirm-remove') {
				return view;
			}

			return {...view, mode: action.mode, pending: action.keys, question: action.question, notice: undefined};
		}

		case 'ask-start': {
			return {...view, mode: 'confirm-start', pendingSource: action.source, question: action.question, notice: undefined};
		}

		case 'answered': {
			return toNormal(view, {notice: action.notice});
		}

		case 'open-help': {
			return {...view, mode: 'help', helpScroll: 0, notice: undefined};
		}

		case 'scroll-help': {
			const helpScroll = clamp(view.helpScroll + action.by, 0, Math.max(0, action.max));
			return helpScroll === view.helpScroll ? view : {...view, helpScroll};
		}

		case 'cycle-sort': {
			return {...view, sort: nextSort(view.sort)};
		}

		case 'cycle-tenant': {
			const tenantFilter = nextTenant(view.tenantFilter, action.tenants);
			return tenantFilter === view.tenantFilter ? view : {...view, tenantFilter};
		}

		case 'open-screen': {
			return {...view, mode: action.mode, notice: undefined, historyDetail: action.mode === 'history' ? view.historyDetail : false};
		}

		case 'close-screen': {
			return toNormal(view, {notice: action.notice});
		}

		case 'open-history-filter': {
			return view.mode === 'history' ? {...view, mode: 'history-filtering'} : view;
		}

		case 'close-history-filter': {
			return view.mode === 'history-filtering' ? {...view, mode: 'history'} : view;
		}

		case 'toggle-history-detail': {
			return {...view, historyDetail: !view.historyDetail};
		}

		case 'alerted': {
			const oldest = action.now - action.keepMs;
			const kept = view.flashes.filter((flash) => flash.at >= oldest);
			const fresh = action.flashes.filter((flash) => flash.at >= oldest);
			if (fresh.length === 0 && kept.length === view.flashes.length) {
				return view;
			}

			return {...view, flashes: [...kept, ...fresh]};
		}

		case 'notice': {
			return view.notice === action.notice ? view : {...view, notice: action.notice};
		}
	}
}
