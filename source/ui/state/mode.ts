/**
 * What the keyboard is talking to. Only `normal` moves the monitor list; `history` moves the history list;
 * prompts, pickers and confirmations own every key but Ctrl-C.
 */
export type Mode =
	| 'normal'
	| 'adding'
	| 'filtering'
	| 'confirm-remove'
	| 'confirm-clear'
	| 'confirm-start'
	| 'help'
	/** The events log (E): every alert of the session, newest first. */
	| 'events'
	/** The picker of running aggregations not tracked yet (D). */
	| 'discover'
	/** The source picker that starts an aggregation (S). */
	| 'sources'
	/** The history of finished aggregations (H). */
	| 'history'
	/** The filter prompt of the history view. */
	| 'history-filtering'
	/** The tenant at a glance: every source's aggregations (O). */
	| 'tenant-sources'
	/** Its filter prompt. */
	| 'tenant-sources-filtering'
	/** The question before it starts an aggregation. */
	| 'confirm-source-start';

export type PromptMode = 'adding' | 'filtering' | 'history-filtering' | 'tenant-sources-filtering';
export type PickerMode = 'discover' | 'sources';

/** The screens (source/ui/screens/): each owns some modes, with its reducer, key hook and view. */
export type Screen = 'list' | 'help' | 'events' | 'discover' | 'sources' | 'history' | 'tenant-sources';

const SCREEN_OF: Record<Mode, Screen> = {
	normal: 'list',
	adding: 'list',
	filtering: 'list',
	'confirm-remove': 'list',
	'confirm-clear': 'list',
	help: 'help',
	events: 'events',
	discover: 'discover',
	sources: 'sources',
	'confirm-start': 'sources',
	history: 'history',
	'history-filtering': 'history',
	'tenant-sources': 'tenant-sources',
	'tenant-sources-filtering': 'tenant-sources',
	'confirm-source-start': 'tenant-sources',
};

/** The screen that shows `mode` and handles its keys. */
export function screenOf(mode: Mode): Screen {
	return SCREEN_OF[mode];
}

/** Modes with a text prompt at the bottom: printable input goes into the prompt. */
export function isPromptMode(mode: Mode): mode is PromptMode {
	return mode === 'adding' || mode === 'filtering' || mode === 'history-filtering' || mode === 'tenant-sources-filtering';
}

/** Modes with a picker on screen: printable input filters it. */
export function isPickerMode(mode: Mode): mode is PickerMode {
	return mode === 'discover' || mode === 'sources';
}

/** Modes where a printable key is text, not a command: prompts and pickers. */
export function isTextMode(mode: Mode): boolean {
	return isPromptMode(mode) || isPickerMode(mode);
}
