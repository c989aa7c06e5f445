import {useCallback} from 'react';
import type {Command} from '../../keys/keymap.js';
import {scrollStep} from '../../keys/scroll-step.js';
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
			const by = scrollStep(command, lines, height);
			if (by !== undefined) {
				view.apply({type: 'scroll-help', by, max: Math.max(0, lines - height)});
				return true;
			}

			switch (command) {
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
