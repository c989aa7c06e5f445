import {useCallback, useRef} from 'react';
import {useInput, type Key} from 'ink';
import {isFinishedPhase} from '../core/phase.js';
import type {MonitorState, TrackedRow} from '../core/types.js';
import type {MonitorCommands} from './commands.js';
import {parseIdInput} from './id-input.js';
import {resolveKey, type Command, type Feature} from './keymap.js';
import {isPickerMode, isPromptMode} from './mode.js';
import {idShortener} from '../core/short-ids.js';
import {rowLabel} from './row-cells.js';
import type {PickerKeys} from './use-picker-keys.js';
import type {ViewStore} from './use-view-state.js';
import {selectedIndexIn, type ListView} from './view-state.js';

export interface MonitorKeysOptions {
	store: ViewStore;
	state: MonitorState;
	/** The list as on screen (filtered, sorted) and its height. */
	list: ListView;
	/** The rows as on screen, in the order of list.keys. The selected one is looked up when a key is handled. */
	shownRows: readonly TrackedRow[];
	commands: MonitorCommands;
	onQuit: () => void;
	/** Help overlay: lines it has and lines it shows (for scrolling). */
	help: {lines: number; height: number};
	isActive?: boolean;
	/** The screens offered (D, S, H): keys of others are inert. */
	features?: readonly Feature[];
	/** The tenants `t` cycles through (sorted); fewer than two: t does nothing. */
	tenants?: readonly string[];
	/** The keys of the pickers and the history view. */
	pickers?: PickerKeys;
}

const NO_KEY: Key = {
	upArrow: false,
	downArrow: false,
	leftArrow: false,
	rightArrow: false,
	pageDown: false,
	pageUp: false,
	home: false,
	end: false,
	return: false,
	escape: false,
	ctrl: false,
	shift: false,
	tab: false,
	backspace: false,
	delete: false,
	meta: false,
	super: false,
	hyper: false,
	capsLock: false,
	numLock: false,
};

const NO_FEATURES: readonly Feature[] = [];
const NO_TENANTS: readonly string[] = [];

