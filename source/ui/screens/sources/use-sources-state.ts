import type {StartableSource} from '../../monitor/commands.js';
import type {PickerStatus} from '../../components/picker.js';
import {sortSources, sourceKey, sourceText} from './source-entries.js';
import {usePickerScreen, type PickerWords} from '../../picker/use-picker-screen.js';
import type {ShownPicker} from '../../picker/use-picker-state.js';

export interface SourcesScreenState {
	picker: ShownPicker<StartableSource>;
	status: PickerStatus;
}

const WORDS: PickerWords = {
	loading: 'Listing sources...',
	failed: {what: 'Could not list sources', todo: 'Ctrl-R tries again, Esc goes back.'},
	empty: (filter, nothing) => (nothing ? 'No sources found.' : `No source matches "${filter}".`),
};

/** The source picker's data (S): every source, sorted and filtered, with its status line. */
export function useSourcesState({width, body}: {width: number; body: number}): SourcesScreenState {
	const {picker, status} = usePickerScreen({
		offer: sortSources,
		textOf: sourceText,
		keyOf: sourceKey,
		words: WORDS,
		chrome: {filter: true, columns: false},
		width,
		body,
	});
	return {picker, status};
}
