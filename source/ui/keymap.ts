import type {Key} from 'ink';
import type {Mode} from './mode.js';
import type {Glyphs} from './theme.js';

/**
 * The one key table. The key handler (use-monitor-keys), the footer hints and the `?` help overlay are all
 * generated from it, so a binding cannot be documented one way and behave another.
 */

export type Command =
	| 'up'
	| 'down'
	| 'page-up'
	| 'page-down'
	| 'first'
	| 'last'
	| 'toggle-detail'
	| 'add'
	| 'remove'
	| 'poll'
	| 'poll-all'
	| 'pause'
	| 'filter'
	| 'clear-filter'
	| 'sort'
	| 'clear-finished'
	| 'help'
	| 'quit'
	| 'submit'
	| 'cancel'
	| 'erase'
	| 'erase-line'
	| 'confirm'
	| 'deny'
	| 'close-help';

/** The flags of Ink's `Key` a chord may require. */
export type KeyFlag =
	| 'upArrow'
	| 'downArrow'
	| 'pageUp'
	| 'pageDown'
	| 'home'
	| 'end'
	| 'return'
	| 'escape'
	| 'delete'
	| 'backspace';

/** One way to press a binding: a printable `input` (exact, case-sensitive), or a special key flag, optionally with Ctrl. */
export interface Chord {
	input?: string;
	key?: KeyFlag;
	ctrl?: boolean;
}

/** Facts about the screen that decide which hints matter now. */
export interface KeyContext {
	mode: Mode;
	/** Rows in the (filtered) list. */
	rows: number;
	/** Rows tracked at all. */
	total: number;
	/** Rows `c` would clear. */
	finished: number;
	paused: boolean;
	detailOpen: boolean;
	filtered: boolean;
}

type Text = string | ((context: KeyContext) => string);

export interface Binding {
	command: Command;
	modes: readonly Mode[];
	chords: readonly Chord[];
	/**
	 * How the keys are written in hints and help, e.g. "↑/k". Given the glyph set so ASCII terminals get ASCII, and
	 * the mode, since a letter is text inside a prompt.
	 */
	keys: (glyphs: Glyphs, mode?: Mode) => string;
	/** A word or two for the footer. */
	hint: Text;
	/** One line for the help overlay. */
	help: string;
	/** Footer priority, lowest first; absent: help overlay only. */
	footer?: number;
	/** When the binding is worth a footer hint (it still works otherwise). */
	relevant?: (context: KeyContext) => boolean;
	/** Help overlay section. */
	section: 'Navigate' | 'Aggregations' | 'View' | 'Prompts' | 'General';
}

const hasRows = (context: KeyContext) => context.rows > 0;
const normal: readonly Mode[] = ['normal'];
const prompts: readonly Mode[] = ['adding', 'filtering'];
const confirms: readonly Mode[] = ['confirm-remove', 'confirm-clear'];

