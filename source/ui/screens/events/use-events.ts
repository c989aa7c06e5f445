import {useCallback} from 'react';
import type {Command} from '../../keys/keymap.js';
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
			const max = Math.max(0, lines - height);
			switch (command) {
				case 'up':
				case 'down': {
					view.apply({type: 'scroll-events', by: command === 'up' ? -1 : 1, max});
					return true;
				}

				case 'page-up':
				case 'page-down': {
					view.apply({type: 'scroll-events', by: (command === 'page-up' ? -1 : 1) * Math.max(1, height - 1), max});
					return true;
				}

				case 'first':
				case 'last': {
					view.apply({type: 'scroll-events', by: command === 'first' ? -lines : lines, max});
					return true;
				}

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
