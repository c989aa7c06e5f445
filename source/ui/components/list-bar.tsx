import React, {memo} from 'react';
import {Box, Text} from 'ink';
import {formatCount} from '../../core/durations.js';
import type {SortKey} from '../../core/view.js';
import {useTheme} from '../theme/theme.js';

const SORT_NAMES: Record<SortKey, string> = {
	added: 'added order',
	status: 'status',
	severity: 'severity, worst first',
	'severity-reversed': 'severity, worst last',
	progress: 'progress',
	start: 'start time',
};

export interface ListBarProps {
	sort: SortKey;
	filter: string;
	/** Rows after filtering. */
	shown: number;
	total: number;
	/** 0-based index of the selected row in the shown list, -1 for none. */
	selected: number;
	width: number;
	/** Only this tenant's rows are shown (t). */
	tenant?: string;
}

/** One line above the column titles: sort order, filter and position in the list. */
export const ListBar = memo(function ListBar({sort, filter, shown, total, selected, width, tenant}: ListBarProps) {
	const {glyphs, paint} = useTheme();
	const position = shown === 0 ? '' : `row ${formatCount(selected + 1)} of ${formatCount(shown)}`;
	return (
		<Box width={width} justifyContent="space-between">
			<Text wrap="truncate" color={paint('muted')}>
				sort: {SORT_NAMES[sort]}
				{tenant === undefined ? '' : ` ${glyphs.separator} `}
				{tenant === undefined ? null : <Text color={paint('accent')}>tenant: {tenant} (t: next)</Text>}
				{filter === '' ? '' : ` ${glyphs.separator} `}
				{filter === '' ? null : <Text color={paint('accent')}>filter: "{filter}"</Text>}
				{filter === '' && tenant === undefined ? '' : ` (${formatCount(shown)} of ${formatCount(total)})`}
			</Text>
			<Text color={paint('muted')}>{position}</Text>
		</Box>
	);
});
