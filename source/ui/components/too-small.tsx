import React from 'react';
import {Box, Text} from 'ink';
import {MIN_COLUMNS, MIN_ROWS} from '../text/layout.js';
import {useTheme} from '../theme/theme.js';

export interface TooSmallProps {
	columns: number;
	rows: number;
}

/** Shown instead of the monitor below MIN_COLUMNS × MIN_ROWS. Polling goes on underneath. */
export function TooSmall({columns, rows}: TooSmallProps) {
	const {paint} = useTheme();
	return (
		<Box flexDirection="column" width={Math.max(1, columns - 1)} height={Math.max(1, rows - 1)}>
			<Text wrap="wrap" bold color={paint('warning')}>
				Make the terminal larger
			</Text>
			<Text wrap="wrap">
				aggwatch needs {MIN_COLUMNS}x{MIN_ROWS}; this is {columns}x{rows}. q quits.
			</Text>
		</Box>
	);
}
