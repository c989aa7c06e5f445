import React from 'react';
import {Box, Text} from 'ink';
import {useTheme} from '../../theme/theme.js';
import {eventsTitle, type EventLine} from './event-lines.js';

export interface EventsProps {
	lines: readonly EventLine[];
	count: number;
	/** First line on screen (the events state's eventsScroll). */
	scroll: number;
	width: number;
	height: number;
}

/** The events log (E): every alert of the session, newest first, each with its time. */
export function Events({lines, count, scroll, width, height}: EventsProps) {
	const {paint} = useTheme();
	const shown = lines.slice(scroll, scroll + Math.max(0, height - 1));
	return (
		<Box flexDirection="column" width={width}>
			<Text bold wrap="truncate">
				{eventsTitle(count)}
			</Text>
			{shown.map(line => (
				<Text key={line.key} wrap="truncate">
					<Text color={paint('muted')}>{line.time}</Text> <Text color={paint(line.role)}>{line.mark}</Text>{' '}
					<Text color={paint(line.role)}>{line.text}</Text>
				</Text>
			))}
		</Box>
	);
}
