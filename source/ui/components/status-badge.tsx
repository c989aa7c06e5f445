import React from 'react';
import {Text} from 'ink';
import {badgeText, type Badge} from '../badge.js';
import {fit} from '../layout.js';
import {useTheme} from '../theme.js';

export interface StatusBadgeProps {
	badge: Badge;
	/** Pad or cut to this many cells; the full text otherwise. */
	width?: number;
}

/** Symbol, word and colour: any one of them tells the status. */
export function StatusBadge({badge, width}: StatusBadgeProps) {
	const {glyphs, paint} = useTheme();
	const text = badgeText(badge, glyphs);
	return <Text color={paint(badge.role)}>{width === undefined ? text : fit(text, width, 'left', glyphs.ellipsis)}</Text>;
}