export const KEYMAP: readonly Binding[] = [
	// Navigate
	{
		command: 'up',
		modes: ['normal', 'help'],
		chords: [{key: 'upArrow'}, {input: 'k'}],
		keys: (g) => `${g.up}/k`,
		hint: 'move',
		help: 'Select the previous row',
		section: 'Navigate',
	},
	{
		command: 'down',
		modes: ['normal', 'help'],
		chords: [{key: 'downArrow'}, {input: 'j'}],
		keys: (g) => `${g.down}/j`,
		hint: 'move',
		help: 'Select the next row',
		section: 'Navigate',
	},
	{
		command: 'page-up',
		modes: ['normal', 'help'],
		chords: [{key: 'pageUp'}],
		keys: () => 'PgUp',
		hint: 'page up',
		help: 'Up one page',
		section: 'Navigate',
	},
	{
		command: 'page-down',
		modes: ['normal', 'help'],
		chords: [{key: 'pageDown'}],
		keys: () => 'PgDn',
		hint: 'page down',
		help: 'Down one page',
		section: 'Navigate',
	},
	{
		command: 'first',
		modes: ['normal', 'help'],
		chords: [{key: 'home'}, {input: 'g'}],
		keys: () => 'Home/g',
		hint: 'first',
		help: 'Jump to the first row',
		section: 'Navigate',
	},
	{
		command: 'last',
		modes: ['normal', 'help'],
		chords: [{key: 'end'}, {input: 'G'}],
		keys: () => 'End/G',
		hint: 'last',
		help: 'Jump to the last row',
		section: 'Navigate',
	},
	{
		command: 'toggle-detail',
		modes: normal,
		chords: [{key: 'return'}],
		keys: (g) => g.enter,
		hint: (context) => (context.detailOpen ? 'hide details' : 'details'),
		help: 'Show or hide the details of the selected row',
		footer: 2,
		relevant: hasRows,
		section: 'Navigate',
	},
	// Aggregations
	{
		command: 'add',
		modes: normal,
		chords: [{input: 'a'}],
		keys: () => 'a',
		hint: 'add',
		help: 'Add aggregation ids (type or paste one or more, separated by spaces, commas or new lines)',
		footer: 1,
		section: 'Aggregations',
	},
	{
		command: 'remove',
		modes: normal,
		chords: [{input: 'd'}, {key: 'delete'}],
		keys: () => 'd/Del',
		hint: 'remove',
		help: 'Stop tracking the selected row (asks first)',
		footer: 5,
		relevant: hasRows,
		section: 'Aggregations',
	},
	{
		command: 'poll',
		modes: normal,
		chords: [{input: 'r'}],
		keys: () => 'r',
		hint: 'refresh',
		help: 'Poll the selected row now',
		footer: 6,
		relevant: hasRows,
		section: 'Aggregations',
	},
	{
		command: 'poll-all',
		modes: normal,
		chords: [{input: 'R'}],
		keys: () => 'R',
		hint: 'refresh all',
		help: 'Poll every row now (still within the request budget)',
		section: 'Aggregations',
	},
	{
		command: 'pause',
		modes: normal,
		chords: [{input: 'p'}],
		keys: () => 'p',
		hint: (context) => (context.paused ? 'resume' : 'pause'),
		help: 'Pause or resume polling',
		footer: 4,
		relevant: (context) => context.total > 0,
		section: 'Aggregations',
	},
	{
		command: 'clear-finished',
		modes: normal,
		chords: [{input: 'c'}],
		keys: () => 'c',
		hint: 'clear finished',
		help: 'Stop tracking every finished row: ended, not found or expired (asks first)',
		footer: 9,
		relevant: (context) => context.finished > 0,
		section: 'Aggregations',
	},
	// View
	{
		command: 'filter',
		modes: normal,
		chords: [{input: '/'}],
		keys: () => '/',
		hint: 'filter',
		help: 'Filter rows by text (label, id, tenant or status)',
		footer: 7,
		relevant: (context) => context.total > 0,
		section: 'View',
	},
	{
		command: 'clear-filter',
		modes: normal,
		chords: [{key: 'escape'}],
		keys: () => 'Esc',
		hint: 'clear filter',
		help: 'Clear the filter',
		footer: 3,
		relevant: (context) => context.filtered,
		section: 'View',
	},
	{
		command: 'sort',
		modes: normal,
		chords: [{input: 's'}],
		keys: () => 's',
		hint: 'sort',
		help: 'Cycle the sort order: added, status, progress, start time',
		footer: 8,
		relevant: (context) => context.total > 1,
		section: 'View',
	},
	// Prompts and confirmations
	{
		command: 'submit',
		modes: prompts,
		chords: [{key: 'return'}],
		keys: (g) => g.enter,
		hint: (context) => (context.mode === 'filtering' ? 'keep filter' : 'add'),
		help: 'Accept what is typed',
		footer: 1,
		section: 'Prompts',
	},
	{
		command: 'cancel',
		modes: prompts,
		chords: [{key: 'escape'}],
		keys: () => 'Esc',
		hint: 'cancel',
		help: 'Cancel the prompt',
		footer: 2,
		section: 'Prompts',
	},
	{
		command: 'erase',
		modes: prompts,
		chords: [{key: 'backspace'}, {key: 'delete'}],
		keys: () => 'Bksp',
		hint: 'erase',
		help: 'Erase the last character',
		section: 'Prompts',
	},
	{
		command: 'erase-line',
		modes: prompts,
		chords: [{input: 'u', ctrl: true}],
		keys: () => 'Ctrl-U',
		hint: 'clear',
		help: 'Erase the whole line',
		footer: 3,
		section: 'Prompts',
	},
	{
		command: 'confirm',
		modes: confirms,
		chords: [{input: 'y'}, {input: 'Y'}],
		keys: () => 'y',
		hint: 'yes',
		help: 'Yes, go ahead',
		footer: 1,
		section: 'Prompts',
	},
	{
		command: 'deny',
		modes: confirms,
		chords: [{input: 'n'}, {input: 'N'}, {key: 'escape'}],
		keys: () => 'n/Esc',
		hint: 'no',
		help: 'No, leave it',
		footer: 2,
		section: 'Prompts',
	},
	// General
	{
		command: 'close-help',
		modes: ['help'],
		chords: [{input: '?'}, {key: 'escape'}],
		keys: () => '?/Esc',
		hint: 'close help',
		help: 'Close this help',
		footer: 1,
		section: 'General',
	},
	{
		command: 'help',
		modes: normal,
		chords: [{input: '?'}],
		keys: () => '?',
		hint: 'help',
		help: 'Show this help',
		footer: 10,
		section: 'General',
	},
	{
		command: 'quit',
		modes: ['normal', 'help', 'adding', 'filtering', 'confirm-remove', 'confirm-clear'],
		chords: [{input: 'q'}, {input: 'c', ctrl: true}],
		keys: (_glyphs, mode) => (mode === 'adding' || mode === 'filtering' ? 'Ctrl-C' : 'q'),
		hint: 'quit',
		help: 'Quit (Ctrl-C works everywhere, even in a prompt)',
		footer: 11,
		section: 'General',
	},
];

