import {useMemo} from 'react';
import type {EventsLog} from '../../../alerts/events-log.js';
import {useTheme} from '../../theme/theme.js';
import {eventLines, type EventLine} from './event-lines.js';

export interface EventsScreenState {
	lines: EventLine[];
	/** Events in the log. */
	count: number;
}

/** The events log's lines at this width (worked out only while it is open). */
export function useEventsState({
	log,
	active,
	width,
	now,
}: {
	log: EventsLog;
	active: boolean;
	width: number;
	now: number;
}): EventsScreenState {
	const {glyphs} = useTheme();
	// The times say the date only on another day: `now`'s day is enough to redo them.
	const day = new Date(now).toDateString();
	const lines = useMemo(
		() => (active ? eventLines(log.events, width, Date.parse(day), glyphs) : []),
		[active, log.events, width, day, glyphs],
	);
	return {lines, count: log.events.length};
}
