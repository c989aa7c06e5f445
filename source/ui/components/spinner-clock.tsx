import React, {createContext, useContext, type ReactNode} from 'react';
import {Text} from 'ink';
import InkSpinner from 'ink-spinner';
import {useTheme} from '../theme/theme.js';

/**
 * The spinners move with the monitor's own clock: SpinnerClock has no timer. Every timer tick in Ink is a commit
 * plus a full layout and draw of the screen, so a spinner timer of its own would cost a frame per step; driven by
 * the monitor's tick (which also brings new poll results and countdowns), the screen is drawn once per step in all.
 * The frames are ink-spinner's own (cli-spinners "dots", and "line" for ASCII terminals).
 *
 * Something that loads for a moment (a picker's list) uses ink-spinner itself (LoadingSpinner): its own 80 ms timer
 * costs a frame per step, but only until the answer comes, and it moves even while the monitor's clock stands still.
 */

const FrameContext = createContext(0);
/** Whether spinners may move at all (false: --no-animation, a still screen). */
const AnimateContext = createContext(true);

export interface SpinnerClockProps {
	/** Whether spinners are moving (they stand still while polling is paused or nothing runs). */
	active: boolean;
	/** Spinners may move at all (default true); false also stills LoadingSpinner. */
	animate?: boolean;
	/** The monitor's clock (epoch ms): the frame is now ÷ the glyph set's interval. */
	now: number;
	children?: ReactNode;
}

export function SpinnerClock({active, animate = true, now, children}: SpinnerClockProps) {
	const {glyphs} = useTheme();
	const frame = active && animate ? Math.floor(now / glyphs.spinner.intervalMs) : 0;
	return (
		<AnimateContext.Provider value={animate}>
			<FrameContext.Provider value={frame}>{children}</FrameContext.Provider>
		</AnimateContext.Provider>
	);
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

/**
 * A spinner for a short wait (a list loading): ink-spinner with the glyph set's frames ("dots", or "line" for ASCII
 * terminals), or a still first frame when animation is off.
 */
export function LoadingSpinner({color}: SpinnerProps) {
	const {ascii, glyphs} = useTheme();
	const animate = useContext(AnimateContext);
	if (!animate) {
		return <Text color={color}>{glyphs.spinner.frames[0] ?? '*'}</Text>;
	}

	return (
		<Text color={color}>
			<InkSpinner type={ascii ? 'line' : 'dots'} />
		</Text>
	);
}
