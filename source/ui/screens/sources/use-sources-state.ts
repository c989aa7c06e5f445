import {useMemo} from 'react';
import type {StartableSource} from '../../monitor/commands.js';
import {pickerChrome, statusHeight, type PickerStatus} from '../../components/picker.js';
import {sortSources, sourceKey, sourceText} from './source-entries.js';
import {failure, loadingText, usePickerList, usePickerState, useShownPicker, type ShownPicker} from '../../picker/use-picker-state.js';

export interface SourcesScreenState {
	picker: ShownPicker<StartableSource>;
	status: PickerStatus;
}

/** The source picker's data (S): every source, sorted and filtered, with its status line. */
export function useSourcesState({width, body}: {width: number; body: number}): SourcesScreenState {
	const store = usePickerState<StartableSource>();
	const {items, filter} = store.picker;
	const available = useMemo(() => sortSources(items), [items]);
	const filtered = useShownPicker(store, available, sourceText, sourceKey);
	const status: PickerStatus = {
		loading: loadingText(store.picker.status, 'Listing sources...'),
		error: failure(store.picker, 'Could not list sources', 'Ctrl-R tries again, Esc goes back.'),
		message: store.picker.message,
		empty: available.length === 0 ? 'No sources found.' : `No source matches "${filter}".`,
		count: filtered.shown.length,
	};
	const picker = usePickerList(
		filtered,
		Math.max(1, body - pickerChrome({filter: true, columns: false, statusLines: statusHeight(status, width)})),
	);
	return {picker, status};
}
