import {describe, expect, test} from 'vitest';
import {helpLines} from '../../source/ui/components/help-overlay.js';
import {createTheme, prefersAscii, prefersColor, type Glyphs} from '../../source/ui/theme/theme.js';

describe('prefersColor', () => {
	test('NO_COLOR (non-empty) and --no-color turn colour off', () => {
		expect(prefersColor({NO_COLOR: '1', TERM: 'xterm'})).toBe(false);
		expect(prefersColor({NO_COLOR: '', TERM: 'xterm'})).toBe(true);
		expect(prefersColor({TERM: 'xterm'}, false)).toBe(false);
		expect(prefersColor({NO_COLOR: '1'}, true)).toBe(true);
	});

	test('TERM=dumb and FORCE_COLOR=0 turn colour off', () => {
		expect(prefersColor({TERM: 'dumb'})).toBe(false);
		expect(prefersColor({TERM: 'xterm-256color', FORCE_COLOR: '0'})).toBe(false);
	});
});

describe('prefersAscii', () => {
	test('the Linux console and non-UTF-8 locales get ASCII', () => {
		expect(prefersAscii({TERM: 'linux', LANG: 'en_US.UTF-8'}, 'linux')).toBe(true);
		expect(prefersAscii({TERM: 'xterm', LANG: 'en_US.ISO-8859-1'}, 'linux')).toBe(true);
		expect(prefersAscii({TERM: 'xterm', LANG: 'C'}, 'linux')).toBe(true);
	});

	test('UTF-8 locales get Unicode; LC_ALL wins over LANG', () => {
		expect(prefersAscii({TERM: 'xterm-256color', LANG: 'en_US.UTF-8'}, 'linux')).toBe(false);
		expect(prefersAscii({TERM: 'xterm', LANG: 'C', LC_ALL: 'de_DE.utf8'}, 'linux')).toBe(false);
	});

	test('the flag decides when given', () => {
		expect(prefersAscii({TERM: 'xterm', LANG: 'en_US.UTF-8'}, 'linux', true)).toBe(true);
		expect(prefersAscii({TERM: 'linux'}, 'linux', false)).toBe(false);
	});
});

test('without colour every role paints nothing; ASCII glyphs are 7-bit', () => {
	const plain = createTheme({color: false, ascii: true});
	expect(plain.paint('error')).toBeUndefined();
	expect(createTheme({color: true, ascii: false}).paint('error')).toBe('red');
	for (const value of Object.values(plain.glyphs)) {
		const texts = typeof value === 'string' ? [value] : value.frames;
		for (const text of texts) {
			expect(text).toMatch(/^[\x20-\x7e]+$/);
		}
	}
});

/**
 * The glyphs that stand alone for a state of a row or of the polling, or mark a row, a header count, a notice or a cut
 * text: each must mean one thing. Not among them, because they never stand alone: `collected` (the running badge, the
 * same meaning as `started`), the bar's cells, the header separator, key names, sort arrows, `atMost` and `times` (after
 * a number: "2.5x slower").
 */
const MEANINGS = [
	'cursor',
	'started',
	'completed',
	'cancelled',
	'retried',
	'terminated',
	'notFound',
	'waiting',
	'expired',
	'unknown',
	'live',
	'paused',
	'rateLimited',
	'warning',
	'stalled',
	'stale',
	'error',
	'ellipsis',
] as const satisfies ReadonlyArray<keyof Glyphs>;

describe('one glyph per meaning (issue 22)', () => {
	for (const ascii of [false, true]) {
		const {glyphs} = createTheme({color: false, ascii});
		test(`${ascii ? 'ASCII (TERM=linux)' : 'Unicode'}: the cursor, the badges, the header marks and the spinner frames are all different`, () => {
			const used = [...MEANINGS.map(name => glyphs[name]), ...glyphs.spinner.frames];
			expect(new Set(used).size).toBe(used.length);
			// The collisions the issue saw: the cursor and the running badge, cancelled and a spinner frame, a warning and
			// an error, stale and a cut text.
			expect(glyphs.cursor).not.toBe(glyphs.started);
			expect(glyphs.spinner.frames).not.toContain(glyphs.cancelled);
			expect(glyphs.warning).not.toBe(glyphs.error);
			expect(glyphs.stale).not.toBe(glyphs.ellipsis);
		});

		test(`${ascii ? 'ASCII' : 'Unicode'}: the ? legend lists every mark the screen can show`, () => {
			const keys = helpLines(glyphs).map(line => line.keys ?? '');
			for (const name of MEANINGS) {
				expect(
					keys.some(key => key.includes(glyphs[name])),
					name,
				).toBe(true);
			}

			for (const mark of [
				'held back',
				'over the',
				'slower',
				`${glyphs.stale}stale`,
				`${glyphs.error}net`,
				glyphs.atMost,
				glyphs.sortAscending,
			]) {
				expect(
					keys.some(key => key.includes(mark)),
					mark,
				).toBe(true);
			}

			expect(keys.some(key => key === glyphs.spinner.frames.join(''))).toBe(true);
		});
	}
});
