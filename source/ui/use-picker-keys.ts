import {useCallback, useEffect, useRef} from 'react';
import type {HistoryEntry} from '../history/entry.js';
import type {DiscoveredAggregation, MonitorCommands, StartableSource, StartResult} from './commands.js';
import {idShortener} from '../core/short-ids.js';
import {discoverKey, discoverName} from './discover-entries.js';
import type {Command} from './keymap.js';
import {selectedIndexIn, type ListView} from './list-selection.js';
import type {Mode} from './mode.js';
import {fileUploadRefusal, needsFileUpload, startQuestion} from './source-entries.js';
import type {PickerSource, PickerStore} from './use-picker-state.js';
import type {ViewStore} from './use-view-state.js';

/** A picker as on screen: its store, the entries shown (filtered, in order) and their list. */
export interface ShownPicker<T> {
	store: PickerStore<T>;
	/** Entries that can be picked, before the text filter (the discover picker leaves out tracked ones). */
	available: readonly T[];
	/** The entries shown, in the order of list.keys. */
	shown: readonly T[];
	list: ListView;
}

export interface PickerKeysOptions {
	view: ViewStore;
	commands: MonitorCommands;
	discover: ShownPicker<DiscoveredAggregation>;
	sources: ShownPicker<StartableSource>;
	history: ShownPicker<HistoryEntry>;
	/** Where each list comes from; absent: the screen is not offered (its keys are inert anyway, see keymap features). */
	loadDiscover?: PickerSource<DiscoveredAggregation>;
	loadSources?: PickerSource<StartableSource>;
	loadHistory?: PickerSource<HistoryEntry>;
}

/** The picker and history keys, for useMonitorKeys: commands of those screens, and text typed into their filters. */
export interface PickerKeys {
	/** Runs `command` if it belongs to a picker or the history view in `mode`; false when it is not theirs. */
	run(command: Command, mode: Mode): boolean;
	/** Text typed in a picker or the history filter prompt. */
	type(text: string, mode: Mode): void;
}

