import type {Key} from 'ink';
import {describe, expect, test} from 'vitest';
import {footerHints, helpSections, KEYMAP, resolveKey, type Feature, type KeyContext} from '../../source/ui/keys/keymap.js';
import {fittingHints} from '../../source/ui/components/footer.js';
import type {Mode} from '../../source/ui/state/mode.js';
import {createTheme} from '../../source/ui/theme/theme.js';

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
const modes: Mode[] = [
	'normal',
	'adding',
	'filtering',
	'confirm-remove',
	'confirm-clear',
	'confirm-start',
	'help',
	'discover',
	'sources',
	'history',
	'history-filtering',
];
const allFeatures: Feature[] = ['discover', 'start', 'history', 'copy', 'glance', 'open'];
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

	test('confirmations take y and n/Esc/Enter (no is the default), and nothing that moves or edits', () => {
		for (const mode of ['confirm-remove', 'confirm-clear', 'confirm-start'] as const) {
			expect(resolveKey(mode, 'y', none)).toBe('confirm');
			expect(resolveKey(mode, 'n', none)).toBe('deny');
			// q answers no at a question; it never quits past one (Ctrl-C still does).
			expect(resolveKey(mode, 'q', none)).toBe('deny');
			expect(resolveKey(mode, 'c', with_({ctrl: true}))).toBe('quit');
			expect(resolveKey(mode, '', with_({escape: true, meta: true}))).toBe('deny');
			expect(resolveKey(mode, '\r', with_({return: true}))).toBe('deny');
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
			for (const binding of KEYMAP.filter(candidate => candidate.modes.includes(mode))) {
				for (const {notIn, ...chord} of binding.chords) {
					if (notIn?.includes(mode)) {
						continue;
					}

					const id = JSON.stringify(chord);
					expect(seen.get(id), `${mode}: ${id} bound to ${seen.get(id)} and ${binding.command}`).toBeUndefined();
					seen.set(id, binding.command);
				}
			}
		}
	});
});

describe('footerHints', () => {
	const labels = (partial: Partial<KeyContext>) => footerHints({...context, ...partial}, glyphs).map(hint => hint.label);

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
		const keysOf = (mode: Mode) => footerHints({...context, mode}, glyphs).find(hint => hint.label === 'quit')?.keys;
		expect(keysOf('adding')).toBe('Ctrl-C');
		expect(keysOf('filtering')).toBe('Ctrl-C');
		expect(keysOf('normal')).toBe('q');
	});

	test('prompts and confirmations show their own keys', () => {
		expect(labels({mode: 'adding'})).toEqual(['add', 'cancel', 'clear', 'quit']);
		expect(labels({mode: 'filtering'})).toEqual(['keep filter', 'clear filter', 'erase all', 'quit']);
		expect(labels({mode: 'confirm-remove'})).toEqual(['yes', 'no', 'quit']);
		expect(labels({mode: 'help'})).toEqual(['close help', 'scroll', 'quit']);
	});

	test('ASCII glyphs reach the hints', () => {
		const ascii = createTheme({color: false, ascii: true}).glyphs;
		const keys = footerHints(context, ascii)
			.map(hint => hint.keys)
			.join(' ');
		expect(keys).toContain('Enter');
		expect(keys).toMatch(/^[\x20-\x7e]+$/);
	});
});

test('the help lists every binding once, in sections', () => {
	const sections = helpSections(glyphs, allFeatures);
	const entries = sections.flatMap(section => section.entries);
	expect(entries).toHaveLength(KEYMAP.length);
	expect(sections.map(section => section.title)).toEqual(['Navigate', 'Aggregations', 'View', 'Pickers', 'Prompts', 'General']);
});

