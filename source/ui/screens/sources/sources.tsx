import React from 'react';
import {Confirm} from '../../components/confirm.js';
import {Picker} from '../../components/picker.js';
import {visibleWindow} from '../../state/list-selection.js';
import type {ViewState} from '../../state/screen-state.js';
import {sourceColumns, sourceKey, sourceLayout, sourceMarks, sourceSegments, type SourceMarks} from './source-entries.js';
import {useTheme} from '../../theme/theme.js';
import type {SourcesScreenState} from './use-sources-state.js';

export interface SourcesProps extends SourcesScreenState {
	/** The monitor tracks rows of several tenants: entries say their tenant either way. */
	multiTenant: boolean;
	/** The filter line is open (/): letters type there. */
	editing: boolean;
	now: number;
	width: number;
	height: number;
}

/**
 * The source picker (S): pick a source to start an account aggregation on (the question is asked below it). Each
 * entry says its last outcome and a run in progress (see sourceMarks).
 */
export function Sources({picker, status, known, multiTenant, now, editing, width, height}: SourcesProps) {
	const {glyphs} = useTheme();
	const state = picker.store.picker;
	const multi = new Set(picker.available.map(item => item.tenant)).size > 1 || multiTenant;
	const reading = known.runs === 'reading' ? `, reading${glyphs.ellipsis}` : '';
	const marks = new Map(picker.shown.map(item => [sourceKey(item), sourceMarks(item, known, now, glyphs)]));
	// The longest running mark shown sets its column (the name gives way, down to 16).
	let running = 0;
	for (const mark of marks.values()) {
		running = Math.max(running, [...(mark.running?.text ?? '')].length);
	}

	// The entry's room after the cursor and its space.
	const layout = sourceLayout(width - 2, multi, known.runs !== 'off', running);
	return (
		<Picker
			title="Start an account aggregation: pick a source"
			status={state.status === 'ready' ? `${picker.shown.length} of ${picker.available.length} sources${reading}` : undefined}
			filter={{value: state.filter, placeholder: '/ filters by name, type or tenant; j/k move, Enter starts (asks first)', editing}}
			columns={sourceColumns(layout)}
			items={picker.shown}
			keyOf={sourceKey}
			segments={item => sourceSegments(item, {layout, glyphs, ...optional(marks.get(sourceKey(item)))})}
			window={visibleWindow(state, picker.list)}
			{...status}
			width={width}
			height={height}
		/>
	);
}

/** Lines SourcesBottom takes. */
export function sourcesBottomLines(view: ViewState): number {
	return view.mode === 'confirm-start' ? 1 : 0;
}

/** The question under the source picker before a start (y starts it). */
export function SourcesBottom({view}: {view: ViewState}) {
	return view.mode === 'confirm-start' ? <Confirm question={view.question} /> : null;
}

function optional(marks: SourceMarks | undefined): {marks?: SourceMarks} {
	return marks === undefined ? {} : {marks};
}
