import {isSelectionAction, reduceSelection, type Selection, type SelectionAction} from '../state/list-selection.js';
import type {Message} from '../state/screen-state.js';

/**
 * A picker's own state, apart from its view and its keys (the @inkjs/ui split): the items as loaded, the filter
 * typed, the cursor, the marked entries and a message line. Pure and generic over the item; every action that
 * depends on the list carries the list as it is on screen (see list-selection).
 */
export interface PickerState<T> extends Selection {
	/** loading: a load is under way (items may still hold the last load's). failed: the last load failed. */
	status: 'idle' | 'loading' | 'ready' | 'failed';
	/** Counts loads, so an answer to an older one (closed and opened again meanwhile) is ignored. */
	request: number;
	items: readonly T[];
	/** Why the last load failed. */
	error?: string;
	filter: string;
	/** Keys of the marked entries, in the order they were marked. */
	marked: readonly string[];
	/** One line under the list (e.g. why an entry cannot be chosen); cleared by the next key that changes something. */
	message?: Message;
}

export type PickerAction<T> =
	| SelectionAction
	/** Opened afresh: filter, marks, cursor and message reset; a load starts. */
	| {type: 'open'}
	/** Load again (Ctrl-R), keeping filter, marks and cursor. */
	| {type: 'reload'}
	| {type: 'loaded'; request: number; items: readonly T[]}
	| {type: 'failed'; request: number; error: string}
	| {type: 'type'; text: string}
	| {type: 'erase'}
	| {type: 'erase-line'}
	| {type: 'clear-filter'}
	| {type: 'toggle-mark'; key: string}
	| {type: 'message'; message?: Message};

export function createPickerState<T>(): PickerState<T> {
	return {status: 'idle', request: 0, items: [], filter: '', marked: [], selectedIndex: 0, scrollOffset: 0};
}

/** Control characters never reach a filter (pasted new lines, escape remnants). */
function cleanText(text: string): string {
	return text.replaceAll(/[\x00-\x1f\x7f]/g, '');
}

function withFilter<T>(state: PickerState<T>, filter: string): PickerState<T> {
	return filter === state.filter && state.message === undefined ? state : {...state, filter, message: undefined};
}

export function reducePicker<T>(state: PickerState<T>, action: PickerAction<T>): PickerState<T> {
	if (isSelectionAction(action)) {
		return reduceSelection(state, action);
	}

	switch (action.type) {
		case 'open': {
			return {...createPickerState<T>(), status: 'loading', request: state.request + 1};
		}

		case 'reload': {
			return {...state, status: 'loading', request: state.request + 1, error: undefined, message: undefined};
		}

		case 'loaded': {
			if (action.request !== state.request) {
				return state;
			}

			return {...state, status: 'ready', items: action.items, error: undefined};
		}

		case 'failed': {
			if (action.request !== state.request) {
				return state;
			}

			return {...state, status: 'failed', error: action.error};
		}

		case 'type': {
			const text = cleanText(action.text);
			return text === '' ? state : withFilter(state, state.filter + text);
		}

		case 'erase': {
			return withFilter(state, [...state.filter].slice(0, -1).join(''));
		}

		case 'erase-line': {
			return withFilter(state, '');
		}

		case 'clear-filter': {
			return withFilter(state, '');
		}

		case 'toggle-mark': {
			const marked = state.marked.includes(action.key) ? state.marked.filter(key => key !== action.key) : [...state.marked, action.key];
			return {...state, marked, message: undefined};
		}

		case 'message': {
			return state.message === action.message ? state : {...state, message: action.message};
		}
	}
}

/**
 * The items whose text contains every whitespace-separated word of `filter`, case-insensitively, in their order.
 * Blank filter: `items` itself.
 */
export function filterItems<T>(items: readonly T[], filter: string, textOf: (item: T) => string): readonly T[] {
	const words = filter
		.toLowerCase()
		.split(/\s+/)
		.filter(word => word !== '');
	if (words.length === 0) {
		return items;
	}

	return items.filter(item => {
		const text = textOf(item).toLowerCase();
		return words.every(word => text.includes(word));
	});
}
