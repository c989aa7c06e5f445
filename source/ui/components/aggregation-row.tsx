import React, {memo} from 'react';
import {Box, Text} from 'ink';
import type {TrackedRow} from '../../core/types.js';
import {fit, type RowLayout} from '../layout.js';
import {rowCells} from '../row-cells.js';
import {Spinner} from '../spinner-clock.js';
import {useTheme} from '../theme.js';
import {ProgressBar} from './progress-bar.js';
import {StatusBadge} from './status-badge.js';

export interface AggregationRowProps {
	row: TrackedRow;
	now: number;
	/** The monitor's base poll interval (for staleness). */
	intervalMs: number;
	layout: RowLayout;
	selected: boolean;
	/** Prefix labels with the tenant (when rows of several tenants are shown). */
	withTenant?: boolean;
	/** Polling is paused: running rows show their badge without the spinner. */
	paused?: boolean;
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
}: AggregationRowProps) {
	const {glyphs, paint} = useTheme();
	const cells = rowCells(row, now, intervalMs, withTenant);
	const percentText = cells.percent === undefined ? '' : `${Math.floor(cells.percent)}%`;
	let marks = '';
	let marksRole: 'error' | 'warning' | undefined;
	if (cells.error !== '') {
		marks = `${glyphs.error}${cells.error}`;
		marksRole = 'error';
	} else if (cells.stale) {
		marks = `${glyphs.stale}stale`;
		marksRole = 'warning';
	}

	const {ellipsis} = glyphs;
	// Each cell carries its leading gap, so inverse video runs unbroken along a selected line.
	const cell = (text: string, width: number, align: 'left' | 'right' = 'right') =>
		width > 0 ? (
			<Text inverse={selected}>
				{' '}
				{fit(text, width, align, ellipsis)}
			</Text>
		) : null;
	return (
		<Box flexDirection="row" height={1} flexShrink={0}>
			<Text inverse={selected} color={selected ? undefined : paint('accent')}>
				{selected ? glyphs.cursor : ' '}{' '}
			</Text>
			{cells.spinning && !paused ? (
				<Text inverse={selected}>
					<Spinner color={paint(cells.badge.role)} />
				</Text>
			) : (
				<Text inverse={selected}> </Text>
			)}
			<Text inverse={selected} bold={selected}>
				{' '}
				{fit(cells.label, layout.label, 'left', ellipsis)}
			</Text>
			<Text inverse={selected}>
				{' '}
				<StatusBadge badge={cells.badge} width={layout.badge} />
			</Text>
			{layout.bar > 0 ? (
				<Text inverse={selected}>
					{' '}
					<ProgressBar percent={cells.percent} width={layout.bar} />
				</Text>
			) : null}
			{cell(cells.counts, layout.counts)}
			{cell(percentText, layout.percent)}
			{cell(cells.rate, layout.rate)}
			{cell(cells.eta, layout.eta)}
			{cell(cells.elapsed, layout.elapsed)}
			{marks === '' ? null : (
				<Text inverse={selected} color={marksRole === undefined ? undefined : paint(marksRole)}>
					{' '}
					{fit(marks, layout.marks, 'left', ellipsis)}
				</Text>
			)}
		</Box>
	);
});
