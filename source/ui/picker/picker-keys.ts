import {useCallback} from 'react';
import type {MonitorCommands, SourcePageTarget} from '../monitor/commands.js';
import {openingNotice, openSourceInBackground} from '../monitor/open-source.js';
import type {Command} from '../keys/keymap.js';
import {selectionFor} from '../keys/selection-keys.js';
import {selectedIndexIn} from '../state/list-selection.js';
import type {PickerSource, PickerStore, ShownPicker} from './use-picker-state.js';
import type {ViewStore} from '../state/use-view-state.js';
import {isPickerFilterMode} from '../state/mode.js';

/** What the picker screens (discover, sources, history) do the same way with their keys. */

export function selectedOf<T>(picker: ShownPicker<T>): T | undefined {
	const index = selectedIndexIn(picker.store.current(), picker.list.keys);
	return index === -1 ? undefined : picker.shown[index];
}

/** A selection command (move, page, jump) applied to a picker's list; false for other commands. */
export function moveIn<T>(picker: ShownPicker<T>, command: Command): boolean {
	const selection = selectionFor(command, picker.list);
	if (selection === undefined) {
		return false;
	}

	picker.store.apply(selection);
	return true;
}

/**
 * What every picker (D, S) does the same way, as k9s does: j/k and the arrows move, / opens the filter line, where
 * letters type; Enter there keeps the filter (j/k move again), Esc there clears it and leaves the line. Outside the
 * line, Esc clears a kept filter, else closes the picker. Ctrl-R loads the list again.
 */
export function pickerCommand<T>(picker: ShownPicker<T>, command: Command, load: PickerSource<T> | undefined, view: ViewStore): boolean {
	if (command === 'reload') {
		if (load !== undefined) {
			picker.store.load(load, 'reload');
		}

		return true;
	}

	if (isPickerFilterMode(view.current().mode)) {
		switch (command) {
			case 'erase':
			case 'erase-line': {
				picker.store.apply({type: command});
				return true;
			}

			case 'submit': {
				view.apply({type: 'picker-filter', editing: false});
				return true;
			}

			case 'cancel': {
				picker.store.apply({type: 'clear-filter'});
				view.apply({type: 'picker-filter', editing: false});
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
		case 'filter': {
			view.apply({type: 'picker-filter', editing: true});
			return true;
		}

		case 'back': {
			if (picker.store.current().filter === '') {
				view.apply({type: 'close-screen'});
			} else {
				picker.store.apply({type: 'clear-filter'});
			}

			return true;
		}

		default: {
			return false;
		}
	}
}

/** Opening a picker screen: shows it and loads its list. No `open` when there is no list to load. */
export function useOpenPicker<T>(
	view: ViewStore,
	store: PickerStore<T>,
	load: PickerSource<T> | undefined,
	mode: 'discover' | 'sources' | 'history',
): {open?: () => void} {
	const open = useCallback(() => {
		if (load !== undefined) {
			view.apply({type: 'open-screen', mode});
			store.load(load);
		}
	}, [view, store, load, mode]);
	return load === undefined ? {} : {open};
}

/** A filtered picker's (discover, sources) typing, which edits the filter while its filter line is open, and its opening. */
export function usePickerEntry<T>(
	view: ViewStore,
	picker: ShownPicker<T>,
	load: PickerSource<T> | undefined,
	mode: 'discover' | 'sources',
): {type: (text: string) => void; open?: () => void} {
	const type = useCallback(
		(text: string) => {
			if (isPickerFilterMode(view.current().mode)) {
				picker.store.apply({type: 'type', text});
			}
		},
		[picker, view],
	);
	return {type, ...useOpenPicker(view, picker.store, load, mode)};
}

/** o in a picker: opens the ISC page of the selected entry's source, saying so on the picker's line, then what came of it. */
export function openFromPicker<T>(
	picker: ShownPicker<T>,
	commands: MonitorCommands,
	target: (item: T) => SourcePageTarget & {name: string},
): void {
	const item = selectedOf(picker);
	if (item === undefined || commands.openSource === undefined) {
		return;
	}

	const {name, ...page} = target(item);
	picker.store.apply({type: 'message', message: openingNotice(name)});
	// The store drops what comes after the picker is gone.
	openSourceInBackground(commands, page, message => {
		picker.store.apply({type: 'message', message});
	});
}
