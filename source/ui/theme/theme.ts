import {createContext, useContext} from 'react';

/**
 * Every colour and glyph the monitor draws lives here, so `NO_COLOR` and ASCII terminals are one switch each.
 * Colour is never the only carrier of meaning: each coloured thing also has a symbol or a word.
 */

/** What a colour is used for. Components ask for a role, never for a colour name. */
export type ColorRole =
	| 'accent'
	| 'muted'
	| 'running'
	| 'collected'
	| 'done'
	| 'failed'
	| 'cancelled'
	| 'waiting'
	| 'unknown'
	| 'warning'
	| 'error'
	| 'key'
	| 'barFilled'
	| 'barEmpty';

export interface Glyphs {
	/** Spinner frames and their interval (ms). */
	spinner: {frames: readonly string[]; intervalMs: number};
	/** Marks the selected row (readable without colour or inverse). */
	cursor: string;
	barFilled: string;
	barEmpty: string;
	/** Where a text was cut to fit (may be more than one character: fit() allows for it). */
	ellipsis: string;
	/** Separates header items. */
	separator: string;
	/** Status symbols (see badge.ts). */
	started: string;
	collected: string;
	completed: string;
	cancelled: string;
	retried: string;
	terminated: string;
	notFound: string;
	waiting: string;
	expired: string;
	unknown: string;
	/** Header polling state. */
	live: string;
	paused: string;
	rateLimited: string;
	/** A task that ended WARNING, after "completed"; also a warning notice and a "slower than usual" mark. */
	warning: string;
	/** A running aggregation whose counts stopped (its own mark: not paused, not failed). */
	stalled: string;
	/** Row marks: behind its poll schedule; the last request failed (also the header's erroring count). */
	stale: string;
	error: string;
	/** Key names in hints. */
	up: string;
	down: string;
	enter: string;
	sortAscending: string;
	sortDescending: string;
	/** "at most", before a duration that is only an upper bound. */
	atMost: string;
	/** After a factor: "2.5×". */
	times: string;
}

const unicodeGlyphs: Glyphs = {
	spinner: {frames: ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'], intervalMs: 1000},
	cursor: '›',
	barFilled: '█',
	barEmpty: '░',
	ellipsis: '…',
	separator: '│',
	started: '▶',
	collected: '▶',
	completed: '✔',
	cancelled: '⊘',
	retried: '↻',
	terminated: '✖',
	notFound: '∅',
	waiting: '○',
	expired: '◌',
	unknown: '?',
	live: '●',
	paused: '‖',
	rateLimited: '◷',
	warning: '⚠',
	stalled: '⧖',
	stale: '~',
	error: '!',
	up: '↑',
	down: '↓',
	enter: '⏎',
	sortAscending: '▲',
	sortDescending: '▼',
	atMost: '≤',
	times: '×',
};

const asciiGlyphs: Glyphs = {
	spinner: {frames: ['-', '\\', '|', '/'], intervalMs: 1000},
	cursor: '>',
	barFilled: '#',
	barEmpty: '.',
	ellipsis: '..',
	separator: '|',
	started: '*',
	collected: '*',
	completed: '+',
	cancelled: ':',
	retried: 'R',
	terminated: 'x',
	notFound: '0',
	waiting: 'o',
	expired: '.',
	unknown: '?',
	live: '@',
	paused: '=',
	rateLimited: '%',
	warning: 'W',
	stalled: '_',
	stale: '~',
	error: '!',
	up: 'Up',
	down: 'Dn',
	enter: 'Enter',
	sortAscending: '^',
	sortDescending: 'v',
	atMost: '<=',
	times: 'x',
};

const palette: Record<ColorRole, string> = {
	accent: 'cyan',
	muted: 'gray',
	running: 'cyan',
	collected: 'blue',
	done: 'green',
	failed: 'red',
	cancelled: 'yellow',
	waiting: 'gray',
	unknown: 'magenta',
	warning: 'yellow',
	error: 'red',
	key: 'cyan',
	barFilled: 'green',
	barEmpty: 'gray',
};

export interface Theme {
	color: boolean;
	ascii: boolean;
	glyphs: Glyphs;
	/** The colour for a role, or undefined when colour is off (pass straight to Ink's `color`). */
	paint(role: ColorRole): string | undefined;
}

export interface ThemeOptions {
	/** False for NO_COLOR / --no-color. */
	color: boolean;
	/** True where Unicode is unsafe (TERM=linux, a non-UTF-8 locale, --ascii). */
	ascii: boolean;
}

export function createTheme({color, ascii}: ThemeOptions): Theme {
	return {
		color,
		ascii,
		glyphs: ascii ? asciiGlyphs : unicodeGlyphs,
		paint: color ? role => palette[role] : () => undefined,
	};
}

type Env = Record<string, string | undefined>;

/**
 * Whether to draw colour. `--no-color` (flag false) and a non-empty NO_COLOR (https://no-color.org) turn it off,
 * as do FORCE_COLOR=0 and TERM=dumb.
 */
export function prefersColor(env: Env, flag?: boolean): boolean {
	if (flag === false) {
		return false;
	}

	if (flag === true) {
		return true;
	}

	if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') {
		return false;
	}

	if (env['FORCE_COLOR'] === '0' || env['FORCE_COLOR'] === 'false') {
		return false;
	}

	return env['TERM'] !== 'dumb';
}

/**
 * Whether to fall back to ASCII glyphs: the Linux console (TERM=linux) lacks most of them,
 * and a locale that is set but not UTF-8 cannot encode them. With no locale variables at all,
 * Windows terminals are assumed to cope and other systems are assumed to be a bare C locale.
 */
export function prefersAscii(env: Env, platform: string = process.platform, flag?: boolean): boolean {
	if (flag !== undefined) {
		return flag;
	}

	if (env['TERM'] === 'linux' || env['TERM'] === 'dumb') {
		return true;
	}

	const locale = env['LC_ALL'] || env['LC_CTYPE'] || env['LANG'];
	if (!locale) {
		return platform !== 'win32' && env['TERM_PROGRAM'] === undefined && env['WT_SESSION'] === undefined;
	}

	return !/utf-?8/i.test(locale);
}

const defaultTheme = createTheme({color: true, ascii: false});

export const ThemeContext = createContext<Theme>(defaultTheme);

export function useTheme(): Theme {
	return useContext(ThemeContext);
}
