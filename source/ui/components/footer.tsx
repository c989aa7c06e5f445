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

function sizeOf(hint: Hint): number {
	return [...hint.keys].length + 1 + [...hint.label].length;
}

/** The hints that fit in `width`, keeping their order. Room for pinned hints (help, quit) is kept first. */
export function fittingHints(hints: readonly Hint[], width: number): Hint[] {
	let reserved = 0;
	let pinnedCount = 0;
	for (const hint of hints) {
		if (hint.pinned && reserved + sizeOf(hint) + (pinnedCount === 0 ? 0 : GAP.length) <= width) {
			reserved += sizeOf(hint) + (pinnedCount === 0 ? 0 : GAP.length);
			pinnedCount++;
		}
	}

	const kept = new Set<Hint>();
	let used = reserved;
	let pinnedLeft = pinnedCount;
	for (const hint of hints) {
		if (hint.pinned) {
			if (pinnedLeft > 0) {
				kept.add(hint);
				pinnedLeft--;
			}

			continue;
		}

		const size = sizeOf(hint) + (kept.size === 0 && pinnedCount === 0 ? 0 : GAP.length);
		if (used + size > width) {
			continue;
		}

		kept.add(hint);
		used += size;
	}

	return hints.filter(hint => kept.has(hint));
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
