import {useCallback} from 'react';
import type {HistoryEntry} from '../../../history/entry.js';
import type {Command} from '../../keys/keymap.js';
import {moveIn, openFromPicker, useOpenPicker} from '../../picker/picker-keys.js';
import type {MonitorCommands} from '../../monitor/commands.js';
import type {ShownPicker} from '../../picker/use-picker-state.js';
import type {ScreenKeys} from '../../keys/use-monitor-keys.js';
import type {PickerSource} from '../../picker/use-picker-state.js';
import type {ViewStore} from '../../state/use-view-state.js';

export interface HistoryKeysOptions {
	view: ViewStore;
	picker: ShownPicker<HistoryEntry>;
	/** What o asks for (the source's page in ISC). */
	commands: MonitorCommands;
	/** Where the history comes from; absent: H is not offered. */
	load?: PickerSource<HistoryEntry>;
}

/** The history view's keys (H) and its filter prompt (/). */
export function useHistory({view, picker, commands, load}: HistoryKeysOptions): ScreenKeys & {open?: () => void} {
	const {store} = picker;
	const run = useCallback(
		(command: Command): boolean => {
			if (view.current().mode === 'history-filtering') {
				switch (command) {
					case 'submit': {
						view.apply({type: 'close-history-filter'});
						return true;
					}

					case 'cancel': {
						// As in a picker's filter line (k9s): Esc clears the filter and leaves the line.
						store.apply({type: 'clear-filter'});
						view.apply({type: 'close-history-filter'});
						return true;
					}

					case 'erase':
					case 'erase-line': {
						store.apply({type: command});
						return true;
					}

					default: {
						return false;
					}
				}
			}

			if (moveIn(picker, command)) {
				return true;
			}

			switch (command) {
				case 'toggle-detail': {
					if (picker.list.keys.length > 0) {
						view.apply({type: 'toggle-history-detail'});
					}

					return true;
				}

				case 'filter': {
					view.apply({type: 'open-history-filter'});
					return true;
				}

				case 'back': {
					if (view.current().historyDetail) {
						view.apply({type: 'toggle-history-detail'});
					} else if (store.current().filter === '') {
						view.apply({type: 'close-screen'});
					} else {
						store.apply({type: 'clear-filter'});
					}

					return true;
				}

				case 'history': {
					view.apply({type: 'close-screen'});
					return true;
				}

				case 'open-source': {
					// The run's source, found from its task (ISC keeps it 90 days), as on a list row.
					openFromPicker(picker, commands, entry => ({name: entry.source ?? entry.id, tenant: entry.tenant, aggregationId: entry.id}));
					return true;
				}

				case 'reload': {
					if (load !== undefined) {
						store.load(load, 'reload');
					}

					return true;
				}

				default: {
					return false;
				}
			}
		},
		[view, picker, store, load, commands],
	);
	const type = useCallback(
		(text: string) => {
			if (view.current().mode === 'history-filtering') {
				store.apply({type: 'type', text});
			}
		},
		[view, store],
	);
	return {run, type, ...useOpenPicker(view, store, load, 'history')};
}
