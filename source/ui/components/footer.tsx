import React from 'react';
import {Text} from 'ink';
import type {Hint} from '../keymap.js';
import {useTheme} from '../theme.js';

export interface FooterProps {
	/** Most important first; as many as fit are shown. */
	hints: readonly Hint[];
	width: number;
}

const GAP = '  ';

/** The hints that fit in `width`, keeping their order. */
export function fittingHints(hints: readonly Hint[], width: number): Hint[] {
	const kept: Hint[] = [];
	let used = 0;
	for (const hint of hints) {
		const size = [...hint.keys].length + 1 + [...hint.label].length + (kept.length === 0 ? 0 : GAP.length);
		if (used + size > width) {
			continue;
		}

		kept.push(hint);
		used += size;
	}

	return kept;
}

/** One line of key hints, generated from the keymap for the current mode. */
export function Footer({hints, width}: FooterProps) {
	const {paint} = useTheme();
	return (
		<Text wrap="truncate">
			{fittingHints(hints, width).map((hint, index) => (
				<Text key={`${hint.keys} ${hint.label}`}>
					{index === 0 ? '' : GAP}
					<Text bold color={paint('key')}>
						{hint.keys}
					</Text>
					<Text color={paint('muted')}> {hint.label}</Text>
				</Text>
			))}
		</Text>
	);
}
