import {describe, expect, test} from 'vitest';
import {createTheme, prefersAscii, prefersColor} from '../../source/ui/theme/theme.js';

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