const LOOKS_LIKE_ID = /[\da-f]{32}/i;
/** Bracketed-paste markers (ESC [200~ and ESC [201~), as Ink hands them over once it has dropped the ESC. */
const PASTE_MARKER = /^\[20[01]~$/;

function isPlain(key: Key): boolean {
	return !key.ctrl && !key.meta && !key.return && !key.escape && !key.tab && !key.backspace && !key.delete;
}

/**
 * Turns keys into view-state actions and monitor commands, through the keymap. Outside prompts, a chunk of several
 * characters is either a paste (it contains an id: the add prompt opens with it) or keys typed faster than a frame
 * (each is handled in turn).
 */
export function useMonitorKeys(options: MonitorKeysOptions): void {
	// The handler reads the options of the latest render, not of the render that subscribed it: Ink subscribes it in
	// a passive effect, which may not have run yet when a key arrives right after a frame (a picker that has just
	// loaded must be answered from its loaded list).
	const latest = useRef(options);
	latest.current = options;
	const run = useCallback(
		(command: Command) => {
			const {store, state, list, shownRows, commands, onQuit, help, tenants = NO_TENANTS, pickers} = latest.current;
			const view = store.current();
			if (pickers?.run(command, view.mode)) {
				return;
			}

			// From the view state as it is now, not as it was at the last render: keys that arrive in one chunk
			// ("Gd", or key repeat) must act on the row the earlier keys selected.
			const selectedIndex = selectedIndexIn(view, list.keys);
			const selected: TrackedRow | undefined = selectedIndex === -1 ? undefined : shownRows[selectedIndex];
			const inHelp = view.mode === 'help';
			const helpMax = Math.max(0, help.lines - help.height);
			switch (command) {
				case 'up':
				case 'down': {
					const by = command === 'up' ? -1 : 1;
					store.apply(inHelp ? {type: 'scroll-help', by, max: helpMax} : {type: 'move', by, list});
					break;
				}

				case 'page-up':
				case 'page-down': {
					const by = command === 'page-up' ? -1 : 1;
					store.apply(inHelp ? {type: 'scroll-help', by: by * Math.max(1, help.height - 1), max: helpMax} : {type: 'page', by, list});
					break;
				}

				case 'first':
				case 'last': {
					if (inHelp) {
						store.apply({type: 'scroll-help', by: command === 'first' ? -help.lines : help.lines, max: helpMax});
					} else {
						store.apply({type: 'jump', to: command, list});
					}

					break;
				}

				case 'toggle-detail': {
					if (list.keys.length > 0) {
						store.apply({type: 'toggle-detail'});
					}

					break;
				}

				case 'add': {
					store.apply({type: 'open-add'});
					break;
				}

				case 'remove': {
					if (selected !== undefined) {
						store.apply({
							type: 'ask',
							mode: 'confirm-remove',
							keys: [selected.key],
							question: `Stop tracking ${rowLabel(selected)} (${idShortener(state.rows.map((row) => row.id))(selected.id)})? ISC is not changed.`,
						});
					}

					break;
				}

				case 'poll': {
					if (selected !== undefined) {
						commands.pollNow([selected.key]);
						store.apply({type: 'notice', notice: {level: 'info', text: `Polling ${rowLabel(selected)} now`}});
					}

					break;
				}

				case 'poll-all': {
					commands.pollNow();
					store.apply({type: 'notice', notice: {level: 'info', text: 'Polling every row now (within the request budget)'}});
					break;
				}

				case 'pause': {
					commands.setPaused(!state.paused);
					break;
				}

				case 'filter': {
					store.apply({type: 'open-filter'});
					break;
				}

				case 'clear-filter': {
					store.apply({type: 'clear-filter'});
					break;
				}

				case 'sort': {
					store.apply({type: 'cycle-sort'});
					break;
				}

				case 'tenant': {
					if (tenants.length > 1) {
						store.apply({type: 'cycle-tenant', tenants});
					}

					break;
				}

				case 'clear-finished': {
					const finished = state.rows.filter((row) => isFinishedPhase(row.phase)).length;
					if (finished === 0) {
						store.apply({type: 'notice', notice: {level: 'info', text: 'Nothing finished to clear'}});
					} else {
						store.apply({
							type: 'ask',
							mode: 'confirm-clear',
							keys: [],
							question: `Stop tracking ${finished} finished row${finished === 1 ? '' : 's'} (ended, not found or expired)?`,
						});
					}

					break;
				}

				case 'help': {
					store.apply({type: 'open-help'});
					break;
				}

				case 'close-help':
				case 'cancel':
				case 'deny': {
					store.apply({type: 'cancel'});
					break;
				}

				case 'quit': {
					onQuit();
					break;
				}

				case 'submit': {
					if (view.mode === 'filtering') {
						store.apply({type: 'submit-filter'});
						break;
					}

					const result = parseIdInput(view.prompt, new Set(state.rows.map((row) => row.id)));
					if (result.accepted.length > 0) {
						commands.add(result.accepted);
					}

					store.apply({type: 'submitted-add', result});
					break;
				}

				case 'erase':
				case 'erase-line': {
					store.apply({type: command});
					break;
				}

				case 'confirm': {
					if (view.mode === 'confirm-remove') {
						commands.remove(view.pending);
						store.apply({type: 'answered', notice: {level: 'info', text: 'Removed'}});
					} else if (view.mode === 'confirm-clear') {
						commands.clearFinished();
						store.apply({type: 'answered', notice: {level: 'info', text: 'Cleared finished rows'}});
					}

					break;
				}
			}
		},
		[],
	);

	const handle = useCallback(
		(input: string, key: Key) => {
			const {store, features = NO_FEATURES, pickers} = latest.current;
			const dispatchKey = (text: string, flags: Key): void => {
				if (PASTE_MARKER.test(text)) {
					return; // a terminal in bracketed-paste mode wraps pastes in these; the text between is what counts
				}

				const {mode, notice} = store.current();
				if (notice !== undefined && mode === 'normal') {
					store.apply({type: 'notice', notice: undefined});
				}

				if (isPickerMode(mode) && [...text].length > 1 && isPlain(flags)) {
					// A paste or fast typing in a picker: one key at a time, so a Space in it marks as a typed one does.
					for (const char of text) {
						dispatchKey(char, {...NO_KEY, shift: /[A-Z]/.test(char)});
					}

					return;
				}

				const command = resolveKey(mode, text, flags, features);
				if (command !== undefined) {
					run(command);
					return;
				}

				if (isPromptMode(mode) || isPickerMode(mode)) {
					if (text !== '' && !flags.ctrl && !flags.meta) {
						if (mode === 'adding' || mode === 'filtering') {
							store.apply({type: 'type', text});
						} else {
							pickers?.type(text, mode);
						}
					}

					return;
				}

				if (mode === 'normal' && [...text].length > 1 && isPlain(flags)) {
					if (LOOKS_LIKE_ID.test(text)) {
						store.apply({type: 'open-add', text});
						return;
					}

					// Keys typed faster than a frame: one at a time, so "a" followed by text types into the prompt.
					for (const char of text) {
						dispatchKey(char, {...NO_KEY, shift: /[A-Z]/.test(char)});
					}
				}
			};

			dispatchKey(input, key);
		},
		[run],
	);

	useInput(handle, {isActive: options.isActive ?? true});
}
