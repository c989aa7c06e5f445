import React from 'react';
import {Text} from 'ink';
import {useTheme} from '../theme/theme.js';

export interface ConfirmProps {
	question: string;
}

/** A yes/no question, no by default (Enter says no); the footer lists the keys. */
export function Confirm({question}: ConfirmProps) {
	const {paint} = useTheme();
	return (
		<Text wrap="truncate">
			<Text bold color={paint('warning')}>
				{question}
			</Text>
			<Text color={paint('muted')}> (y/N)</Text>
		</Text>
	);
}
