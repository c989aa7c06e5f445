import React, {memo} from 'react';
import {Text} from 'ink';
import type {SortKey} from '../../core/view.js';
import {LEAD_WIDTH, type RowLayout} from '../text/layout.js';
import {useTheme} from '../theme/theme.js';
import {fit} from '../../domain/text.js';

export interface ColumnTitlesProps {
	layout: RowLayout;
	sort: SortKey;
	/** Rows of several tenants are shown (the layout's tenant column, when it has room). */
	withTenant?: boolean;
}

/** The titles above the list, aligned with AggregationRow. The sorted column is marked (the added order has none). */
export const ColumnTitles = memo(function ColumnTitles({layout, sort, withTenant = false}: ColumnTitlesProps) {
	const {glyphs, paint} = useTheme();
	const cut = (text: string, width: number, align: 'left' | 'right' = 'left') => fit(text, width, align, glyphs.ellipsis);
	const mark = (title: string, key: SortKey, descending = false) =>
		sort === key ? `${title}${descending ? glyphs.sortDescending : glyphs.sortAscending}` : title;
	const parts = [
		' '.repeat(LEAD_WIDTH) + (withTenant && layout.tenant > 0 ? `${cut('TENANT', layout.tenant)} ` : '') + cut('NAME', layout.label),
		cut(
			sort === 'severity' || sort === 'severity-reversed'
				? `STATUS${sort === 'severity' ? glyphs.sortDescending : glyphs.sortAscending}`
				: mark('STATUS', 'status'),
			layout.badge,
		),
	];
	if (layout.bar > 0) {
		parts.push(cut(mark('PROGRESS', 'progress', true), layout.bar));
	}

	if (layout.counts > 0) {
		// The status endpoint counts new, changed and deleted accounts, not accounts scanned. The progress sort is
		// marked here when neither the bar nor the percentage has room.
		const marked = layout.bar === 0 && layout.percent === 0;
		parts.push(cut(marked ? mark('CHANGES', 'progress', true) : 'CHANGES', layout.counts, 'right'));
	}

	if (layout.percent > 0) {
		parts.push(cut(layout.bar > 0 ? '%' : mark('%', 'progress', true), layout.percent, 'right'));
	}
	if (layout.rate > 0) {
		parts.push(cut('RATE', layout.rate, 'right'));
	}

	if (layout.eta > 0) {
		parts.push(cut('ETA', layout.eta, 'right'));
	}

	if (layout.elapsed > 0) {
		parts.push(cut(mark('ELAPSED', 'start'), layout.elapsed, 'right'));
	}

	return (
		<Text wrap="truncate" bold color={paint('muted')}>
			{parts.join(' ')}
		</Text>
	);
});
