/**
 * Selection and scrolling of a list on screen, shared by the monitor list, the pickers and the history view.
 * Pure: every function takes the list as it is on screen (its keys, in order, and how many lines it has).
 */

/** A list as it is on screen: the keys in display order (after filtering and sorting) and how many rows fit. */
export interface ListView {
	keys: readonly string[];
	height: number;
}

/** Where a list's cursor is. Kept by key, so it survives sorting, filtering and entries coming and going. */
export interface Selection {
	selectedKey?: string;
	/** Where the selection was last seen: the cursor lands here if the selected entry disappears. */
	selectedIndex: number;
	/** First entry on screen. Kept where it is unless the selection would leave the window. */
	scrollOffset: number;
}

export interface VisibleWindow {
	/** Index of the first visible entry. */
	start: number;
	/** One past the last visible entry. */
	end: number;
	/** Index of the selected entry, -1 when the list is empty. */
	selected: number;
}

export function clamp(value: number, low: number, high: number): number {
	return Math.max(low, Math.min(high, value));
}

/** The index of the selected entry in `keys`: the selected key if present, else the last index seen (clamped); -1 if empty. */
export function selectedIndexIn(selection: Pick<Selection, 'selectedKey' | 'selectedIndex'>, keys: readonly string[]): number {
	if (keys.length === 0) {
		return -1;
	}

	if (selection.selectedKey !== undefined) {
		const index = keys.indexOf(selection.selectedKey);
		if (index !== -1) {
			return index;
		}
	}

	return clamp(selection.selectedIndex, 0, keys.length - 1);
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

/** Which entries are on screen. Pure and O(list) at worst (the indexOf), so it is fine per frame. */
export function visibleWindow(selection: Selection, list: ListView): VisibleWindow {
	const total = list.keys.length;
	const selected = selectedIndexIn(selection, list.keys);
	const start = selected === -1 ? 0 : scrollToShow(selection.scrollOffset, selected, list.height, total);
	return {start, end: Math.min(total, start + Math.max(0, list.height)), selected};
}

/** `state` with entry `index` (clamped) selected and scrolled into view; `state` itself when nothing changes. */
export function selectAt<S extends Selection>(state: S, list: ListView, index: number): S {
	const total = list.keys.length;
	if (total === 0) {
		return state;
	}

	const target = clamp(index, 0, total - 1);
	const key = list.keys[target];
	const scrollOffset = scrollToShow(state.scrollOffset, target, list.height, total);
	if (key === state.selectedKey && target === state.selectedIndex && scrollOffset === state.scrollOffset) {
		return state;
	}

	return {...state, selectedKey: key, selectedIndex: target, scrollOffset};
}

/** A movement of the cursor: by a number of entries, by pages, to either end, or onto what the screen shows. */
export type SelectionAction =
	| {type: 'move'; by: number; list: ListView}
	| {type: 'page'; by: -1 | 1; list: ListView}
	| {type: 'jump'; to: 'first' | 'last'; list: ListView}
	/** Adopt the selection the screen shows (after the selected entry went away). */
	| {type: 'sync-selection'; list: ListView};

export function isSelectionAction(action: {type: string}): action is SelectionAction {
	return action.type === 'move' || action.type === 'page' || action.type === 'jump' || action.type === 'sync-selection';
}

export function reduceSelection<S extends Selection>(state: S, action: SelectionAction): S {
	switch (action.type) {
		case 'move': {
			return selectAt(state, action.list, Math.max(0, selectedIndexIn(state, action.list.keys)) + action.by);
		}

		case 'page': {
			const page = Math.max(1, action.list.height - 1);
			return selectAt(state, action.list, Math.max(0, selectedIndexIn(state, action.list.keys)) + action.by * page);
		}

		case 'jump': {
			return selectAt(state, action.list, action.to === 'first' ? 0 : action.list.keys.length - 1);
		}

		case 'sync-selection': {
			const index = selectedIndexIn(state, action.list.keys);
			const key = index === -1 ? undefined : action.list.keys[index];
			if (key === state.selectedKey) {
				return state;
			}

			return {...state, selectedKey: key, selectedIndex: Math.max(0, index)};
		}
	}
}
