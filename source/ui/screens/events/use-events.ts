import {useCallback} from 'react';
import type {Command} from '../../keys/keymap.js';
import {scrollStep} from '../../keys/scroll-step.js';
import type {ScreenKeys} from '../../keys/use-monitor-keys.js';
import type {ViewStore} from '../../state/use-view-state.js';

export interface EventsKeysOptions {
	view: ViewStore;
	/** Lines the log has. */
	lines: number;
	/** Lines it shows (the body less its title). */
	height: number;
}

/** The events log's keys (E): the arrows, j/k, pages, Home and End scroll it; E or Esc goes back. */
export function useEvents({view, lines, height}: EventsKeysOptions): ScreenKeys {
	const run = useCallback(
		(command: Command): boolean => {
			const by = scrollStep(command, lines, height);
			if (by !== undefined) {
				view.apply({type: 'scroll-events', by, max: Math.max(0, lines - height)});
				return true;
			}

			switch (command) {
				case 'events':
				case 'back': {
					view.apply({type: 'cancel'});
					return true;
				}

				default: {
					return false;
				}
			}
		},
		[view, lines, height],
	);
	return {run};
}
