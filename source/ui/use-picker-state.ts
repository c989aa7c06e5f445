import {useCallback, useEffect, useRef, useState} from 'react';
import {createPickerState, reducePicker, type PickerAction, type PickerState} from './picker-state.js';

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
	const mounted = useRef(true);
	useEffect(() => {
		mounted.current = true;
		return () => {
			mounted.current = false;
		};
	}, []);

	const apply = useCallback((action: PickerAction<T>) => {
		const next = reducePicker(latest.current, action);
		if (next !== latest.current) {
			latest.current = next;
			if (mounted.current) {
				setPicker(next);
			}
		}
	}, []);
	const current = useCallback(() => latest.current, []);
	const load = useCallback(
		(source: PickerSource<T>, how: 'open' | 'reload' = 'open') => {
			apply({type: how});
			const {request} = latest.current;
			// A getter that throws synchronously fails the same way as a rejected promise.
			void (async () => source())().then(
				(items) => {
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
