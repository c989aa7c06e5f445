import React from 'react';
import {Box, Text} from 'ink';
import type {VisibleWindow} from '../state/list-selection.js';
import {LoadingSpinner} from './spinner-clock.js';
import {useTheme, type ColorRole} from '../theme/theme.js';
import type {Message} from '../state/screen-state.js';
import {MessageLine} from './message-line.js';
import {fit} from '../../domain/text.js';

/** A piece of an entry's line, in one colour. */
export interface Segment {
	text: string;
	role?: ColorRole;
}

/** What a picker's bottom line says, in order of precedence: loading, the load error, a message, or that it is empty. */
export interface PickerStatus {
	/** Shown with a spinner while the items load. */
	loading?: string;
	/** Why loading failed, with what to do. */
	error?: string;
	message?: Message;
	/** Shown when loaded and nothing is left to pick (or the filter hides everything). */
	empty: string;
	/** Entries shown. */
	count: number;
}

/** A status line wraps onto at most this many lines. */
const MAX_STATUS_LINES = 3;

function statusMessage(status: PickerStatus): string | undefined {
	if (status.loading !== undefined) {
		return undefined; // one line with its spinner
	}

	return status.error ?? status.message?.text ?? (status.count === 0 ? status.empty : undefined);
}

/** Lines the status takes at this width (a symbol and a space go before a message). */
export function statusHeight(status: PickerStatus, width: number): number {
	const text = statusMessage(status);
	if (text === undefined) {
		return 1;
	}

	return Math.max(1, Math.min(MAX_STATUS_LINES, Math.ceil(([...text].length + 2) / Math.max(1, width - 4))));
}

export interface PickerProps<T> extends PickerStatus {
	title: string;
	/** Right side of the title line, e.g. "3 of 12, 2 marked". */
	status?: string;
	/**
	 * The filter, on a line under the title: with a cursor while it is being typed (`editing`, after /), else as kept;
	 * the placeholder when there is none.
	 */
	filter?: {value: string; placeholder: string; editing: boolean};
	/** Column titles above the entries. */
	columns?: string;
	/** The entries after filtering, in display order. */
	items: readonly T[];
	keyOf: (item: T) => string;
	/** The entry's line after the cursor (and mark box), as coloured pieces. */
	segments: (item: T) => Segment[];
	/** Keys of the marked entries; when given, every entry gets a [x] / [ ] box. */
	marked?: readonly string[];
	window: VisibleWindow;
	width: number;
	/** Lines available. */
	height: number;
}

/** Lines a picker spends on other things than entries: title, filter, column titles, the status (see statusHeight). */
export function pickerChrome(options: {filter: boolean; columns: boolean; statusLines?: number}): number {
	return 1 + (options.statusLines ?? 1) + (options.filter ? 1 : 0) + (options.columns ? 1 : 0);
}

/**
 * One list to pick from, for every picker and the history view: a title line, an optional filter prompt and
 * column titles, the entries in view (cursor, optional mark box, the entry's own segments), and one status line
 * (loading with a spinner, the load error, a message, or what to do when the list is empty).
 */
export function Picker<T>({
	title,
	status,
	filter,
	columns,
	items,
	keyOf,
	segments,
	marked,
	window,
	loading,
	error,
	empty,
	message,
	count,
	width,
	height,
}: PickerProps<T>) {
	const {glyphs, paint} = useTheme();
	const statusLines = statusHeight({loading, error, message, empty, count}, width);
	const listHeight = Math.max(0, height - pickerChrome({filter: filter !== undefined, columns: columns !== undefined, statusLines}));
	const rule = glyphs.separator === '│' ? '─' : '-';
	const head = `${rule}${rule} ${title} `;
	const tail = status === undefined ? '' : ` ${status}`;
	const fill = Math.max(0, width - [...head].length - [...tail].length);
	const visible = items.slice(window.start, window.end);
	const markSet = marked === undefined ? undefined : new Set(marked);

	let statusLine: React.ReactNode = <Text> </Text>;
	if (loading !== undefined) {
		statusLine = (
			<Text wrap="truncate" color={paint('muted')}>
				<LoadingSpinner color={paint('running')} /> {loading}
			</Text>
		);
	} else if (error !== undefined) {
		statusLine = <MessageLine message={{level: 'error', text: error}} wrap />;
	} else if (message !== undefined) {
		statusLine = <MessageLine message={message} wrap />;
	} else if (count === 0) {
		statusLine = (
			<Text wrap="wrap" color={paint('muted')}>
				{empty}
			</Text>
		);
	}

	return (
		<Box flexDirection="column" width={width} height={height} overflowY="hidden">
			<Text wrap="truncate" color={paint('accent')}>
				{head.length >= width ? fit(head, width, 'left', glyphs.ellipsis) : `${head}${rule.repeat(fill)}`}
				{fill > 0 ? <Text color={paint('muted')}>{tail}</Text> : null}
			</Text>
			{filter === undefined ? null : (
				<Text wrap="truncate">
					<Text bold={filter.editing} color={paint(filter.editing ? 'accent' : 'muted')}>
						Filter {glyphs.cursor}{' '}
					</Text>
					{filter.value === '' && !filter.editing ? <Text color={paint('muted')}>{filter.placeholder}</Text> : <Text>{filter.value}</Text>}
					{filter.editing ? <Text inverse> </Text> : null}
				</Text>
			)}
			{columns === undefined ? null : (
				<Text wrap="truncate" bold color={paint('muted')}>
					{columns}
				</Text>
			)}
			<Box flexDirection="column" height={listHeight} flexShrink={0} overflowY="hidden">
				{visible.map((item, index) => {
					const key = keyOf(item);
					const selected = window.start + index === window.selected;
					const box = markSet === undefined ? '' : markSet.has(key) ? '[x] ' : '[ ] ';
					const lead = `${selected ? glyphs.cursor : ' '} ${box}`;
					const parts = segments(item);
					const used = [...lead].length + parts.reduce((total, part) => total + [...part.text].length, 0);
					return (
						<Text key={key} wrap="truncate">
							<Text inverse={selected} bold={markSet?.has(key)} color={selected ? undefined : paint('accent')}>
								{lead}
							</Text>
							{parts.map((part, partIndex) => (
								<Text key={partIndex} inverse={selected} color={part.role === undefined ? undefined : paint(part.role)}>
									{part.text}
								</Text>
							))}
							{used < width ? <Text inverse={selected}>{' '.repeat(width - used)}</Text> : null}
						</Text>
					);
				})}
			</Box>
			<Box height={statusLines} flexShrink={0} overflowY="hidden">
				{statusLine}
			</Box>
		</Box>
	);
}