function chordMatches(chord: Chord, input: string, key: Key): boolean {
	if (Boolean(chord.ctrl) !== key.ctrl) {
		return false;
	}

	if (chord.key !== undefined) {
		return key[chord.key];
	}

	return chord.input !== undefined && input === chord.input && !key.meta;
}

/**
 * The command bound to a keypress in `mode`, if any. In prompt modes a plain `q` is text, not quit:
 * only chords with Ctrl or a special key reach the table there.
 */
export function resolveKey(mode: Mode, input: string, key: Key): Command | undefined {
	for (const binding of KEYMAP) {
		if (!binding.modes.includes(mode)) {
			continue;
		}

		for (const chord of binding.chords) {
			const printable = chord.key === undefined && !chord.ctrl;
			if (printable && (mode === 'adding' || mode === 'filtering')) {
				continue;
			}

			if (chordMatches(chord, input, key)) {
				return binding.command;
			}
		}
	}

	return undefined;
}

export interface Hint {
	keys: string;
	label: string;
}

function textOf(text: Text, context: KeyContext): string {
	return typeof text === 'function' ? text(context) : text;
}

/** Footer hints for `mode`, most important first. Up and down share one hint. */
export function footerHints(context: KeyContext, glyphs: Glyphs): Hint[] {
	const {mode} = context;
	const hints: Array<Hint & {priority: number}> = [];
	if (mode === 'normal' && context.rows > 1) {
		hints.push({keys: `${glyphs.up}${glyphs.down}/jk`, label: 'move', priority: 0});
	}

	if (mode === 'help') {
		hints.push({keys: `${glyphs.up}${glyphs.down}`, label: 'scroll', priority: 2});
	}

	for (const binding of KEYMAP) {
		if (binding.footer === undefined || !binding.modes.includes(mode)) {
			continue;
		}

		if (binding.relevant && !binding.relevant(context)) {
			continue;
		}

		hints.push({keys: binding.keys(glyphs, mode), label: textOf(binding.hint, context), priority: binding.footer});
	}

	return hints.sort((a, b) => a.priority - b.priority).map(({keys, label}) => ({keys, label}));
}

export interface HelpEntry {
	keys: string;
	help: string;
}

export interface HelpSection {
	title: Binding['section'];
	entries: HelpEntry[];
}

/** Every binding, grouped for the help overlay in table order. */
export function helpSections(glyphs: Glyphs): HelpSection[] {
	const sections: HelpSection[] = [];
	for (const binding of KEYMAP) {
		let section = sections.find((s) => s.title === binding.section);
		if (!section) {
			section = {title: binding.section, entries: []};
			sections.push(section);
		}

		section.entries.push({keys: binding.keys(glyphs), help: binding.help});
	}

	return sections;
}
