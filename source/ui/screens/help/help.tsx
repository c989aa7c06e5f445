import React from 'react';
import {HelpOverlay} from '../../components/help-overlay.js';
import type {Feature} from '../../keys/keymap.js';

export interface HelpProps {
	/** First line on screen (the help state's helpScroll). */
	scroll: number;
	features: readonly Feature[];
	width: number;
	height: number;
}

/** The help screen (?): every key this monitor offers, from the keymap. */
export function Help({scroll, features, width, height}: HelpProps) {
	return <HelpOverlay width={width} height={height} scroll={scroll} features={features} />;
}
