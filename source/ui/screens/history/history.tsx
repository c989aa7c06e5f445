import React, {useMemo} from 'react';
import {idShortener} from '../../../core/short-ids.js';
import {DetailPane} from '../../components/detail-pane.js';
import {Picker} from '../../components/picker.js';
import {Prompt} from '../../components/prompt.js';
import {historyColumns, historyEntryKey, historyLayout, historyName, historySegments} from './history-entries.js';
import {visibleWindow} from '../../state/list-selection.js';
import type {ViewState} from '../../state/screen-state.js';
import {useTheme} from '../../theme/theme.js';
import type {HistoryScreenState} from './use-history-state.js';

export interface HistoryProps extends HistoryScreenState {
	now: number;
	width: number;
	height: number;
}

/** The history view (H): finished aggregations newest first, with the selected one's details under them. */
export function History({picker, status, multiTenant, selected, content, detailLines, now, width, height}: HistoryProps) {
	const {glyphs} = useTheme();
	const state = picker.store.picker;
	const shortId = useMemo(() => idShortener(picker.available.map(entry => entry.id)), [picker.available]);
	// Widths from every entry (not only those shown), so filtering does not move the columns.
	const layout = historyLayout(picker.available, now, width, multiTenant, glyphs, shortId);
	const shown = picker.list.keys.length;
	const filterText = state.filter === '' ? '' : ` ${glyphs.separator} filter: "${state.filter}" (${shown} of ${picker.available.length})`;
	return (
		<>
			<Picker
				title="History: finished aggregations, newest first"
				status={state.status === 'ready' ? `${picker.available.length} recorded${filterText}` : undefined}
				columns={historyColumns(layout)}
				items={picker.shown}
				keyOf={historyEntryKey}
				segments={entry => historySegments(entry, now, layout, glyphs, shortId)}
				window={visibleWindow(state, picker.list)}
				{...status}
				width={width}
				height={height - detailLines}
			/>
			{content !== undefined && selected !== undefined && detailLines > 0 ? (
				<DetailPane title={historyName(selected, shortId)} content={content} width={width} height={detailLines} />
			) : null}
		</>
	);
}

/** Lines HistoryBottom takes. */
export function historyBottomLines(view: ViewState): number {
	return view.mode === 'history-filtering' ? 1 : 0;
}

/** The history's filter prompt (/), under the list; the text is the history picker's filter. */
export function HistoryBottom({filtering, filter, width}: {filtering: boolean; filter: string; width: number}) {
	return filtering ? (
		<Prompt label="Filter history" value={filter} width={width} placeholder="text in source, id, tenant or status" />
	) : null;
}