test('without the screens they need, D, S and H are absent from the help and the footer, and do nothing', () => {
	const helpText = (features: Feature[]) =>
		helpSections(glyphs, features)
			.flatMap(section => section.entries)
			.map(entry => entry.keys);
	expect(helpText([])).not.toEqual(expect.arrayContaining(['D']));
	expect(helpText([])).not.toContain('S');
	expect(helpText([])).not.toContain('H');
	expect(helpText([])).not.toContain('Space');
	expect(helpText(allFeatures)).toEqual(expect.arrayContaining(['D', 'S', 'H', 'Space']));
	expect(helpText(['history'])).toContain('H');
	expect(helpText(['history'])).not.toContain('D');
	expect(helpText([])).not.toContain('O');
	expect(helpText(['glance'])).toContain('O');

	expect(resolveKey('normal', 'D', with_({shift: true}))).toBeUndefined();
	expect(resolveKey('normal', 'D', with_({shift: true}), ['discover'])).toBe('discover');
	expect(resolveKey('normal', 'S', with_({shift: true}), ['start'])).toBe('start');
	expect(resolveKey('normal', 'H', with_({shift: true}), ['history'])).toBe('history');
	expect(resolveKey('normal', 'S', with_({shift: true}), ['discover'])).toBeUndefined();
	expect(resolveKey('normal', 'O', with_({shift: true}))).toBeUndefined();
	expect(resolveKey('normal', 'O', with_({shift: true}), ['glance'])).toBe('glance');

	const footer = (features: Feature[]) => footerHints({...context, features}, glyphs).map(hint => hint.label);
	expect(footer([])).not.toEqual(expect.arrayContaining(['discover']));
	expect(footer([])).not.toContain('start');
	expect(footer([])).not.toContain('history');
	expect(footer(allFeatures)).toEqual(expect.arrayContaining(['discover', 'start', 'history', 'sources']));
	expect(footer([])).not.toContain('sources');
});

test('sources at a glance: / filters, s sorts, Enter details, S starts, t tracks, O or Esc goes back; its prompt takes letters as text', () => {
	const glance = (input: string, key: Partial<Key> = {}) => resolveKey('tenant-sources', input, with_(key), allFeatures);
	expect(glance('/')).toBe('filter');
	expect(glance('s')).toBe('sort');
	expect(glance('', {return: true})).toBe('toggle-detail');
	expect(glance('S', {shift: true})).toBe('start');
	expect(glance('t')).toBe('track-run');
	expect(glance('O', {shift: true})).toBe('glance');
	expect(glance('', {escape: true})).toBe('back');
	expect(glance('j')).toBe('down');
	expect(glance('r', {ctrl: true})).toBe('reload');
	// Without the start screen, S does nothing there either.
	expect(resolveKey('tenant-sources', 'S', with_({shift: true}), ['glance'])).toBeUndefined();
	for (const letter of ['s', 't', 'S', 'O', 'q', '/']) {
		expect(resolveKey('tenant-sources-filtering', letter, none, allFeatures)).toBeUndefined();
	}

	expect(resolveKey('tenant-sources-filtering', '', with_({return: true}), allFeatures)).toBe('submit');
	expect(resolveKey('confirm-source-start', 'y', none, allFeatures)).toBe('confirm');
	expect(resolveKey('confirm-source-start', 'n', none, allFeatures)).toBe('deny');
	const hints = footerHints({...context, mode: 'tenant-sources', rows: 12, features: allFeatures}, glyphs).map(hint => hint.keys);
	expect(hints).toEqual(expect.arrayContaining(['/', 's', 'S', 't', 'O', 'Esc']));
});

