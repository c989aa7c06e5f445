import React from 'react';
import {Box, Text} from 'ink';
import type {Message} from '../state/screen-state.js';
import {useTheme} from '../theme/theme.js';
import {MessageLine} from './message-line.js';

export interface PromptProps {
	label: string;
	value: string;
	width: number;
	/** Shown dim while the value is empty. */
	placeholder?: string;
	messages?: readonly Message[];
}

/**
 * A one-line text prompt with a block cursor at the end. Text too long for the line scrolls so the end (where
 * typing happens) stays visible. Messages (validation) go underneath.
 */
export function Prompt({label, value, width, placeholder, messages = []}: PromptProps) {
	const {glyphs, paint} = useTheme();
	const head = `${label} ${glyphs.cursor} `;
	const room = Math.max(1, width - [...head].length - 1);
	const chars = [...value];
	const cut = [...glyphs.ellipsis].length;
	const visible = chars.length > room ? glyphs.ellipsis + chars.slice(chars.length - Math.max(0, room - cut)).join('') : value;
	return (
		<Box flexDirection="column" width={width}>
			<Text wrap="truncate">
				<Text bold color={paint('accent')}>
					{head}
				</Text>
				{value === '' && placeholder ? <Text color={paint('muted')}>{placeholder}</Text> : <Text>{visible}</Text>}
				<Text inverse> </Text>
			</Text>
			{messages.map((message, index) => (
				<MessageLine key={index} message={message} />
			))}
		</Box>
	);
}
