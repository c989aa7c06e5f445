import {useMemo} from 'react';
import type {TrackedRow} from '../../../core/types.js';
import type {DiscoveredAggregation} from '../../monitor/commands.js';
import {pickerChrome, statusHeight, type PickerStatus} from '../../components/picker.js';
import {discoverKey, discoverText, untracked} from './discover-entries.js';
import {failure, loadingText, usePickerList, usePickerState, useShownPicker, type ShownPicker} from '../../picker/use-picker-state.js';

export interface DiscoverScreenState {
	picker: ShownPicker<DiscoveredAggregation>;
	status: PickerStatus;
	/** Marked entries still listed. */
	marked: number;
}

const NO_KEYS: ReadonlySet<string> = new Set();

/**
 * The discover picker's data (D): running aggregations not tracked yet, filtered, with its status line. Its state
 * is a PickerState (picker-state.ts); `active` (the picker is open) spares building the tracked keys on every poll.
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
	const store = usePickerState<DiscoveredAggregation>();
	const trackedKeys = useMemo(() => (active ? new Set(rows.map(row => row.key)) : NO_KEYS), [active, rows]);
	const {items, filter, marked: markedKeys} = store.picker;
	const available = useMemo(() => untracked(items, trackedKeys), [items, trackedKeys]);
	const filtered = useShownPicker(store, available, discoverText, discoverKey);
	const status: PickerStatus = {
		loading: loadingText(store.picker.status, 'Asking for running account aggregations...'),
		error: failure(store.picker, 'Could not list running aggregations', 'Ctrl-R tries again, Esc goes back.'),
		message: store.picker.message,
		empty:
			available.length === 0
				? 'No running account aggregations that are not tracked already. Ctrl-R looks again.'
				: `Nothing matches "${filter}".`,
		count: filtered.shown.length,
	};
	const picker = usePickerList(
		filtered,
		Math.max(1, body - pickerChrome({filter: true, columns: false, statusLines: statusHeight(status, width)})),
	);
	const marked = markedKeys.filter(key => available.some(item => discoverKey(item) === key)).length;
	return {picker, status, marked};
}
