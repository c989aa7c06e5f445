import React from 'react';
import {Confirm} from '../../components/confirm.js';
import {Picker} from '../../components/picker.js';
import {visibleWindow} from '../../state/list-selection.js';
import type {ViewState} from '../../state/screen-state.js';
import {sourceKey, sourceSegments} from './source-entries.js';
import {useTheme} from '../../theme/theme.js';
import type {SourcesScreenState} from './use-sources-state.js';

export interface SourcesProps extends SourcesScreenState {
	/** The monitor tracks rows of several tenants: entries say their tenant either way. */
	multiTenant: boolean;
	/** The filter line is open (/): letters type there. */
	editing: boolean;
	width: number;
	height: number;
}

/** The source picker (S): pick a source to start an account aggregation on (the question is asked below it). */
export function Sources({picker, status, multiTenant, editing, width, height}: SourcesProps) {
	const {glyphs} = useTheme();
	const state = picker.store.picker;
	const multi = new Set(picker.available.map(item => item.tenant)).size > 1 || multiTenant;
	return (
		<Picker
			title="Start an account aggregation: pick a source"
			status={state.status === 'ready' ? `${picker.shown.length} of ${picker.available.length} sources` : undefined}
			filter={{value: state.filter, placeholder: '/ filters by name, type or tenant; j/k move, Enter starts (asks first)', editing}}
			items={picker.shown}
			keyOf={sourceKey}
			segments={item => sourceSegments(item, multi, glyphs.ellipsis)}
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
