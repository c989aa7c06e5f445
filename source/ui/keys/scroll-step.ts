import type {Command} from './keymap.js';

/**
 * How far a scroll-only screen (help, the events log) moves for a command: a line for the arrows and j/k, a page less
 * a line for PgUp/PgDn, everything for Home/End; undefined for a command that does not scroll.
 * @param lines Lines the screen has. @param height Lines it shows.
 */
export function scrollStep(command: Command, lines: number, height: number): number | undefined {
	switch (command) {
		case 'up':
		case 'down': {
			return command === 'up' ? -1 : 1;
		}

		case 'page-up':
		case 'page-down': {
			return (command === 'page-up' ? -1 : 1) * Math.max(1, height - 1);
		}

		case 'first':
		case 'last': {
			return command === 'first' ? -lines : lines;
		}

		default: {
			return undefined;
		}
	}
}
