import {useCallback, useRef} from 'react';
import {useInput, type Key} from 'ink';
import {resolveKey, type Command, type Feature} from './keymap.js';
import {isPromptMode, screenOf, type Screen} from '../state/mode.js';
import type {ViewStore} from '../state/use-view-state.js';
import {useLatest} from '../state/use-latest.js';
import {isLegacyMouseStart, LEGACY_REPORT_CHARS, parseMouse} from './mouse.js';

/** A screen's keys: its key hook (screens/x/use-x.ts) runs the commands of its own modes and takes their text. */
export interface ScreenKeys {
	/** Runs `command` in the current mode of this screen; false when it is not one of this screen's. */
	run(command: Command): boolean;
	/** Printable text typed in this screen's prompt or picker filter. */
	type?(text: string): void;
}

export interface MonitorKeysOptions {
	store: ViewStore;
	/** Each screen's keys: the current mode's screen gets the command. */
	screens: Record<Screen, ScreenKeys>;
	onQuit: () => void;
	isActive?: boolean;
	/** The screens offered (D, S, H): keys of others are inert. */
	features?: readonly Feature[];
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

const LOOKS_LIKE_ID = /[\da-f]{32}/i;
/** The flags of one character of a chunk, as Ink gives them for the key alone (Enter in "jjj⏎" is Enter). */
function keyOfChar(char: string): Key {
	return {...NO_KEY, shift: /[A-Z]/.test(char), return: char === '\r', tab: char === '\t', delete: char === '\u007F'};
}

/** A control character other than Tab, Enter and new line (Ctrl-U is \x15), or Delete. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * A chunk of keys typed faster than a frame, cut at its control characters: each control character as Ink gives it
 * alone (Ctrl-U: "u" with ctrl; Delete; Backspace), the text between as it is ("/⌃Urunning⏎" is "/", Ctrl-U,
 * "running⏎").
 */
function splitAtControls(text: string): Array<{text: string; key: Key}> {
	const parts: Array<{text: string; key: Key}> = [];
	let run = '';
	for (const char of text) {
		if (!CONTROL.test(char)) {
			run += char;
			continue;
		}

		if (run !== '') {
			parts.push({text: run, key: [...run].length === 1 ? keyOfChar(run) : NO_KEY});
			run = '';
		}

		const code = char.codePointAt(0)!;
		if (char === '\u007F') {
			parts.push({text: '', key: {...NO_KEY, delete: true}});
		} else if (char === '\b') {
			parts.push({text: '', key: {...NO_KEY, backspace: true}});
		} else if (code >= 1 && code <= 26) {
			parts.push({text: String.fromCodePoint(code + 96), key: {...NO_KEY, ctrl: true}});
		}
	}

	if (run !== '') {
		parts.push({text: run, key: [...run].length === 1 ? keyOfChar(run) : NO_KEY});
	}

	return parts;
}

/** Bracketed-paste markers (ESC [200~ and ESC [201~), as Ink hands them over once it has dropped the ESC. */
const PASTE_MARKER = /^\[20[01]~$/;

function isPlain(key: Key): boolean {
	return !key.ctrl && !key.meta && !key.return && !key.escape && !key.tab && !key.backspace && !key.delete;
}

/**
 * The one key handler: turns keys into commands through the keymap and hands each to the key hook of the screen
 * that shows the current mode (Ctrl-C and q quit everywhere they are bound). Outside prompts, a chunk of several
 * characters is either a paste (it contains an id: the add prompt opens with it) or keys typed faster than a frame
 * (each is handled in turn).
 */
export function useMonitorKeys(options: MonitorKeysOptions): void {
	// The handler reads the options of the latest render, not of the render that subscribed it: Ink subscribes it in
	// a passive effect, which may not have run yet when a key arrives right after a frame (a picker that has just
	// loaded must be answered from its loaded list).
	const latest = useLatest(options);
	const run = useCallback(
		(command: Command) => {
			const {store, screens, onQuit} = latest.current;
			if (command === 'quit') {
				onQuit();
				return;
			}

			screens[screenOf(store.current().mode)].run(command);
		},
		[latest],
	);

	// Characters still to come of an older mouse report (see LEGACY_REPORT_CHARS): they are not keys either.
	const legacyMouse = useRef(0);
	const handle = useCallback(
		(received: string, key: Key) => {
			let input = received;
			if (legacyMouse.current > 0) {
				const chars = [...input];
				const taken = Math.min(legacyMouse.current, chars.length);
				legacyMouse.current -= taken;
				input = chars.slice(taken).join('');
				if (input === '') {
					return;
				}
			}

			if (isLegacyMouseStart(input)) {
				legacyMouse.current = LEGACY_REPORT_CHARS;
				return;
			}

			const {store, screens, features = NO_FEATURES} = latest.current;
			const dispatchKey = (text: string, flags: Key): void => {
				if (PASTE_MARKER.test(text)) {
					return; // a terminal in bracketed-paste mode wraps pastes in these; the text between is what counts
				}

				if ([...text].length > 1 && isPlain(flags) && CONTROL.test(text)) {
					for (const part of splitAtControls(text)) {
						dispatchKey(part.text, part.key);
					}

					return;
				}

				const {mode, notice} = store.current();
				if (notice !== undefined && (mode === 'normal' || mode === 'tenant-sources')) {
					store.apply({type: 'notice', notice: undefined});
				}

				const command = resolveKey(mode, text, flags, features);
				if (command !== undefined) {
					run(command);
					return;
				}

				if (isPromptMode(mode)) {
					const enter = mode === 'adding' || !isPlain(flags) ? -1 : text.search(/[\r\n]/);
					if (enter !== -1 && [...text].length > 1) {
						// Keys typed faster than a frame in a filter line ("work⏎q"): the text, Enter (which keeps the filter
						// and closes the line), then the rest as keys of the mode that leaves. The add prompt takes pasted
						// new lines as separators instead.
						const [before, after] = [text.slice(0, enter), text.slice(enter + 1).replace(/^\n/, '')];
						if (before !== '') {
							dispatchKey(before, NO_KEY);
						}

						dispatchKey('\r', {...NO_KEY, return: true});
						if (after !== '') {
							dispatchKey(after, [...after].length === 1 ? keyOfChar(after) : NO_KEY);
						}

						return;
					}

					if (text !== '' && !flags.ctrl && !flags.meta) {
						screens[screenOf(mode)].type?.(text);
					}

					return;
				}

				if ([...text].length > 1 && isPlain(flags)) {
					if (mode === 'normal' && LOOKS_LIKE_ID.test(text)) {
						store.apply({type: 'open-add', text});
						return;
					}

					// Keys typed faster than a frame: one at a time, so "a" (or "/" in a picker or the sources at a glance)
					// followed by text types into the prompt, and "jjj" moves three rows.
					for (const char of text) {
						dispatchKey(char, keyOfChar(char));
					}
				}
			};

			// A mouse report is never text (a filter must not receive `[<0;12;5M`): the wheel is ↑ or ↓, the rest nothing.
			const mouse = parseMouse(input);
			if (mouse !== undefined) {
				if (mouse.wheel !== undefined) {
					dispatchKey('', {...NO_KEY, upArrow: mouse.wheel === 'up', downArrow: mouse.wheel === 'down'});
				}

				return;
			}

			dispatchKey(input, key);
		},
		[run, latest],
	);

	useInput(handle, {isActive: options.isActive ?? true});
}
