import {useCallback, useRef, useState} from 'react';
import type {ViewState} from './screen-state.js';
import {reduceView, type ViewAction} from './view-state.js';

export interface ViewStore {
	/** The state of the last render. */
	view: ViewState;
	/** Applies an action at once: `current()` sees it before React re-renders. */
	apply(action: ViewAction): void;
	/** The latest state, including actions not rendered yet. */
	current(): ViewState;
}

/**
 * reduceView held in a ref as well as in React state. Ink hands every key of one stdin chunk (fast typing, a paste
 * of keys) to the same input handler before React re-renders, so the handler must read the latest state, not the
 * one its closure saw.
 */
export function useViewState(initial: () => ViewState): ViewStore {
	const [view, setView] = useState(initial);
	const latest = useRef(view);
	const apply = useCallback((action: ViewAction) => {
		const next = reduceView(latest.current, action);
		if (next !== latest.current) {
			latest.current = next;
			setView(next);
		}
	}, []);
	const current = useCallback(() => latest.current, []);
	return {view, apply, current};
}
