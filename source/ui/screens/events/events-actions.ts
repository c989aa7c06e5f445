import {logEvents, markSeen, type LoggedEvent} from '../../../alerts/events-log.js';
import {clamp} from '../../state/list-selection.js';
import {toNormal, toScreen, type ViewState} from '../../state/screen-state.js';

/**
 * The events log's actions (E): it opens at its top (the newest event) and marks every event seen; it scrolls
 * within its lines; events logged while it is open are seen at once. Pure.
 */
export type EventsAction =
	| {type: 'open-events'}
	| {type: 'scroll-events'; by: number; max: number}
	/** Events that happened (the last is the newest): ends and stalls come with their flashes (`alerted`). */
	| {type: 'logged'; events: LoggedEvent[]};

const EVENTS_ACTIONS: Record<EventsAction['type'], true> = {'open-events': true, 'scroll-events': true, logged: true};

export function isEventsAction(action: {type: string}): action is EventsAction {
	return action.type in EVENTS_ACTIONS;
}

/** `view` with `events` logged: seen already when the log is on screen. */
export function withEvents(view: ViewState, events: readonly LoggedEvent[]): ViewState {
	if (events.length === 0) {
		return view;
	}

	const logged = logEvents(view.events, events);
	return {...view, events: view.mode === 'events' ? markSeen(logged) : logged};
}

export function reduceEvents(view: ViewState, action: EventsAction): ViewState {
	switch (action.type) {
		case 'open-events': {
			return toScreen(view, {mode: 'events', eventsScroll: 0}, {notice: undefined, events: markSeen(view.events)});
		}

		case 'scroll-events': {
			if (view.mode !== 'events') {
				return view;
			}

			const eventsScroll = clamp(view.eventsScroll + action.by, 0, Math.max(0, action.max));
			return eventsScroll === view.eventsScroll ? view : {...view, eventsScroll};
		}

		case 'logged': {
			return withEvents(view, action.events);
		}
	}
}

/** Esc or E closes the log. */
export function cancelEvents(view: ViewState): ViewState {
	return toNormal(view);
}
