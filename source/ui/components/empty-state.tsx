import React from 'react';
import {Box, Text} from 'ink';
import type {Feature} from '../keys/keymap.js';
import {useTheme} from '../theme/theme.js';

export interface EmptyStateProps {
	width: number;
	/** Set when rows exist but the filter hides all of them. */
	filter?: string;
	/** The screens offered: D and S are mentioned when there. */
	features?: readonly Feature[];
}

/** What to do when there is nothing to show. */
export function EmptyState({width, filter, features = []}: EmptyStateProps) {
	const {paint} = useTheme();
	const key = (text: string) => (
		<Text bold color={paint('key')}>
			{text}
		</Text>
	);
	if (filter !== undefined && filter !== '') {
		return (
			<Box flexDirection="column" width={width} paddingX={1}>
				<Text wrap="wrap">No rows match &quot;{filter}&quot;.</Text>
				<Text wrap="wrap">
					Press {key('Esc')} to clear the filter or {key('/')} to change it.
				</Text>
			</Box>
		);
	}

	return (
		<Box flexDirection="column" width={width} paddingX={1}>
			<Text wrap="wrap" bold>
				No aggregations tracked yet.
			</Text>
			<Text> </Text>
			<Text wrap="wrap">
				Press {key('a')} to add aggregation ids: type or paste one or more (32 hex characters each, the task id that load-accounts returns),
				separated by spaces, commas or new lines.
			</Text>
			{features.includes('discover') ? <Text wrap="wrap">Press {key('D')} to pick aggregations that are running now.</Text> : null}
			{features.includes('start') ? (
				<Text wrap="wrap">Press {key('S')} to start an account aggregation on a source (asks first).</Text>
			) : null}
			<Text wrap="wrap">Just looking? Start with {key('aggwatch --demo')} to watch a simulated tenant.</Text>
			<Text wrap="wrap">
				{key('?')} lists every key, {key('q')} quits.
			</Text>
		</Box>
	);
}
