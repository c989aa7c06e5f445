import {useCallback, useMemo} from 'react';
import type {TrackedRow} from '../../../core/types.js';
import type {DiscoveredAggregation} from '../../monitor/commands.js';
import type {PickerStatus} from '../../components/picker.js';
import {discoverKey, discoverText, untracked} from './discover-entries.js';
import {usePickerScreen, type PickerWords} from '../../picker/use-picker-screen.js';
import type {ShownPicker} from '../../picker/use-picker-state.js';

export interface DiscoverScreenState {
	picker: ShownPicker<DiscoveredAggregation>;
	status: PickerStatus;
	/** Marked entries still listed. */
	marked: number;
}

const NO_KEYS: ReadonlySet<string> = new Set();

const WORDS: PickerWords = {
	loading: 'Asking for running account aggregations...',
	failed: {what: 'Could not list running aggregations', todo: 'Ctrl-R tries again, Esc goes back.'},
	empty: (filter, nothing) =>
		nothing ? 'No running account aggregations that are not tracked already. Ctrl-R looks again.' : `Nothing matches "${filter}".`,
};

/**
 * The discover picker's data (D): running aggregations not tracked yet, filtered, with its status line. Its state
 * is a PickerState (picker/picker-state.ts); `active` (the picker is open) spares building the tracked keys on every poll.
 */
export function useDiscoverState({
	rows,
	active,
	width,
	body,
}: {
	rows: readonly TrackedRow[];
	active: boolean;
	width: number;
	body: number;
}): DiscoverScreenState {
	const trackedKeys = useMemo(() => (active ? new Set(rows.map(row => row.key)) : NO_KEYS), [active, rows]);
	const offer = useCallback((items: readonly DiscoveredAggregation[]) => untracked(items, trackedKeys), [trackedKeys]);
	const {picker, status, available} = usePickerScreen({
		offer,
		textOf: discoverText,
		keyOf: discoverKey,
		words: WORDS,
		chrome: {filter: true, columns: true},
		width,
		body,
	});
	const marked = picker.store.picker.marked.filter(key => available.some(item => discoverKey(item) === key)).length;
	return {picker, status, marked};
}
