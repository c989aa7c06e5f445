import React, {memo} from 'react';
import {Box, Text} from 'ink';
import type {RowInsight} from '../../core/insight.js';
import type {ErrorNote, TrackedRow} from '../../core/types.js';
import {badgeText} from '../badge.js';
import {marksText, rowNotes, type RowNote} from '../insight-text.js';
import {fit, type RowLayout} from '../layout.js';
import {rowCells} from '../row-cells.js';
import {Spinner} from '../spinner-clock.js';
import {useTheme} from '../theme.js';
import {barText, ProgressBar} from './progress-bar.js';
import {StatusBadge} from './status-badge.js';

export interface AggregationRowProps {
	row: TrackedRow;
	now: number;
	/** The monitor's base poll interval (for staleness). */
	intervalMs: number;
	layout: RowLayout;
	selected: boolean;
	/**
	 * Rows of several tenants are shown: the tenant goes in the layout's tenant column, or in front of the label
	 * when the terminal is too narrow for the column.
	 */
	withTenant?: boolean;
	/** Polling is paused: running rows show their badge without the spinner. */
	paused?: boolean;
	/** The row's tenant has failing credentials (marked on rows still polled). */
	tenantError?: ErrorNote;
	/** The row just ended: the whole line is drawn in reverse, in the colour of the outcome, for a few seconds. */
	flash?: 'success' | 'failure';
	/** The row's id as the list shows it when it has no label: the part that tells it from the other rows (idShortener). */
	idText?: string;
	/** A stall, deletion figures, a departure from the source's usual: said in the marks column. */
	insight?: RowInsight;
}

/**
 * One list line, as a row of small Text cells. Ink measures every Text by its whole string and caches the result
 * for the life of the process, so a line that is one Text (with a spinner frame and an elapsed time in it) would
 * add a cache entry on every tick. As cells, the changing parts are short strings that repeat.
 */
export const AggregationRow = memo(function AggregationRow({
	row,
	now,
	intervalMs,
	layout,
	selected,
	withTenant = false,
	paused = false,
	tenantError,
	flash,
	idText,
	insight,
}: AggregationRowProps) {
	const {glyphs, paint} = useTheme();
	const tenantColumn = withTenant && layout.tenant > 0;
	const cells = rowCells(row, now, intervalMs, withTenant && !tenantColumn, tenantError, idText);
	const percentText = cells.percent === undefined ? '' : `${Math.floor(cells.percent)}%`;
	const notes: RowNote[] = [];
	if (cells.error !== '') {
		notes.push({long: `${glyphs.error}${cells.error}`, short: `${glyphs.error}${cells.error}`, role: 'error'});
	} else if (cells.stale) {
		notes.push({long: `${glyphs.stale}stale`, short: `${glyphs.stale}stale`, role: 'warning'});
	}

	notes.push(...rowNotes(insight, glyphs));
	const {text: marks, role: marksRole} = marksText(notes, layout.marks);

	const {ellipsis} = glyphs;
	// A flashing line is reversed in the outcome's colour (a coloured bar across the screen); without colour, reversed and bold.
	const inverse = selected || flash !== undefined;
	const flashColor = flash === undefined ? undefined : paint(flash === 'success' ? 'done' : 'failed');
	const bold = flash !== undefined;
	// Each cell carries its leading gap, so inverse video runs unbroken along a selected line.
	const cell = (text: string, width: number, align: 'left' | 'right' = 'right') =>
		width > 0 ? (
			<Text inverse={inverse} color={flashColor} bold={bold}>
				{' '}
				{fit(text, width, align, ellipsis)}
			</Text>
		) : null;
	return (
		<Box flexDirection="row" height={1} flexShrink={0}>
			<Text inverse={inverse} bold={bold} color={flashColor ?? (selected ? undefined : paint('accent'))}>
				{selected ? glyphs.cursor : ' '}{' '}
			</Text>
			{cells.spinning && !paused ? (
				<Text inverse={inverse}>
					<Spinner color={flashColor ?? paint(cells.badge.role)} />
				</Text>
			) : (
				<Text inverse={inverse} color={flashColor}>
					{' '}
				</Text>
			)}
			{tenantColumn ? (
				<Text inverse={inverse} bold={bold} color={flashColor ?? paint('accent')}>
					{' '}
					{fit(row.tenant, layout.tenant, 'left', ellipsis)}
				</Text>
			) : null}
			<Text inverse={inverse} bold={selected || bold} color={flashColor}>
				{' '}
				{fit(cells.label, layout.label, 'left', ellipsis)}
			</Text>
			<Text inverse={inverse} color={flashColor} bold={bold}>
				{' '}
				{flash === undefined ? (
					<StatusBadge badge={cells.badge} width={layout.badge} />
				) : (
					fit(badgeText(cells.badge, glyphs), layout.badge, 'left', ellipsis)
				)}
			</Text>
			{layout.bar > 0 ? (
				<Text inverse={inverse} color={flashColor}>
					{' '}
					{flash === undefined ? <ProgressBar percent={cells.percent} width={layout.bar} /> : barText(cells.percent, layout.bar, glyphs)}
				</Text>
			) : null}
			{cell(cells.counts, layout.counts)}
			{cell(percentText, layout.percent)}
			{cell(cells.rate, layout.rate)}
			{cell(cells.eta, layout.eta)}
			{cell(cells.elapsed, layout.elapsed)}
			{marks === '' ? null : (
				<Text inverse={inverse} color={flashColor ?? (marksRole === undefined ? undefined : paint(marksRole))}>
					{' '}
					{fit(marks, layout.marks, 'left', ellipsis)}
				</Text>
			)}
		</Box>
	);
});
