import React, {createContext, useContext, useEffect, useState, type ReactNode} from 'react';
import {Text} from 'ink';
import {useTheme} from './theme.js';

/**
 * One timer animates every spinner on screen. ink-spinner gives each instance its own interval, and in Ink every
 * state change is a commit plus a full layout pass, so fifty running rows would mean fifty layouts per frame.
 * Here the frame index lives in one context: a tick re-renders only the spinner leaves, once per interval.
 * The frames are ink-spinner's own (cli-spinners "dots", and "line" for ASCII terminals), at a slower pace
 * (see Glyphs.spinner): every tick makes Ink lay out and draw the whole screen, which is most of the idle CPU.
 */

const FrameContext = createContext(0);

export interface SpinnerClockProps {
	/** Run the timer. Pass false when no spinner is visible, so an idle screen costs nothing. */
	active: boolean;
	children?: ReactNode;
}

export function SpinnerClock({active, children}: SpinnerClockProps) {
	const {glyphs} = useTheme();
	const [frame, setFrame] = useState(0);
	const {frames, intervalMs} = glyphs.spinner;

	useEffect(() => {
		if (!active) {
			return;
		}

		const timer = setInterval(() => {
			setFrame((previous) => (previous + 1) % frames.length);
		}, intervalMs);
		return () => {
			clearInterval(timer);
		};
	}, [active, frames, intervalMs]);

	return <FrameContext.Provider value={frame}>{children}</FrameContext.Provider>;
}

/** The current spinner glyph. */
export function useSpinnerFrame(): string {
	const {glyphs} = useTheme();
	const frame = useContext(FrameContext);
	const {frames} = glyphs.spinner;
	return frames[frame % frames.length] ?? frames[0] ?? '*';
}

export interface SpinnerProps {
	color?: string;
}

/** A spinner glyph driven by the nearest SpinnerClock. */
export function Spinner({color}: SpinnerProps) {
	const glyph = useSpinnerFrame();
	return <Text color={color}>{glyph}</Text>;
}
