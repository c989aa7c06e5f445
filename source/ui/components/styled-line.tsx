import React, {useCallback} from 'react';
import {Transform} from 'ink';
import {segmentsWidth, styleSegments, type Segment} from '../segments.js';

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
	const line = styleSegments(segments);
	// A line too wide for its place is wrapped by Ink into more blank lines: those stay blank.
	const draw = useCallback((_blank: string, index: number) => (index === 0 ? line : ''), [line]);
	return <Transform transform={draw}>{' '.repeat(segmentsWidth(segments))}</Transform>;
}
