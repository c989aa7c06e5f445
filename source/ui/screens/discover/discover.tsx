import React, {useMemo} from 'react';
import {idShortener} from '../../../core/short-ids.js';
import type {DiscoveredAggregation} from '../../monitor/commands.js';
import {Picker} from '../../components/picker.js';
import {discoverColumns, discoverKey, discoverSegments, discoverWidths} from './discover-entries.js';
import {visibleWindow} from '../../state/list-selection.js';
import {useTheme} from '../../theme/theme.js';
import type {DiscoverScreenState} from './use-discover-state.js';

export interface DiscoverProps extends DiscoverScreenState {
	now: number;
	/** The monitor tracks rows of several tenants: entries say their tenant either way. */
	multiTenant: boolean;
	/** The filter line is open (/): letters type there. */
	editing: boolean;
	width: number;
	height: number;
}

/** The discover picker (D): running aggregations not tracked yet, to mark and track. */
export function Discover({picker, status, marked, now, multiTenant, editing, width, height}: DiscoverProps) {
	const {glyphs} = useTheme();
	const state = picker.store.picker;
	const shortId = useMemo(() => idShortener(picker.available.map((item: DiscoveredAggregation) => item.id)), [picker.available]);
	const widths = discoverWidths(picker.shown, now, shortId);
	const multi = new Set(picker.available.map((item: DiscoveredAggregation) => item.tenant)).size > 1 || multiTenant;
	return (
		<Picker
			title="Track running aggregations"
			status={
				state.status === 'ready'
					? `${picker.shown.length} of ${picker.available.length} not tracked yet${marked > 0 ? `, ${marked} marked` : ''}`
					: undefined
			}
			filter={{value: state.filter, placeholder: '/ filters by source, id or tenant; j/k move, Space marks, Enter tracks', editing}}
			columns={discoverColumns(widths, multi)}
			items={picker.shown}
			keyOf={discoverKey}
			segments={item => discoverSegments(item, now, multi, glyphs.ellipsis, shortId, widths)}
			marked={state.marked}
			window={visibleWindow(state, picker.list)}
			{...status}
			width={width}
			height={height}
		/>
	);
}
