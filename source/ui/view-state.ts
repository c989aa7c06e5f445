import type {RowKey} from '../core/types.js';
import {nextSort, type SortKey} from '../core/view.js';
import {shortToken, type IdInput} from './id-input.js';
import type {Mode} from './mode.js';

/**
 * The monitor screen's own state (what is selected, what is open, what is typed), apart from the monitor data.
 * Pure: every action that depends on the list carries the list as it is on screen.
 */

export interface Message {
	level: 'error' | 'warning' | 'info';
	text: string;
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
	/** Text in the open prompt. */
	prompt: string;
	/** Validation messages under the prompt. */
	messages: Message[];
	/** The rows a confirm-remove is about (fixed when asked, not whatever is selected when answered). */
	pending: RowKey[];
	/** The question of the open confirmation. */
	question: string;
	/** First line of the help overlay on screen. */
	helpScroll: number;
	/** A one-line message in the footer, gone at the next key. */
	notice?: Message;
}

/** The list as it is on screen: the filtered, sorted keys and how many rows fit. */
export interface ListView {
	keys: readonly RowKey[];
	height: number;
}

export type ViewAction =
	| {type: 'move'; by: number; list: ListView}
	| {type: 'page'; by: -1 | 1; list: ListView}
	| {type: 'jump'; to: 'first' | 'last'; list: ListView}
	/** Adopt the selection the screen shows (after the selected row went away). */
	| {type: 'sync-selection'; list: ListView}
	| {type: 'toggle-detail'}
	| {type: 'open-add'; text?: string}
	| {type: 'open-filter'}
	| {type: 'type'; text: string}
	| {type: 'erase'}
	| {type: 'erase-line'}
	| {type: 'submit-filter'}
	| {type: 'submitted-add'; result: IdInput}
	| {type: 'cancel'}
	| {type: 'clear-filter'}
	| {type: 'ask'; mode: 'confirm-remove' | 'confirm-clear'; keys: RowKey[]; question: string}
	| {type: 'answered'; notice?: Message}
	| {type: 'open-help'}
	| {type: 'scroll-help'; by: number; max: number}
	| {type: 'cycle-sort'}
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
	};
}

function clamp(value: number, low: number, high: number): number {
	return Math.max(low, Math.min(high, value));
}

/** The index of the selected row in `keys`: the selected key if present, else the last index seen (clamped); -1 if empty. */
export function selectedIndexIn(view: Pick<ViewState, 'selectedKey' | 'selectedIndex'>, keys: readonly RowKey[]): number {
	if (keys.length === 0) {
		return -1;
	}

	if (view.selectedKey !== undefined) {
		const index = keys.indexOf(view.selectedKey);
		if (index !== -1) {
			return index;
		}
	}

	return clamp(view.selectedIndex, 0, keys.length - 1);
}

/** The smallest change to `offset` that shows `index` in a window of `height` rows over `total`, without blank space at the end. */
export function scrollToShow(offset: number, index: number, height: number, total: number): number {
	const rows = Math.max(1, height);
	let next = offset;
	if (index < next) {
		next = index;
	} else if (index >= next + rows) {
		next = index - rows + 1;
	}

	return clamp(next, 0, Math.max(0, total - rows));
}

export interface VisibleWindow {
	/** Index of the first visible row. */
	start: number;
	/** One past the last visible row. */
	end: number;
	/** Index of the selected row, -1 when the list is empty. */
	selected: number;
}

/** Which rows are on screen. Pure and O(list) at worst (the indexOf), so it is fine per frame. */
export function visibleWindow(view: ViewState, list: ListView): VisibleWindow {
	const total = list.keys.length;
	const selected = selectedIndexIn(view, list.keys);
	const start = selected === -1 ? 0 : scrollToShow(view.scrollOffset, selected, list.height, total);
	return {start, end: Math.min(total, start + Math.max(0, list.height)), selected};
}

function select(view: ViewState, list: ListView, index: number): ViewState {
	const total = list.keys.length;
	if (total === 0) {
		return view;
	}

	const target = clamp(index, 0, total - 1);
	const key = list.keys[target];
	const scrollOffset = scrollToShow(view.scrollOffset, target, list.height, total);
	if (key === view.selectedKey && target === view.selectedIndex && scrollOffset === view.scrollOffset) {
		return view;
	}

	return {...view, selectedKey: key, selectedIndex: target, scrollOffset};
}

/** Pasted new lines (terminals send \r) and tabs become spaces, the separators shown; other control characters go. */
function cleanAddText(text: string): string {
	return text.replaceAll(/[\r\n\t]+/g, ' ').replaceAll(/[\x00-\x1f\x7f]/g, '');
}

function toNormal(view: ViewState, changes: Partial<ViewState> = {}): ViewState {
	return {...view, mode: 'normal', prompt: '', messages: [], pending: [], question: '', ...changes};
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
	switch (action.type) {
		case 'move': {
			return select(view, action.list, Math.max(0, selectedIndexIn(view, action.list.keys)) + action.by);
		}

		case 'page': {
			const page = Math.max(1, action.list.height - 1);
			return select(view, action.list, Math.max(0, selectedIndexIn(view, action.list.keys)) + action.by * page);
		}

		case 'jump': {
			return select(view, action.list, action.to === 'first' ? 0 : action.list.keys.length - 1);
		}

		case 'sync-selection': {
			const index = selectedIndexIn(view, action.list.keys);
			const key = index === -1 ? undefined : action.list.keys[index];
			if (key === view.selectedKey) {
				return view;
			}

			return {...view, selectedKey: key, selectedIndex: Math.max(0, index)};
		}

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
			if (view.mode === 'filtering') {
				return toNormal(view, {filter: view.filterBefore});
			}

			return view.mode === 'normal' ? view : toNormal(view);
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

		case 'notice': {
			return view.notice === action.notice ? view : {...view, notice: action.notice};
		}
	}
}
