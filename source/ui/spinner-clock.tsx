import React, {createContext, useContext, type ReactNode} from 'react';
import {Text} from 'ink';
import {useTheme} from './theme.js';

/**
 * The spinners move with the monitor's own clock: SpinnerClock has no timer. Every timer tick in Ink is a commit
 * plus a full layout and draw of the screen, so a spinner timer of its own would cost a frame per step; driven by
 * the monitor's tick (which also brings new poll results and countdowns), the screen is drawn once per step in all.
 * The frames are ink-spinner's own (cli-spinners "dots", and "line" for ASCII terminals).
 */

const FrameContext = createContext(0);

export interface SpinnerClockProps {
	/** Whether spinners are moving (they stand still while polling is paused or nothing runs). */
	active: boolean;
	/** The monitor's clock (epoch ms): the frame is now ÷ the glyph set's interval. */
	now: number;
	children?: ReactNode;
}

export function SpinnerClock({active, now, children}: SpinnerClockProps) {
	const {glyphs} = useTheme();
	const frame = active ? Math.floor(now / glyphs.spinner.intervalMs) : 0;
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
