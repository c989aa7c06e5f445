import {useCallback, useMemo, useRef, useState} from 'react';
import type {ListView} from '../state/list-selection.js';
import {createPickerState, filterItems, reducePicker, type PickerAction, type PickerState} from './picker-state.js';
import {useMounted} from '../state/use-mounted.js';

/** A picker as on screen: its store, the entries shown (filtered, in order) and their list. */
export interface ShownPicker<T> {
	store: PickerStore<T>;
	/** Entries that can be picked, before the text filter (the discover picker leaves out tracked ones). */
	available: readonly T[];
	/** The entries shown, in the order of list.keys. */
	shown: readonly T[];
	list: ListView;
}

/** Where a picker's items come from: a promise (an API call) or a plain list (a file already read). */
export type PickerSource<T> = () => Promise<readonly T[]> | readonly T[];

export interface PickerStore<T> {
	/** The state of the last render. */
	picker: PickerState<T>;
	/** Applies an action at once: `current()` sees it before React re-renders. */
	apply(action: PickerAction<T>): void;
	/** The latest state, including actions not rendered yet. */
	current(): PickerState<T>;
	/** Starts a load (`open`: afresh; `reload`: keeping filter, marks and cursor) and applies its answer when it comes. */
	load(source: PickerSource<T>, how?: 'open' | 'reload'): void;
}

function messageOf(error: unknown): string {
	if (error instanceof Error) {
		return error.message;
	}

	return typeof error === 'string' ? error : 'unknown error';
}

/**
 * reducePicker held in a ref as well as in React state (keys of one stdin chunk must see each other's effect, as in
 * useViewState), plus the async load: an answer that arrives after the picker was opened again, or unmounted, is
 * dropped.
 */
export function usePickerState<T>(): PickerStore<T> {
	const [picker, setPicker] = useState<PickerState<T>>(createPickerState);
	const latest = useRef(picker);
	const mounted = useMounted();

	const apply = useCallback(
		(action: PickerAction<T>) => {
			const next = reducePicker(latest.current, action);
			if (next !== latest.current) {
				latest.current = next;
				if (mounted.current) {
					setPicker(next);
				}
			}
		},
		[mounted],
	);
	const current = useCallback(() => latest.current, []);
	const load = useCallback(
		(source: PickerSource<T>, how: 'open' | 'reload' = 'open') => {
			apply({type: how});
			const {request} = latest.current;
			// A getter that throws synchronously fails the same way as a rejected promise.
			void (async () => source())().then(
				items => {
					apply({type: 'loaded', request, items});
				},
				(error: unknown) => {
					apply({type: 'failed', request, error: messageOf(error)});
				},
			);
		},
		[apply],
	);
	return {picker, apply, current, load};
}

/** A picker's entries that its filter lets through, as on screen in a list `height` lines high. */
export function useShownPicker<T>(
	store: PickerStore<T>,
	available: readonly T[],
	textOf: (item: T) => string,
	keyOf: (item: T) => string,
): {store: PickerStore<T>; available: readonly T[]; shown: readonly T[]; keys: readonly string[]} {
	const {filter} = store.picker;
	const shown = useMemo(() => filterItems(available, filter, textOf), [available, filter, textOf]);
	const keys = useMemo(() => shown.map(item => keyOf(item)), [shown, keyOf]);
	return {store, available, shown, keys};
}

/** The ShownPicker the keys act on, stable while nothing it holds changes. */
export function usePickerList<T>(
	{store, available, shown, keys}: {store: PickerStore<T>; available: readonly T[]; shown: readonly T[]; keys: readonly string[]},
	height: number,
): ShownPicker<T> {
	const list: ListView = useMemo(() => ({keys, height}), [keys, height]);
	return useMemo(() => ({store, available, shown, list}), [store, available, shown, list]);
}

/** The line of a picker whose load failed: what failed, why, and what to do. */
export function failure(picker: PickerState<unknown>, what: string, todo: string): string | undefined {
	return picker.status === 'failed' ? `${what}: ${picker.error ?? 'unknown error'}. ${todo}` : undefined;
}

/** `text` while a picker's list is loading (or not asked for yet), else undefined. */
export function loadingText(status: PickerState<unknown>['status'], text: string): string | undefined {
	return status === 'loading' || status === 'idle' ? text : undefined;
}