function plural(count: number, word: string): string {
	return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function listOfNames(names: readonly string[]): string {
	const shown = names.slice(0, 3).join(', ');
	return names.length > 3 ? `${shown} and ${names.length - 3} more` : shown;
}

function selectedOf<T>(picker: ShownPicker<T>): T | undefined {
	const index = selectedIndexIn(picker.store.current(), picker.list.keys);
	return index === -1 ? undefined : picker.shown[index];
}

/** A selection command (move, page, jump) applied to a picker's list; false for other commands. */
function moveIn<T>(picker: ShownPicker<T>, command: Command): boolean {
	const {list} = picker;
	switch (command) {
		case 'up':
		case 'down': {
			picker.store.apply({type: 'move', by: command === 'up' ? -1 : 1, list});
			return true;
		}

		case 'page-up':
		case 'page-down': {
			picker.store.apply({type: 'page', by: command === 'page-up' ? -1 : 1, list});
			return true;
		}

		case 'first':
		case 'last': {
			picker.store.apply({type: 'jump', to: command, list});
			return true;
		}

		default: {
			return false;
		}
	}
}

/** What every picker does the same way: move, edit the filter, reload, close. */
function pickerCommand<T>(picker: ShownPicker<T>, command: Command, load: PickerSource<T> | undefined, view: ViewStore): boolean {
	if (moveIn(picker, command)) {
		return true;
	}

	switch (command) {
		case 'erase':
		case 'erase-line': {
			picker.store.apply({type: command});
			return true;
		}

		case 'reload': {
			if (load !== undefined) {
				picker.store.load(load, 'reload');
			}

			return true;
		}

		case 'cancel': {
			view.apply({type: 'close-screen'});
			return true;
		}

		default: {
			return false;
		}
	}
}

function startNotice(source: StartableSource, result: StartResult) {
	const where = `${source.name} (${source.tenant})`;
	if ('error' in result) {
		return {level: 'error' as const, text: `Could not start an account aggregation on ${where}: ${result.error}`};
	}

	if (result.alreadyRunning !== undefined) {
		const since = result.alreadyRunning.since === undefined ? '' : ` since ${result.alreadyRunning.since.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}`;
		return {level: 'info' as const, text: `An account aggregation on ${where} is already running${since}, id ${result.id}: tracking it`};
	}

	return {level: 'info' as const, text: `Started an account aggregation on ${where}, id ${result.id}: tracking it`};
}

/**
 * The keys of the discover picker (D), the start picker (S) with its confirmation, and the history view (H), as a
 * handler useMonitorKeys calls: the keymap decides the command, this decides what it does on those screens.
 */
export function usePickerKeys(options: PickerKeysOptions): PickerKeys {
	const {view, commands, discover, sources, history, loadDiscover, loadSources, loadHistory} = options;
	const mounted = useRef(true);
	useEffect(() => {
		mounted.current = true;
		return () => {
			mounted.current = false;
		};
	}, []);

	const chooseDiscovered = useCallback(() => {
		const {marked} = discover.store.current();
		const wanted = new Set(marked);
		let items = discover.available.filter((item) => wanted.has(discoverKey(item)));
		if (items.length === 0) {
			const highlighted = selectedOf(discover);
			items = highlighted === undefined ? [] : [highlighted];
		}

		if (items.length === 0) {
			discover.store.apply({type: 'message', message: {level: 'warning', text: 'Nothing to track: no running aggregation is listed'}});
			return;
		}

		commands.track?.(items);
		const short = idShortener(discover.available.map((entry) => entry.id));
		view.apply({
			type: 'close-screen',
			notice: {level: 'info', text: `Tracking ${plural(items.length, 'aggregation')}: ${listOfNames(items.map((item) => discoverName(item, short)))}`},
		});
	}, [discover, commands, view]);

	const chooseSource = useCallback(() => {
		const source = selectedOf(sources);
		if (source === undefined) {
			sources.store.apply({type: 'message', message: {level: 'warning', text: 'No source is listed to start'}});
			return;
		}

		if (needsFileUpload(source)) {
			sources.store.apply({type: 'message', message: {level: 'error', text: fileUploadRefusal(source, loadDiscover !== undefined)}});
			return;
		}

		view.apply({type: 'ask-start', source, question: startQuestion(source)});
	}, [sources, view, loadDiscover]);

	const startPending = useCallback(() => {
		const source = view.current().pendingSource;
		const start = commands.startAggregation;
		if (source === undefined || start === undefined) {
			view.apply({type: 'answered'});
			return;
		}

		view.apply({type: 'answered', notice: {level: 'info', text: `Starting an account aggregation on ${source.name} (${source.tenant})...`}});
		void (async () => start(source))()
			.catch((error: unknown): StartResult => ({error: error instanceof Error ? error.message : String(error)}))
			.then((result) => {
				if (mounted.current) {
					view.apply({type: 'notice', notice: startNotice(source, result)});
				}
			});
	}, [commands, view]);

	const run = useCallback(
		(command: Command, mode: Mode): boolean => {
			switch (mode) {
				case 'normal': {
					if (command === 'discover' && loadDiscover !== undefined) {
						view.apply({type: 'open-screen', mode: 'discover'});
						discover.store.load(loadDiscover);
						return true;
					}

					if (command === 'start' && loadSources !== undefined) {
						view.apply({type: 'open-screen', mode: 'sources'});
						sources.store.load(loadSources);
						return true;
					}

					if (command === 'history' && loadHistory !== undefined) {
						view.apply({type: 'open-screen', mode: 'history'});
						history.store.load(loadHistory);
						return true;
					}

					return false;
				}

				case 'discover': {
					if (pickerCommand(discover, command, loadDiscover, view)) {
						return true;
					}

					if (command === 'mark') {
						const item = selectedOf(discover);
						if (item !== undefined) {
							discover.store.apply({type: 'toggle-mark', key: discoverKey(item)});
						}

						return true;
					}

					if (command === 'choose') {
						chooseDiscovered();
						return true;
					}

					return false;
				}

				case 'sources': {
					if (pickerCommand(sources, command, loadSources, view)) {
						return true;
					}

					if (command === 'choose') {
						chooseSource();
						return true;
					}

					return false;
				}

				case 'confirm-start': {
					if (command === 'confirm') {
						startPending();
						return true;
					}

					if (command === 'deny') {
						view.apply({type: 'cancel'});
						return true;
					}

					return false;
				}

				case 'history': {
					if (moveIn(history, command)) {
						return true;
					}

					switch (command) {
						case 'toggle-detail': {
							if (history.list.keys.length > 0) {
								view.apply({type: 'toggle-history-detail'});
							}

							return true;
						}

						case 'filter': {
							history.store.apply({type: 'begin-filter'});
							view.apply({type: 'open-history-filter'});
							return true;
						}

						case 'back': {
							if (history.store.current().filter === '') {
								view.apply({type: 'close-screen'});
							} else {
								history.store.apply({type: 'clear-filter'});
							}

							return true;
						}

						case 'history': {
							view.apply({type: 'close-screen'});
							return true;
						}

						case 'reload': {
							if (loadHistory !== undefined) {
								history.store.load(loadHistory, 'reload');
							}

							return true;
						}

						default: {
							return false;
						}
					}
				}

				case 'history-filtering': {
					switch (command) {
						case 'submit': {
							view.apply({type: 'close-history-filter'});
							return true;
						}

						case 'cancel': {
							history.store.apply({type: 'restore-filter'});
							view.apply({type: 'close-history-filter'});
							return true;
						}

						case 'erase':
						case 'erase-line': {
							history.store.apply({type: command});
							return true;
						}

						default: {
							return false;
						}
					}
				}

				default: {
					return false;
				}
			}
		},
		[view, discover, sources, history, loadDiscover, loadSources, loadHistory, chooseDiscovered, chooseSource, startPending],
	);

	const type = useCallback(
		(text: string, mode: Mode) => {
			if (mode === 'discover') {
				discover.store.apply({type: 'type', text});
			} else if (mode === 'sources') {
				sources.store.apply({type: 'type', text});
			} else if (mode === 'history-filtering') {
				history.store.apply({type: 'type', text});
			}
		},
		[discover, sources, history],
	);

	return {run, type};
}
