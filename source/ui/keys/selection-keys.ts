import type {ListView, SelectionAction} from '../state/list-selection.js';
import type {Command} from './keymap.js';

/**
 * The selection a moving command asks for on a list as on screen (up, down, page up and down, first, last), for
 * every list: the monitor's and each picker's. Undefined for any other command.
 */
export function selectionFor(command: Command, list: ListView): SelectionAction | undefined {
	switch (command) {
		case 'up':
		case 'down': {
			return {type: 'move', by: command === 'up' ? -1 : 1, list};
		}

		case 'page-up':
		case 'page-down': {
			return {type: 'page', by: command === 'page-up' ? -1 : 1, list};
		}

		case 'first':
		case 'last': {
			return {type: 'jump', to: command, list};
		}

		default: {
			return undefined;
		}
	}
}
