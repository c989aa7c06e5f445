import React from 'react';
import {Box, Text} from 'ink';
import type {DetailContent, DetailField} from '../text/detail-fields.js';
import {useTheme} from '../theme/theme.js';
import {fit} from '../../domain/text.js';
import {wrapText} from '../text/wrap.js';

export interface DetailPaneProps {
	/** What the pane is about, e.g. the row's label. */
	title: string;
	content: DetailContent;
	width: number;
	/** Lines available, the title included. A long value wraps; content that does not fit is cut off at the bottom. */
	height: number;
}

/** Fits "Marked for deletion" and a space. */
const LABEL_WIDTH = 20;
/** Two columns of fields from this width on. */
const TWO_COLUMNS_FROM = 96;

function columnsFor(width: number): number {
	return width >= TWO_COLUMNS_FROM ? 2 : 1;
}

function columnWidthOf(width: number): number {
	const columns = columnsFor(width);
	return Math.floor((width - (columns - 1) * 2) / columns);
}

function labelWidthOf(width: number): number {
	return width >= 2 * LABEL_WIDTH ? LABEL_WIDTH : Math.max(1, Math.floor(width / 2));
}

/** A field's value as the lines it takes beside its label, wrapped at words. */
function valueLines(field: DetailField, width: number): string[] {
	return wrapText(field.value, Math.max(1, width - labelWidthOf(width)));
}

function linesOf(fields: readonly DetailField[], width: number): number {
	return fields.reduce((total, field) => total + valueLines(field, width).length, 0);
}

/** Lines the pane wants at this width (title included), long values wrapped. */
export function detailHeight(content: DetailContent, width: number): number {
	const columns = columnsFor(width);
	const perColumn = Math.ceil(content.fields.length / columns);
	const columnWidth = columnWidthOf(width);
	let grid = 0;
	for (let column = 0; column < columns; column++) {
		grid = Math.max(grid, linesOf(content.fields.slice(column * perColumn, (column + 1) * perColumn), columnWidth));
	}

	return 1 + grid + linesOf(content.lines, width);
}

/** A label and its value; a value longer than the room beside the label goes on under it, indented. */
function Field({field, width}: {field: DetailField; width: number}) {
	const {glyphs, paint} = useTheme();
	const labelWidth = labelWidthOf(width);
	const lines = valueLines(field, width);
	return (
		<Box flexDirection="column" flexShrink={0}>
			{lines.map((line, index) => (
				<Text key={index} wrap="truncate">
					<Text color={paint('muted')}>
						{index === 0 ? `${fit(field.label, labelWidth - 1, 'left', glyphs.ellipsis)} ` : ' '.repeat(labelWidth)}
					</Text>
					<Text color={field.role === undefined ? undefined : paint(field.role)}>{line}</Text>
				</Text>
			))}
		</Box>
	);
}

/** Everything about the selected row (or history entry), below the list. */
export function DetailPane({title: about, content, width, height}: DetailPaneProps) {
	const {glyphs, paint} = useTheme();
	const columns = columnsFor(width);
	const columnWidth = columnWidthOf(width);
	const perColumn = Math.ceil(content.fields.length / columns);
	const rule = glyphs.separator === '│' ? '─' : '-';
	const title = `${rule}${rule} Details: ${about} `;
	const titleLine = fit(title, width, 'left', glyphs.ellipsis);
	const titleLength = [...title].length;
	const grid = [];
	for (let column = 0; column < columns; column++) {
		const slice = content.fields.slice(column * perColumn, (column + 1) * perColumn);
		grid.push(
			<Box key={column} flexDirection="column" width={columnWidth} marginRight={column < columns - 1 ? 2 : 0}>
				{slice.map(field => (
					<Field key={field.label} field={field} width={columnWidth} />
				))}
			</Box>,
		);
	}

	return (
		<Box flexDirection="column" width={width} height={height} overflowY="hidden">
			{/* The title never gives way to the content below it (the pane cuts the content at its bottom instead). */}
			<Box flexShrink={0}>
				<Text wrap="truncate" color={paint('accent')}>
					{titleLength >= width ? titleLine : title + rule.repeat(width - titleLength)}
				</Text>
			</Box>
			<Box flexDirection="row" flexShrink={0}>
				{grid}
			</Box>
			{content.lines.map((field, index) => (
				<Field key={index} field={field} width={width} />
			))}
		</Box>
	);
}

/** `content` with `lines` added at its end (earlier runs under the fields). */
export function withLines(content: DetailContent, lines: DetailContent['lines']): DetailContent {
	return lines.length === 0 ? content : {fields: content.fields, lines: [...content.lines, ...lines]};
}
