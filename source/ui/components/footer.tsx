import React, {memo} from 'react';
import {Text} from 'ink';
import {footerHints, type Hint, type KeyContext} from '../keys/keymap.js';
import {useTheme} from '../theme/theme.js';

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

export interface KeyFooterProps {
	/** What the keys can do now (the hints are footerHints of it). */
	context: KeyContext;
	width: number;
}

function sameContext(a: KeyContext, b: KeyContext): boolean {
	const keys = new Set([...Object.keys(a), ...Object.keys(b)] as Array<keyof KeyContext>);
	for (const key of keys) {
		if (a[key] !== b[key]) {
			return false;
		}
	}

	return true;
}

/**
 * The footer of the keymap's hints for `context`. The context is a new object at every tick but rarely says
 * anything new, so the hints are worked out and drawn again only when one of its fields (or the width) changes.
 */
export const KeyFooter = memo(
	function KeyFooter({context, width}: KeyFooterProps) {
		const {glyphs} = useTheme();
		return <Footer hints={footerHints(context, glyphs)} width={width} />;
	},
	(before, after) => before.width === after.width && sameContext(before.context, after.context),
);
