import React, {memo} from 'react';
import type {RowInsight} from '../../core/insight.js';
import type {ErrorNote, TrackedRow} from '../../core/types.js';
import {formatRate} from '../../core/durations.js';
import {badgeText} from '../theme/badge.js';
import {marksText, rowNotes, type RowNote} from '../text/insight-text.js';
import type {RowLayout} from '../text/layout.js';
import {rowCells} from '../text/row-cells.js';
import type {Segment} from '../text/segments.js';
import {useSpinnerFrame} from './spinner-clock.js';
import {useTheme} from '../theme/theme.js';
import {barSegments, barText} from './progress-bar.js';
import {StyledLine} from './styled-line.js';
import {fit} from '../../domain/text.js';

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
 * One list line: the cells of rowCells, each with its leading gap, as styled segments drawn by one StyledLine (one
 * Ink node per row). A selected line is reversed; a flashing line is reversed and bold in the outcome's colour
 * (a coloured bar across the screen; without colour, reversed and bold).
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
	const spinnerFrame = useSpinnerFrame();
	const tenantColumn = withTenant && layout.tenant > 0;
	const found = rowCells(row, now, intervalMs, withTenant && !tenantColumn, tenantError, idText);
	// A stalled row looks stalled: its counts stopped, so no spinner, a rate of 0/s and no ETA.
	const cells = insight?.stall === undefined ? found : {...found, spinning: false, rate: formatRate(0), eta: ''};
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
	const inverse = selected || flash !== undefined;
	const flashColor = flash === undefined ? undefined : paint(flash === 'success' ? 'done' : 'failed');
	const bold = flash !== undefined;
	/** The style of a plain cell; a flashing line is all in the flash's colour. */
	const plain: Omit<Segment, 'text'> = {inverse, bold, color: flashColor};
	// Each cell carries its leading gap, so inverse video runs unbroken along a selected line.
	const cell = (text: string, width: number, align: 'left' | 'right' = 'right', style = plain): Segment[] =>
		width > 0 ? [{...style, text: ` ${fit(text, width, align, ellipsis)}`}] : [];

	const segments: Segment[] = [
		{inverse, bold, color: flashColor ?? (selected ? undefined : paint('accent')), text: `${selected ? glyphs.cursor : ' '} `},
		cells.spinning && !paused
			? {inverse, color: flashColor ?? paint(cells.badge.role), text: spinnerFrame}
			: {inverse, color: flashColor, text: ' '},
		...(tenantColumn ? cell(row.tenant, layout.tenant, 'left', {...plain, color: flashColor ?? paint('accent')}) : []),
		...cell(cells.label, layout.label, 'left', {...plain, bold: selected || bold}),
		...(flash === undefined
			? [
					{...plain, text: ' '},
					{...plain, color: paint(cells.badge.role), text: fit(badgeText(cells.badge, glyphs), layout.badge, 'left', ellipsis)},
				]
			: cell(badgeText(cells.badge, glyphs), layout.badge, 'left')),
		...(layout.bar > 0
			? [
					{inverse, color: flashColor, text: ' '},
					...(flash === undefined
						? barSegments(cells.percent, layout.bar, glyphs, paint, {inverse})
						: [{inverse, color: flashColor, text: barText(cells.percent, layout.bar, glyphs)}]),
				]
			: []),
		...cell(cells.counts, layout.counts),
		...cell(percentText, layout.percent),
		...cell(cells.rate, layout.rate),
		...cell(cells.eta, layout.eta),
		...cell(cells.elapsed, layout.elapsed),
		...(marks === ''
			? []
			: cell(marks, layout.marks, 'left', {inverse, color: flashColor ?? (marksRole === undefined ? undefined : paint(marksRole))})),
	];
	return <StyledLine segments={segments} />;
});
