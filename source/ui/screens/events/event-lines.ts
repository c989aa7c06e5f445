import {EVENTS_KEPT, type LoggedEvent} from '../../../alerts/events-log.js';
import type {ColorRole, Glyphs} from '../../theme/theme.js';
import {clockTime} from '../../text/clock-text.js';
import {wrapText} from '../../text/wrap.js';

/** One line of the events log: an event's time and mark on its first line, its text wrapped below. */
export interface EventLine {
	key: string;
	time: string;
	mark: string;
	text: string;
	role: ColorRole;
}

const ROLE: Record<LoggedEvent['severity'], ColorRole> = {success: 'done', warning: 'warning', failure: 'failed'};

function markOf(event: LoggedEvent, glyphs: Glyphs): string {
	switch (event.kind) {
		case 'stalled': {
			return glyphs.stalled;
		}

		case 'tenant-paused': {
			return glyphs.rateLimited;
		}

		case 'tenant-stopped': {
			return glyphs.terminated;
		}

		case 'ended': {
			return event.severity === 'success' ? glyphs.completed : event.severity === 'warning' ? glyphs.warning : glyphs.terminated;
		}
	}
}

/** The log's title line. */
export function eventsTitle(count: number): string {
	return count === 0
		? 'Events: none yet this session'
		: `Events, newest first: ${count}${count >= EVENTS_KEPT ? ` (the last ${EVENTS_KEPT} are kept)` : ''}`;
}

/** The events as lines `width` wide, newest first: long texts wrap at words under their first line rather than being cut. */
export function eventLines(events: readonly LoggedEvent[], width: number, now: number, glyphs: Glyphs): EventLine[] {
	const lines: EventLine[] = [];
	for (const [index, event] of events.entries()) {
		const time = clockTime(event.at, now);
		const indent = [...time].length + 3;
		const room = Math.max(10, width - indent);
		const role = ROLE[event.severity];
		// Wrapped at words, as the details pane and the help are: no word is split across lines.
		for (const [part, text] of wrapText(event.text, room).entries()) {
			lines.push({
				key: `${index}:${part}`,
				time: part === 0 ? time : ' '.repeat([...time].length),
				mark: part === 0 ? markOf(event, glyphs) : ' ',
				text,
				role,
			});
		}
	}

	return lines;
}
