import React, {memo, useCallback} from 'react';
import {Transform} from 'ink';
import {segmentsWidth, styleSegments, type Segment} from '../text/segments.js';

export interface StyledLineProps {
	segments: readonly Segment[];
}

/**
 * One line drawn from pre-styled segments, as a single Ink node.
 *
 * Ink lays the line out as a blank of the line's width and the transform draws the styled text in its place. Ink
 * measures each text by its whole string and keeps the result for the life of the process; a row's text changes
 * every second (spinner, elapsed time), but its blank only when its width does, so the cache stays small.
 */
export function StyledLine({segments}: StyledLineProps) {
	return <StyledText line={styleSegments(segments)} width={segmentsWidth(segments)} />;
}

interface StyledTextProps {
	/** The line with its SGR sequences. */
	line: string;
	/** Columns it takes. */
	width: number;
}

/**
 * The Ink node of a StyledLine, kept while the styled string is the same: a line that did not change since the
 * last frame (an ended row, a row between its answers) is not handed to Ink again.
 */
const StyledText = memo(function StyledText({line, width}: StyledTextProps) {
	// A line too wide for its place is wrapped by Ink into more blank lines: those stay blank.
	const draw = useCallback((_blank: string, index: number) => (index === 0 ? line : ''), [line]);
	return <Transform transform={draw}>{' '.repeat(width)}</Transform>;
});
