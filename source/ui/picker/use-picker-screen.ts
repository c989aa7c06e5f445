import {useMemo} from 'react';
import {pickerChrome, statusHeight, type PickerStatus} from '../components/picker.js';
import {MIN_LIST_ROWS} from '../text/layout.js';
import {selectedIndexIn} from '../state/list-selection.js';
import {failure, loadingText, usePickerList, usePickerState, useShownPicker, type ShownPicker} from './use-picker-state.js';

/** What a picker screen (discover, sources, history) says while it loads, when its load fails, and when it is empty. */
export interface PickerWords {
	/** Beside the spinner while the list loads. */
	loading: string;
	/** The failure line: what failed, then the load's error, then what to do. */
	failed: {what: string; todo: string};
	/** Loaded and nothing shown: `nothing` when nothing can be picked at all, else the filter hides everything. */
	empty: (filter: string, nothing: boolean) => string;
}

export interface PickerScreenOptions<T, A> {
	/** The loaded items as the screen offers them (sorted, tracked ones left out). Keep it stable (a module function or useCallback). */
	offer: (items: readonly T[]) => readonly T[];
	textOf: (item: T) => string;
	keyOf: (item: T) => string;
	words: PickerWords;
	/** A filter prompt line (discover, sources) and/or column titles (history) above the entries. */
	chrome: {filter: boolean; columns: boolean};
	width: number;
	/** Lines the screen has. */
	body: number;
	/**
	 * Something the screen shows beside the list (the history's detail pane), from the selected entry: the lines it
	 * takes out of `room`, the lines left after the picker's own and the smallest list (MIN_LIST_ROWS).
	 */
	aside?: (selected: T | undefined, available: readonly T[], room: number) => A & {lines: number};
}

export interface PickerScreen<T> {
	picker: ShownPicker<T>;
	status: PickerStatus;
	/** The entries that can be picked, before the text filter. */
	available: readonly T[];
	selected?: T;
}

/**
 * One picker screen's data: its store, the items it offers, filtered as typed, its status line, the selected entry
 * and the list as high as the screen leaves it. The discover, sources and history screens each say only what
 * differs (which items, their text and key, their words, what sits beside the list).
 */
export function usePickerScreen<T, A = Record<string, never>>(
	options: PickerScreenOptions<T, A>,
): PickerScreen<T> & {aside?: A & {lines: number}} {
	const {offer, textOf, keyOf, words, chrome, width, body, aside} = options;
	const store = usePickerState<T>();
	const {items, filter} = store.picker;
	const available = useMemo(() => offer(items), [offer, items]);
	const filtered = useShownPicker(store, available, textOf, keyOf);
	const status: PickerStatus = {
		loading: loadingText(store.picker.status, words.loading),
		error: failure(store.picker, words.failed.what, words.failed.todo),
		message: store.picker.message,
		empty: words.empty(filter, available.length === 0),
		count: filtered.shown.length,
	};
	const selectedIndex = selectedIndexIn(store.picker, filtered.keys);
	const selected = selectedIndex === -1 ? undefined : filtered.shown[selectedIndex];
	const lines = pickerChrome({...chrome, statusLines: statusHeight(status, width)});
	const beside = aside?.(selected, available, Math.max(0, body - lines - MIN_LIST_ROWS));
	const picker = usePickerList(filtered, Math.max(1, body - lines - (beside?.lines ?? 0)));
	return {
		picker,
		status,
		available,
		...(selected === undefined ? {} : {selected}),
		...(beside === undefined ? {} : {aside: beside}),
	};
}