describe('pickers and history', () => {
	test('in a picker (k9s-like) j/k and the arrows move, / opens the filter line, Space marks (discover only), Enter chooses, Esc goes back', () => {
		for (const mode of ['discover', 'sources'] as const) {
			expect(resolveKey(mode, 'j', none, allFeatures)).toBe('down');
			expect(resolveKey(mode, 'k', none, allFeatures)).toBe('up');
			expect(resolveKey(mode, '', with_({downArrow: true}), allFeatures)).toBe('down');
			expect(resolveKey(mode, 'G', with_({shift: true}), allFeatures)).toBe('last');
			expect(resolveKey(mode, '/', none, allFeatures)).toBe('filter');
			expect(resolveKey(mode, '\r', with_({return: true}), allFeatures)).toBe('choose');
			expect(resolveKey(mode, '', with_({escape: true, meta: true}), allFeatures)).toBe('back');
			expect(resolveKey(mode, 'c', with_({ctrl: true}), allFeatures)).toBe('quit');
			expect(resolveKey(mode, 'r', with_({ctrl: true}), allFeatures)).toBe('reload');
			expect(resolveKey(mode, 'D', with_({shift: true}), allFeatures)).toBeUndefined();
		}

		expect(resolveKey('discover', ' ', none, allFeatures)).toBe('mark');
		expect(resolveKey('sources', ' ', none, allFeatures)).toBeUndefined();
		expect(resolveKey('sources', 'o', none, allFeatures)).toBe('open-source');
	});

	test("a picker's filter line takes letters (even q, j, / and Space) as text; Enter keeps the filter, Esc clears it", () => {
		for (const mode of ['discover-filtering', 'sources-filtering'] as const) {
			for (const letter of ['q', 'j', 'k', 'D', 'y', '/', ' ']) {
				expect(resolveKey(mode, letter, none, allFeatures)).toBeUndefined();
			}

			expect(resolveKey(mode, '\r', with_({return: true}), allFeatures)).toBe('submit');
			expect(resolveKey(mode, '', with_({escape: true, meta: true}), allFeatures)).toBe('cancel');
			expect(resolveKey(mode, '', with_({backspace: true}), allFeatures)).toBe('erase');
			expect(resolveKey(mode, 'c', with_({ctrl: true}), allFeatures)).toBe('quit');
		}
	});

	test('the history moves like the list; / filters, Enter shows details, Esc and H go back', () => {
		expect(resolveKey('history', 'j', none, allFeatures)).toBe('down');
		expect(resolveKey('history', 'G', with_({shift: true}), allFeatures)).toBe('last');
		expect(resolveKey('history', '/', none, allFeatures)).toBe('filter');
		expect(resolveKey('history', '\r', with_({return: true}), allFeatures)).toBe('toggle-detail');
		expect(resolveKey('history', '', with_({escape: true, meta: true}), allFeatures)).toBe('back');
		expect(resolveKey('history', 'H', with_({shift: true}), allFeatures)).toBe('history');
		expect(resolveKey('history', 'a', none, allFeatures)).toBeUndefined();
		expect(resolveKey('history-filtering', 'q', none, allFeatures)).toBeUndefined();
		expect(resolveKey('history-filtering', '\r', with_({return: true}), allFeatures)).toBe('submit');
	});

	test('footers say what Enter does and how many are marked; the history says back or clear filter', () => {
		const labels = (partial: Partial<KeyContext>) =>
			footerHints({...context, features: allFeatures, ...partial}, glyphs).map(hint => hint.label);
		expect(labels({mode: 'discover'})).toEqual(expect.arrayContaining(['track', 'mark', 'back', 'filter']));
		expect(labels({mode: 'discover', filtered: true})).toContain('clear filter');
		expect(labels({mode: 'discover-filtering'})).toEqual(expect.arrayContaining(['keep filter', 'clear filter']));
		expect(labels({mode: 'discover', marked: 2})).toContain('track 2 marked');
		expect(labels({mode: 'sources'})).toContain('start');
		expect(labels({mode: 'sources'})).not.toContain('mark');
		expect(labels({mode: 'history'})).toEqual(expect.arrayContaining(['back', 'close history', 'filter']));
		expect(labels({mode: 'history', filtered: true})).toContain('clear filter');
	});

	test('t is offered once rows of several tenants are tracked, and names the tenant shown', () => {
		expect(resolveKey('normal', 't', none)).toBe('tenant');
		const labels = (partial: Partial<KeyContext>) => footerHints({...context, ...partial}, glyphs).map(hint => hint.label);
		expect(labels({tenants: 1})).not.toContain('tenant');
		expect(labels({tenants: 2})).toContain('tenant');
		expect(labels({tenants: 2, tenantFilter: 'globex'})).toContain('tenant: globex');
	});
});

test('the footer keeps room for help and quit however many hints there are', () => {
	const hints = footerHints({...context, features: allFeatures, tenants: 3, filtered: true}, glyphs);
	for (const width of [40, 60, 80, 100]) {
		const kept = fittingHints(hints, width);
		const labels = kept.map(hint => hint.label);
		expect(labels.slice(-2)).toEqual(['help', 'quit']);
		const text = kept.map(hint => `${hint.keys} ${hint.label}`).join('  ');
		expect([...text].length).toBeLessThanOrEqual(width);
	}
});
