import type {Key} from 'ink';
import {describe, expect, test} from 'vitest';
import {footerHints, helpSections, KEYMAP, resolveKey, type KeyContext} from '../../source/ui/keymap.js';
import type {Mode} from '../../source/ui/mode.js';
import {createTheme} from '../../source/ui/theme.js';

const none: Key = {
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

const with_ = (flags: Partial<Key>): Key => ({...none, ...flags});
const modes: Mode[] = ['normal', 'adding', 'filtering', 'confirm-remove', 'confirm-clear', 'help'];
const glyphs = createTheme({color: true, ascii: false}).glyphs;
const context: KeyContext = {mode: 'normal', rows: 5, total: 5, finished: 1, paused: false, detailOpen: false, filtered: false};

describe('resolveKey', () => {
	test('normal mode: the documented keys', () => {
		expect(resolveKey('normal', '', with_({upArrow: true}))).toBe('up');
		expect(resolveKey('normal', 'k', none)).toBe('up');
		expect(resolveKey('normal', 'j', none)).toBe('down');
		expect(resolveKey('normal', '', with_({pageDown: true}))).toBe('page-down');
		expect(resolveKey('normal', 'g', none)).toBe('first');
		expect(resolveKey('normal', 'G', with_({shift: true}))).toBe('last');
		expect(resolveKey('normal', '', with_({end: true}))).toBe('last');
		expect(resolveKey('normal', '\r', with_({return: true}))).toBe('toggle-detail');
		expect(resolveKey('normal', 'a', none)).toBe('add');
		expect(resolveKey('normal', 'd', none)).toBe('remove');
		expect(resolveKey('normal', '', with_({delete: true}))).toBe('remove');
		expect(resolveKey('normal', 'r', none)).toBe('poll');
		expect(resolveKey('normal', 'R', with_({shift: true}))).toBe('poll-all');
		expect(resolveKey('normal', 'p', none)).toBe('pause');
		expect(resolveKey('normal', '/', none)).toBe('filter');
		expect(resolveKey('normal', 's', none)).toBe('sort');
		expect(resolveKey('normal', 'c', none)).toBe('clear-finished');
		expect(resolveKey('normal', '?', none)).toBe('help');
		expect(resolveKey('normal', 'q', none)).toBe('quit');
		expect(resolveKey('normal', 'c', with_({ctrl: true}))).toBe('quit');
		expect(resolveKey('normal', 'x', none)).toBeUndefined();
	});

	test('in prompts letters are text; Enter, Esc, Backspace (0x7f arrives as delete), Ctrl-U and Ctrl-C are keys', () => {
		for (const mode of ['adding', 'filtering'] as const) {
			for (const letter of ['q', 'a', 'd', 'j', '?', 'y']) {
				expect(resolveKey(mode, letter, none)).toBeUndefined();
			}

			expect(resolveKey(mode, '\r', with_({return: true}))).toBe('submit');
			expect(resolveKey(mode, '', with_({escape: true, meta: true}))).toBe('cancel');
			expect(resolveKey(mode, '', with_({delete: true}))).toBe('erase');
			expect(resolveKey(mode, '', with_({backspace: true}))).toBe('erase');
			expect(resolveKey(mode, 'u', with_({ctrl: true}))).toBe('erase-line');
			expect(resolveKey(mode, 'c', with_({ctrl: true}))).toBe('quit');
		}
	});

	test('confirmations take y and n/Esc, and nothing that moves or edits', () => {
		for (const mode of ['confirm-remove', 'confirm-clear'] as const) {
			expect(resolveKey(mode, 'y', none)).toBe('confirm');
			expect(resolveKey(mode, 'n', none)).toBe('deny');
			expect(resolveKey(mode, '', with_({escape: true, meta: true}))).toBe('deny');
			expect(resolveKey(mode, 'd', none)).toBeUndefined();
			expect(resolveKey(mode, '', with_({downArrow: true}))).toBeUndefined();
		}
	});

	test('help: ? and Esc close it, arrows scroll it', () => {
		expect(resolveKey('help', '?', none)).toBe('close-help');
		expect(resolveKey('help', '', with_({escape: true, meta: true}))).toBe('close-help');
		expect(resolveKey('help', 'j', none)).toBe('down');
		expect(resolveKey('help', 'a', none)).toBeUndefined();
	});

	test('no two bindings share a chord within a mode', () => {
		for (const mode of modes) {
			const seen = new Map<string, string>();
			for (const binding of KEYMAP.filter((candidate) => candidate.modes.includes(mode))) {
				for (const chord of binding.chords) {
					const id = JSON.stringify(chord);
					expect(seen.get(id), `${mode}: ${id} bound to ${seen.get(id)} and ${binding.command}`).toBeUndefined();
					seen.set(id, binding.command);
				}
			}
		}
	});
});

describe('footerHints', () => {
	const labels = (partial: Partial<KeyContext>) => footerHints({...context, ...partial}, glyphs).map((hint) => hint.label);

	test('shows what matters now', () => {
		expect(labels({})).toEqual(expect.arrayContaining(['move', 'add', 'details', 'remove', 'pause', 'clear finished', 'help', 'quit']));
		expect(labels({paused: true})).toContain('resume');
		expect(labels({detailOpen: true})).toContain('hide details');
		expect(labels({finished: 0})).not.toContain('clear finished');
		expect(labels({filtered: true})).toContain('clear filter');
		expect(labels({filtered: false})).not.toContain('clear filter');
	});

	test('an empty list offers add, help and quit only', () => {
		expect(labels({rows: 0, total: 0, finished: 0})).toEqual(['add', 'help', 'quit']);
	});

	test('inside a prompt q is text, so the quit hint names Ctrl-C', () => {
		const keysOf = (mode: Mode) => footerHints({...context, mode}, glyphs).find((hint) => hint.label === 'quit')?.keys;
		expect(keysOf('adding')).toBe('Ctrl-C');
		expect(keysOf('filtering')).toBe('Ctrl-C');
		expect(keysOf('normal')).toBe('q');
	});

	test('prompts and confirmations show their own keys', () => {
		expect(labels({mode: 'adding'})).toEqual(['add', 'cancel', 'clear', 'quit']);
		expect(labels({mode: 'filtering'})).toEqual(['keep filter', 'cancel', 'clear', 'quit']);
		expect(labels({mode: 'confirm-remove'})).toEqual(['yes', 'no', 'quit']);
		expect(labels({mode: 'help'})).toEqual(['close help', 'scroll', 'quit']);
	});

	test('ASCII glyphs reach the hints', () => {
		const ascii = createTheme({color: false, ascii: true}).glyphs;
		const keys = footerHints(context, ascii).map((hint) => hint.keys).join(' ');
		expect(keys).toContain('Enter');
		expect(keys).toMatch(/^[\x20-\x7e]+$/);
	});
});

test('the help lists every binding once, in sections', () => {
	const sections = helpSections(glyphs);
	const entries = sections.flatMap((section) => section.entries);
	expect(entries).toHaveLength(KEYMAP.length);
	expect(sections.map((section) => section.title)).toEqual(['Navigate', 'Aggregations', 'View', 'Prompts', 'General']);
});
