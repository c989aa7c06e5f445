import {useCallback} from 'react';
import type {Command} from '../../keys/keymap.js';
import type {ScreenKeys} from '../../keys/use-monitor-keys.js';
import type {ViewStore} from '../../state/use-view-state.js';

export interface HelpKeysOptions {
	view: ViewStore;
	/** Lines the help has. */
	lines: number;
	/** Lines it shows. */
	height: number;
}

/** The help overlay's keys (?): the arrows, pages, Home and End scroll it; ? or Esc closes it. */
export function useHelp({view, lines, height}: HelpKeysOptions): ScreenKeys {
	const run = useCallback(
		(command: Command): boolean => {
			const max = Math.max(0, lines - height);
			switch (command) {
				case 'up':
				case 'down': {
					view.apply({type: 'scroll-help', by: command === 'up' ? -1 : 1, max});
					return true;
				}

				case 'page-up':
				case 'page-down': {
					view.apply({type: 'scroll-help', by: (command === 'page-up' ? -1 : 1) * Math.max(1, height - 1), max});
					return true;
				}

				case 'first':
				case 'last': {
					view.apply({type: 'scroll-help', by: command === 'first' ? -lines : lines, max});
					return true;
				}

				case 'close-help': {
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
