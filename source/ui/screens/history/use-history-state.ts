import {useMemo} from 'react';
import {isEndApproximate, type HistoryEntry} from '../../../history/entry.js';
import {previousRuns} from '../../../history/previous-runs.js';
import {detailHeight, withLines} from '../../components/detail-pane.js';
import {pickerChrome, statusHeight, type PickerStatus} from '../../components/picker.js';
import type {DetailContent} from '../../text/detail-fields.js';
import {historyDetail, historyEntryKey, historyText, newestFirst} from './history-entries.js';
import {MIN_LIST_ROWS} from '../../text/layout.js';
import {selectedIndexIn} from '../../state/list-selection.js';
import {previousRunLines} from '../../text/previous-run-lines.js';
import {useTheme} from '../../theme/theme.js';
import {failure, loadingText, usePickerList, usePickerState, useShownPicker, type ShownPicker} from '../../picker/use-picker-state.js';

export interface HistoryScreenState {
	picker: ShownPicker<HistoryEntry>;
	status: PickerStatus;
	/** Entries of several tenants: a tenant column. */
	multiTenant: boolean;
	selected?: HistoryEntry;
	/** The detail pane's content, when it is open on an entry. */
	content?: DetailContent;
	/** Lines the detail pane takes (0 when closed or when there is no room). */
	detailLines: number;
}

/** The history view's data (H): finished aggregations newest first, filtered, and the selected one's details. */
export function useHistoryState({
	detail,
	now,
	width,
	body,
}: {
	detail: boolean;
	now: number;
	width: number;
	body: number;
}): HistoryScreenState {
	const {glyphs} = useTheme();
	const store = usePickerState<HistoryEntry>();
	const {items, filter} = store.picker;
	const available = useMemo(() => newestFirst(items), [items]);
	const filtered = useShownPicker(store, available, historyText, historyEntryKey);
	const status: PickerStatus = {
		loading: loadingText(store.picker.status, 'Reading the history...'),
		error: failure(store.picker, 'Could not read the history', 'Ctrl-R tries again.'),
		empty:
			available.length === 0
				? 'No finished aggregations recorded yet: aggwatch records each one it sees end.'
				: `Nothing matches "${filter}". Esc clears the filter.`,
		count: filtered.shown.length,
	};
	const selectedIndex = selectedIndexIn(store.picker, filtered.keys);
	const selected = selectedIndex === -1 ? undefined : filtered.shown[selectedIndex];
	const multiTenant = useMemo(() => new Set(available.map(entry => entry.tenant)).size > 1, [available]);
	let content: DetailContent | undefined;
	if (detail && selected !== undefined) {
		content = historyDetail(selected, now, glyphs);
		if (selected.source !== undefined) {
			const earlier = previousRuns(available, selected.tenant, selected.source, selected.id);
			const current = {
				...(selected.durationMs === undefined ? {} : {elapsedMs: selected.durationMs}),
				running: false,
				approximate: isEndApproximate(selected),
			};
			content = withLines(content, previousRunLines(earlier, current, now, glyphs));
		}
	}

	const chrome = pickerChrome({filter: false, columns: true, statusLines: statusHeight(status, width)});
	const detailLines = content === undefined ? 0 : Math.min(detailHeight(content, width), Math.max(0, body - chrome - MIN_LIST_ROWS));
	const picker = usePickerList(filtered, Math.max(1, body - chrome - detailLines));
	return {
		picker,
		status,
		multiTenant,
		...(selected === undefined ? {} : {selected}),
		...(content === undefined ? {} : {content}),
		detailLines,
	};
}
