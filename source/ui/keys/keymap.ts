import type {Key} from 'ink';
import {isTextMode, type Mode} from '../state/mode.js';
import type {Glyphs} from '../theme/theme.js';

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
	| 'next-problem'
	| 'previous-problem'
	| 'toggle-detail'
	| 'add'
	| 'discover'
	| 'start'
	| 'remove'
	| 'poll'
	| 'poll-all'
	| 'pause'
	| 'filter'
	| 'clear-filter'
	| 'sort'
	| 'tenant'
	| 'history'
	| 'events'
	| 'glance'
	| 'track-run'
	| 'back'
	| 'clear-finished'
	| 'copy'
	| 'open-source'
	| 'mark'
	| 'choose'
	| 'reload'
	| 'help'
	| 'quit'
	| 'submit'
	| 'cancel'
	| 'erase'
	| 'erase-line'
	| 'confirm'
	| 'deny'
	| 'close-help';

/**
 * Screens that exist only when the monitor was given what they need: discover (the `discover` prop and
 * commands.track), start (`listSources` and commands.startAggregation), history (the `history` prop).
 */
export type Feature = 'discover' | 'start' | 'history' | 'copy' | 'glance' | 'open';

/** The flags of Ink's `Key` a chord may require. */
export type KeyFlag = 'upArrow' | 'downArrow' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'return' | 'escape' | 'delete' | 'backspace';

/** One way to press a binding: a printable `input` (exact, case-sensitive), or a special key flag, optionally with Ctrl. */
export interface Chord {
	input?: string;
	key?: KeyFlag;
	ctrl?: boolean;
	/** Modes of the binding where this chord is not its key (q quits, except at a question, where it answers no). */
	notIn?: readonly Mode[];
}

/** Facts about the screen that decide which hints matter now. */
export interface KeyContext {
	mode: Mode;
	/** Entries in the list the keys move (the filtered monitor list, or the history list in the history view). */
	rows: number;
	/** Rows tracked at all. */
	total: number;
	/** Rows `c` would clear. */
	finished: number;
	paused: boolean;
	detailOpen: boolean;
	/** The list the keys move has a text filter. */
	filtered: boolean;
	/** Tenants among the tracked rows. */
	tenants?: number;
	/** The tenant `t` shows alone, if any. */
	tenantFilter?: string;
	/** Entries marked in the discover picker. */
	marked?: number;
	/** Events in the events log (E). */
	events?: number;
	/** The screens this monitor offers (see Feature). Bindings that need one that is absent are hidden and inert. */
	features?: readonly Feature[];
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
	/** Footer priority, lowest first (or by context, e.g. `p resume` matters more while paused); absent: help overlay only. */
	footer?: number | ((context: KeyContext) => number);
	/** Always keep room for this hint in the footer (help, quit). */
	pinned?: boolean;
	/** When the binding is worth a footer hint (it still works otherwise). */
	relevant?: (context: KeyContext) => boolean;
	/** The screen this binding needs (any one of a list); absent from keys, footer and help without it. */
	requires?: Feature | readonly Feature[];
	/** Help overlay section. */
	section: 'Navigate' | 'Aggregations' | 'View' | 'Pickers' | 'Prompts' | 'General';
}

const hasRows = (context: KeyContext) => context.rows > 0;
const normal: readonly Mode[] = ['normal'];
const pickers: readonly Mode[] = ['discover', 'sources'];
/** Modes whose list moves with the arrows and j/k/g/G. */
const lists: readonly Mode[] = ['normal', 'help', 'events', 'history', 'tenant-sources', ...pickers];
/** Modes with a text line open: the prompts under the list, and the filter lines of the pickers (/). */
const prompts: readonly Mode[] = [
	'adding',
	'filtering',
	'history-filtering',
	'tenant-sources-filtering',
	'discover-filtering',
	'sources-filtering',
];
const confirms: readonly Mode[] = ['confirm-remove', 'confirm-clear', 'confirm-start', 'confirm-source-start'];
const allModes: readonly Mode[] = ['normal', 'help', 'events', 'history', 'tenant-sources', ...pickers, ...prompts, ...confirms];

