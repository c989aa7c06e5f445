import React from 'react';
import {Box, Text} from 'ink';
import type {DetailContent, DetailField} from '../text/detail-fields.js';
import {useTheme} from '../theme/theme.js';
import {fit} from '../../domain/text.js';

export interface DetailPaneProps {
	/** What the pane is about, e.g. the row's label. */
	title: string;
	content: DetailContent;
	width: number;
	/** Lines available, the title included. Content that does not fit is cut off. */
	height: number;
}

/** Fits "Marked for deletion" and a space. */
const LABEL_WIDTH = 20;
/** Two columns of fields from this width on. */
const TWO_COLUMNS_FROM = 96;

function columnsFor(width: number): number {
	return width >= TWO_COLUMNS_FROM ? 2 : 1;
}

/** Lines the pane wants at this width (title included). */
export function detailHeight(content: DetailContent, width: number): number {
	return 1 + Math.ceil(content.fields.length / columnsFor(width)) + content.lines.length;
}

function Field({field, width}: {field: DetailField; width: number}) {
	const {glyphs, paint} = useTheme();
	const labelWidth = width >= 2 * LABEL_WIDTH ? LABEL_WIDTH : Math.max(1, Math.floor(width / 2));
	return (
		<Text wrap="truncate">
			<Text color={paint('muted')}>{fit(field.label, labelWidth - 1, 'left', glyphs.ellipsis)} </Text>
			<Text color={field.role === undefined ? undefined : paint(field.role)}>
				{fit(field.value, Math.max(0, width - labelWidth), 'left', glyphs.ellipsis)}
			</Text>
		</Text>
	);
}

/** Everything about the selected row (or history entry), below the list. */
export function DetailPane({title: about, content, width, height}: DetailPaneProps) {
	const {glyphs, paint} = useTheme();
	const columns = columnsFor(width);
	const columnWidth = Math.floor((width - (columns - 1) * 2) / columns);
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
			<Text wrap="truncate" color={paint('accent')}>
				{titleLength >= width ? titleLine : title + rule.repeat(width - titleLength)}
			</Text>
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
