import React from 'react';
import {Text} from 'ink';
import type {Message} from '../state/screen-state.js';
import {useTheme, type ColorRole} from '../theme/theme.js';

const ROLES: Record<Message['level'], ColorRole> = {error: 'error', warning: 'warning', info: 'done'};

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
