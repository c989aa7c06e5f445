import {useMemo} from 'react';
import {isEndApproximate, type HistoryEntry} from '../../../history/entry.js';
import {previousRuns} from '../../../history/previous-runs.js';
import {detailHeight, withLines} from '../../components/detail-pane.js';
import type {PickerStatus} from '../../components/picker.js';
import type {DetailContent} from '../../text/detail-fields.js';
import {historyDetail, historyEntryKey, historyText, newestFirst} from './history-entries.js';
import {previousRunLines} from '../../text/previous-run-lines.js';
import {useTheme} from '../../theme/theme.js';
import {usePickerScreen, type PickerWords} from '../../picker/use-picker-screen.js';
import type {ShownPicker} from '../../picker/use-picker-state.js';

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

const WORDS: PickerWords = {
	loading: 'Reading the history...',
	failed: {what: 'Could not read the history', todo: 'Ctrl-R tries again.'},
	empty: (filter, nothing) =>
		nothing
			? 'No finished aggregations recorded yet: aggwatch records each one it sees end.'
			: `Nothing matches "${filter}". Esc clears the filter.`,
};

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
	const aside = (selected: HistoryEntry | undefined, available: readonly HistoryEntry[], room: number) => {
		if (!detail || selected === undefined) {
			return {lines: 0};
		}

		let content = historyDetail(selected, now, glyphs);
		if (selected.source !== undefined) {
			const earlier = previousRuns(available, selected.tenant, selected.source, selected.id);
			const current = {
				...(selected.durationMs === undefined ? {} : {elapsedMs: selected.durationMs}),
				running: false,
				approximate: isEndApproximate(selected),
			};
			content = withLines(content, previousRunLines(earlier, current, now, glyphs));
		}

		return {lines: Math.min(detailHeight(content, width), room), content};
	};

	const {
		picker,
		status,
		available,
		selected,
		aside: pane,
	} = usePickerScreen<HistoryEntry, {content?: DetailContent}>({
		offer: newestFirst,
		textOf: historyText,
		keyOf: historyEntryKey,
		words: WORDS,
		chrome: {filter: false, columns: true},
		width,
		body,
		aside,
	});
	const multiTenant = useMemo(() => new Set(available.map(entry => entry.tenant)).size > 1, [available]);
	const content = pane?.content;
	return {
		picker,
		status,
		multiTenant,
		...(selected === undefined ? {} : {selected}),
		...(content === undefined ? {} : {content}),
		detailLines: pane?.lines ?? 0,
	};
}
