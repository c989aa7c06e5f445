import React from 'react';
import {Box, Text} from 'ink';
import type {Message} from '../state/screen-state.js';
import {useTheme, type ColorRole} from '../theme/theme.js';

const ROLES: Record<Message['level'], ColorRole> = {error: 'error', warning: 'warning', info: 'done'};

/** A notice wraps onto at most this many lines (an address to read and copy, e.g. o's, is longer than 80 columns). */
const MAX_NOTICE_LINES = 3;

/**
 * Lines a wrapped message takes at `width` (its symbol and a space first), at most `max`, as Ink wraps it (wrap-ansi,
 * hard): a word that fits no line is cut, starting on the current line unless starting on a new one takes fewer.
 */
export function messageHeight(message: Message, width: number, max = MAX_NOTICE_LINES): number {
	const room = Math.max(1, width);
	let lines = 1;
	let used = 0;
	for (const word of `# ${message.text}`.split(' ')) {
		const length = [...word].length;
		const start = used === 0 ? 0 : used + 1;
		if (start + length <= room) {
			used = start + length;
		} else if (length > room && Math.floor((length - 1) / room) >= 1 + Math.floor((length - (room - start) - 1) / room)) {
			lines += Math.floor((start + length - 1) / room);
			used = ((start + length - 1) % room) + 1;
		} else {
			lines += (used === 0 ? 0 : 1) + Math.floor((length - 1) / room);
			used = ((length - 1) % room) + 1;
		}
	}

	return Math.min(max, lines);
}

/** A validation or status message, with a symbol for its level so it reads without colour. One line unless `wrap`. */
export function MessageLine({message, wrap = false}: {message: Message; wrap?: boolean}) {
	const {glyphs, paint} = useTheme();
	const symbol = {error: glyphs.terminated, warning: glyphs.warning, info: glyphs.completed}[message.level];
	return (
		<Text wrap={wrap ? 'wrap' : 'truncate'} color={paint(ROLES[message.level])}>
			{symbol} {message.text}
		</Text>
	);
}

/** A notice under a list: wrapped onto the lines messageHeight gives it, and no more. */
export function NoticeLines({message, width}: {message: Message; width: number}) {
	return (
		<Box height={messageHeight(message, width)} flexShrink={0} overflowY="hidden">
			<MessageLine wrap message={message} />
		</Box>
	);
}
