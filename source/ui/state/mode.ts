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
	/** Its filter line (/): letters type there. */
	| 'discover-filtering'
	/** The source picker that starts an aggregation (S). */
	| 'sources'
	/** Its filter line (/). */
	| 'sources-filtering'
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

export type PromptMode =
	'adding' | 'filtering' | 'history-filtering' | 'tenant-sources-filtering' | 'discover-filtering' | 'sources-filtering';
/** A picker's filter line, open (/ in D or S). */
export type PickerFilterMode = 'discover-filtering' | 'sources-filtering';

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
	'discover-filtering': 'discover',
	sources: 'sources',
	'sources-filtering': 'sources',
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

/** Modes with a text line open (a prompt at the bottom, a picker's filter line): printable input goes into it. */
export function isPromptMode(mode: Mode): mode is PromptMode {
	return (
		mode === 'adding' ||
		mode === 'filtering' ||
		mode === 'history-filtering' ||
		mode === 'tenant-sources-filtering' ||
		isPickerFilterMode(mode)
	);
}

/** A picker's filter line is open: letters filter, Enter keeps the filter, Esc clears it. */
export function isPickerFilterMode(mode: Mode): mode is PickerFilterMode {
	return mode === 'discover-filtering' || mode === 'sources-filtering';
}

/**
 * Modes where a printable key is text, not a command: the prompts and a picker's filter line. As in k9s, a picker's
 * own letters are keys (j/k move, / opens its filter line).
 */
export function isTextMode(mode: Mode): boolean {
	return isPromptMode(mode);
}