export const KEYMAP: readonly Binding[] = [
	// Navigate
	{
		command: 'up',
		modes: lists,
		chords: [{key: 'upArrow'}, {input: 'k'}],
		keys: g => `${g.up}/k`,
		hint: 'move',
		help: 'Select the previous row',
		section: 'Navigate',
	},
	{
		command: 'down',
		modes: lists,
		chords: [{key: 'downArrow'}, {input: 'j'}],
		keys: g => `${g.down}/j`,
		hint: 'move',
		help: 'Select the next row',
		section: 'Navigate',
	},
	{
		command: 'page-up',
		modes: lists,
		chords: [{key: 'pageUp'}],
		keys: () => 'PgUp',
		hint: 'page up',
		help: 'Up one page',
		section: 'Navigate',
	},
	{
		command: 'page-down',
		modes: lists,
		chords: [{key: 'pageDown'}],
		keys: () => 'PgDn',
		hint: 'page down',
		help: 'Down one page',
		section: 'Navigate',
	},
	{
		command: 'first',
		modes: lists,
		chords: [{key: 'home'}, {input: 'g'}],
		keys: () => 'Home/g',
		hint: 'first',
		help: 'Jump to the first row',
		section: 'Navigate',
	},
	{
		command: 'last',
		modes: lists,
		chords: [{key: 'end'}, {input: 'G'}],
		keys: () => 'End/G',
		hint: 'last',
		help: 'Jump to the last row',
		section: 'Navigate',
	},
	{
		command: 'next-problem',
		modes: normal,
		chords: [{input: 'n'}],
		keys: () => 'n',
		hint: 'next problem',
		help: 'Next row needing attention (failed, errors, held back, stalled, warnings), from the cursor down, wrapping',
		section: 'Navigate',
	},
	{
		command: 'previous-problem',
		modes: normal,
		chords: [{input: 'N'}],
		keys: () => 'N',
		hint: 'previous problem',
		help: 'Previous row needing attention, from the cursor up, wrapping',
		section: 'Navigate',
	},
	{
		command: 'toggle-detail',
		modes: ['normal', 'history', 'tenant-sources'],
		chords: [{key: 'return'}],
		keys: g => g.enter,
		hint: context => (context.detailOpen ? 'hide details' : 'details'),
		help: 'Show or hide the details of the selected row, with earlier runs of its source (sources at a glance: its recent runs and schedule)',
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
		command: 'discover',
		modes: normal,
		chords: [{input: 'D'}],
		keys: () => 'D',
		hint: 'discover',
		help: 'Pick running aggregations that are not tracked yet, and track them',
		// At 80 columns the screens (H, E, O), S and p keep their hints; D comes after them (always in ?).
		footer: 9,
		requires: 'discover',
		section: 'Aggregations',
	},
	{
		command: 'start',
		modes: ['normal', 'tenant-sources'],
		chords: [{input: 'S'}],
		keys: () => 'S',
		hint: 'start',
		help: 'Start an account aggregation on a source you pick, or on the selected one in sources at a glance (asks first: it changes the tenant)',
		footer: 7,
		requires: 'start',
		section: 'Aggregations',
	},
	{
		command: 'remove',
		modes: normal,
		chords: [{input: 'd'}, {key: 'delete'}],
		keys: () => 'd/Del',
		hint: 'remove',
		help: 'Stop tracking the selected row (asks first)',
		footer: 11,
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
		footer: 12,
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
		hint: context => (context.paused ? 'resume' : 'pause'),
		help: 'Pause or resume polling',
		// While paused, the way back to live polling is what the footer must not lose at 80 columns.
		footer: context => (context.paused ? 3 : 8),
		relevant: context => context.total > 0,
		section: 'Aggregations',
	},
	{
		command: 'clear-finished',
		modes: normal,
		chords: [{input: 'c'}],
		keys: () => 'c',
		hint: 'clear finished',
		help: 'Stop tracking every finished row: ended, not found or expired (asks first)',
		footer: 15,
		relevant: context => context.finished > 0,
		section: 'Aggregations',
	},
	{
		command: 'copy',
		modes: normal,
		chords: [{input: 'y'}],
		keys: () => 'y',
		hint: 'copy id',
		help: "Copy the selected id to the clipboard (OSC 52); with the details open, also the last error's trackingId",
		footer: 17,
		relevant: hasRows,
		requires: 'copy',
		section: 'Aggregations',
	},
	{
		command: 'open-source',
		modes: ['normal', 'discover', 'history', 'sources', 'tenant-sources'],
		chords: [{input: 'o'}],
		keys: () => 'o',
		hint: 'open in ISC',
		help: "Open the selected row's source in the tenant's ISC web UI, in your browser ($BROWSER, else the system's); in D and H the selected run's source; in the S picker and sources at a glance, the selected source",
		footer: 18,
		relevant: hasRows,
		requires: 'open',
		section: 'Aggregations',
	},
	// View
	{
		command: 'filter',
		modes: ['normal', 'history', 'tenant-sources', ...pickers],
		chords: [{input: '/'}],
		keys: () => '/',
		hint: 'filter',
		help: 'Filter rows by text (label, id, tenant or status; sources: name, connector, tenant or attention); in pickers and history too, where Enter keeps the filter and j/k move again',
		footer: 13,
		relevant: context => context.total > 0 || context.mode !== 'normal',
		section: 'View',
	},
	{
		command: 'clear-filter',
		modes: normal,
		chords: [{key: 'escape'}],
		keys: () => 'Esc',
		hint: context => (context.detailOpen ? 'hide details' : 'clear filter'),
		help: 'Back one level: close the details, else clear the filter',
		footer: 3,
		relevant: context => context.filtered || context.detailOpen,
		section: 'View',
	},
	{
		command: 'sort',
		modes: ['normal', 'tenant-sources'],
		chords: [{input: 's'}],
		keys: () => 's',
		hint: 'sort',
		help: 'Cycle the sort order: added, status, severity (worst first), severity reversed (worst last), progress, start time (sources: attention, name, last ended, next run)',
		footer: 14,
		relevant: context => (context.mode === 'tenant-sources' ? context.rows > 1 : context.total > 1),
		section: 'View',
	},
	{
		command: 'tenant',
		modes: normal,
		chords: [{input: 't'}],
		keys: () => 't',
		hint: context => (context.tenantFilter === undefined ? 'tenant' : `tenant: ${context.tenantFilter}`),
		help: 'Show one tenant at a time: all tenants, then each tenant in turn, then all again',
		footer: 8,
		relevant: context => (context.tenants ?? 0) > 1,
		section: 'View',
	},
	{
		command: 'history',
		modes: ['normal', 'history'],
		chords: [{input: 'H'}],
		keys: () => 'H',
		hint: context => (context.mode === 'history' ? 'close history' : 'history'),
		help: 'Show the finished aggregations aggwatch saw, newest first (H again goes back)',
		footer: 4,
		requires: 'history',
		section: 'View',
	},
	{
		command: 'events',
		modes: ['normal', 'events'],
		chords: [{input: 'E'}],
		keys: () => 'E',
		hint: context => (context.mode === 'events' ? 'close events' : 'events'),
		help: 'Show the events log: every end, stall, held-back deletion and tenant failure or 429 pause this session, newest first (E again goes back)',
		// Shown once there are events; the header's "N unseen (E)" names the key too.
		footer: 5,
		relevant: context => context.mode === 'events' || (context.events ?? 0) > 0,
		section: 'View',
	},
	{
		command: 'glance',
		modes: ['normal', 'tenant-sources'],
		chords: [{input: 'O'}],
		keys: () => 'O',
		hint: context => (context.mode === 'tenant-sources' ? 'close sources' : 'sources'),
		help: "Sources at a glance: every source's last and running aggregations, its schedule, what needs attention (O again goes back)",
		// The screens a user needs to find (H, E, O) come right after add and details: at 80 columns they all show.
		footer: 6,
		requires: 'glance',
		section: 'View',
	},
	{
		command: 'track-run',
		modes: ['tenant-sources'],
		chords: [{input: 't'}],
		keys: () => 't',
		hint: 'track run',
		help: "Sources at a glance: track the selected source's running aggregation and go to its row",
		footer: 5,
		requires: 'glance',
		section: 'Aggregations',
	},
	{
		command: 'back',
		modes: ['history', 'tenant-sources', 'events', ...pickers],
		chords: [{key: 'escape'}],
		keys: () => 'Esc',
		hint: context => (context.detailOpen ? 'hide details' : context.filtered ? 'clear filter' : 'back'),
		help: 'Pickers, history, sources and events: close the details, else clear the filter, else go back to the monitor',
		footer: 3,
		section: 'View',
	},
	// Pickers
	{
		command: 'mark',
		modes: ['discover'],
		chords: [{input: ' '}],
		keys: () => 'Space',
		hint: 'mark',
		help: 'Discover picker: mark or unmark the highlighted aggregation',
		footer: 2,
		requires: 'discover',
		section: 'Pickers',
	},
	{
		command: 'choose',
		modes: pickers,
		chords: [{key: 'return'}],
		keys: g => g.enter,
		hint: context => (context.mode === 'sources' ? 'start' : (context.marked ?? 0) > 0 ? `track ${context.marked} marked` : 'track'),
		help: 'Pickers: track the marked aggregations (the highlighted one if none is marked), or start the highlighted source',
		footer: 1,
		requires: ['discover', 'start'],
		section: 'Pickers',
	},
	{
		command: 'reload',
		modes: [...pickers, 'history', 'tenant-sources'],
		chords: [{input: 'r', ctrl: true}],
		keys: () => 'Ctrl-R',
		hint: 'reload',
		help: 'Pickers, history and sources: load the list again',
		footer: 16,
		requires: ['discover', 'start', 'history', 'glance'],
		section: 'Pickers',
	},
	// Prompts and confirmations
	{
		command: 'submit',
		modes: prompts,
		chords: [{key: 'return'}],
		keys: g => g.enter,
		hint: context => (context.mode === 'adding' ? 'add' : 'keep filter'),
		help: 'Accept what is typed',
		footer: 1,
		section: 'Prompts',
	},
	{
		command: 'cancel',
		modes: prompts,
		chords: [{key: 'escape'}],
		keys: () => 'Esc',
		hint: context => (context.mode === 'adding' ? 'cancel' : 'clear filter'),
		help: 'Cancel the prompt (a filter line: clear the filter and leave the line)',
		footer: 3,
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
		// In a filter line Esc is "clear filter" (and leaves it): this one only empties the line.
		hint: context => (context.mode === 'adding' ? 'clear' : 'erase all'),
		help: 'Erase the whole line',
		footer: 4,
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
		// q answers no here: a key that means "get out" never quits past a question.
		chords: [{input: 'n'}, {input: 'N'}, {input: 'q'}, {key: 'escape'}, {key: 'return'}],
		keys: g => `n/q/Esc/${g.enter}`,
		hint: 'no',
		help: 'No, leave it (the default; q answers no too)',
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
		footer: 20,
		pinned: true,
		section: 'General',
	},
	{
		command: 'quit',
		modes: allModes,
		chords: [
			{input: 'q', notIn: confirms},
			{input: 'c', ctrl: true},
		],
		keys: (_glyphs, mode) => (mode !== undefined && (isTextMode(mode) || confirms.includes(mode)) ? 'Ctrl-C' : 'q'),
		hint: 'quit',
		help: 'Quit (Ctrl-C works everywhere, even in a prompt)',
		footer: 21,
		pinned: true,
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

function offered(binding: Binding, features: readonly Feature[]): boolean {
	const {requires} = binding;
	if (requires === undefined) {
		return true;
	}

	return typeof requires === 'string' ? features.includes(requires) : requires.some(feature => features.includes(feature));
}

/**
 * The command bound to a keypress in `mode`, if any. In prompts (a picker's filter line too) a plain `q` is text,
 * not quit: only chords with Ctrl or a special key reach the table there. Bindings that need a feature not in
 * `features` do not answer.
 */
export function resolveKey(mode: Mode, input: string, key: Key, features: readonly Feature[] = []): Command | undefined {
	const text = isTextMode(mode);
	for (const binding of KEYMAP) {
		if (!binding.modes.includes(mode) || !offered(binding, features)) {
			continue;
		}

		for (const chord of binding.chords) {
			if (chord.notIn?.includes(mode)) {
				continue;
			}

			const printable = chord.key === undefined && !chord.ctrl;
			if (printable && text) {
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
	/** Keep room for it whatever else has to go. */
	pinned?: boolean;
}

function textOf(text: Text, context: KeyContext): string {
	return typeof text === 'function' ? text(context) : text;
}

/** Footer hints for `mode`, most important first. Up and down share one hint. */
export function footerHints(context: KeyContext, glyphs: Glyphs): Hint[] {
	const {mode} = context;
	const features = context.features ?? [];
	const hints: Array<Hint & {priority: number}> = [];
	if ((mode === 'normal' || mode === 'history' || mode === 'tenant-sources' || pickers.includes(mode)) && context.rows > 1) {
		// On the monitor's list the arrows are what everyone tries first: the hint gives way to the keys of the screens
		// (H, E, O) and actions a user has to be told about.
		hints.push({keys: `${glyphs.up}${glyphs.down}/jk`, label: 'move', priority: mode === 'normal' ? 10 : 0});
	}

	if (mode === 'help') {
		hints.push({keys: `${glyphs.up}${glyphs.down}`, label: 'scroll', priority: 2});
	}

	for (const binding of KEYMAP) {
		if (binding.footer === undefined || !binding.modes.includes(mode) || !offered(binding, features)) {
			continue;
		}

		if (binding.relevant && !binding.relevant(context)) {
			continue;
		}

		hints.push({
			keys: binding.keys(glyphs, mode),
			label: textOf(binding.hint, context),
			priority: typeof binding.footer === 'function' ? binding.footer(context) : binding.footer,
			...(binding.pinned ? {pinned: true} : {}),
		});
	}

	return hints.sort((a, b) => a.priority - b.priority).map(({priority: _priority, ...hint}) => hint);
}

export interface HelpEntry {
	keys: string;
	help: string;
}

export interface HelpSection {
	title: Binding['section'];
	entries: HelpEntry[];
}

/** Every binding this monitor offers (see Feature), grouped for the help overlay in table order. */
export function helpSections(glyphs: Glyphs, features: readonly Feature[] = []): HelpSection[] {
	const sections: HelpSection[] = [];
	for (const binding of KEYMAP) {
		if (!offered(binding, features)) {
			continue;
		}

		let section = sections.find(s => s.title === binding.section);
		if (!section) {
			section = {title: binding.section, entries: []};
			sections.push(section);
		}

		section.entries.push({keys: binding.keys(glyphs), help: binding.help});
	}

	return sections;
}
