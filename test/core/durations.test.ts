import {describe, expect, it} from 'vitest';
import {DurationError, formatCount, formatDuration, formatRate, parseDuration} from '../../source/core/durations.js';

describe('formatDuration', () => {
	it.each([
		[0, '0s'],
		[400, '<1s'],
		[4000, '4s'],
		[59_999, '59s'],
		[65_000, '1m 05s'],
		[3_599_000, '59m 59s'],
		[2 * 3_600_000 + 3 * 60_000 + 59_000, '2h 03m'],
		[26 * 3_600_000, '1d 02h'],
		[-5000, '0s'],
		[Number.NaN, '?'],
		[Infinity, '∞'],
	])('%d ms → %s', (ms, text) => {
		expect(formatDuration(ms)).toBe(text);
	});
});

describe('parseDuration', () => {
	it.each([
		['45', 45_000],
		['90s', 90_000],
		['5m', 300_000],
		['1h30m', 5_400_000],
		['1h 30m', 5_400_000],
		['2d', 172_800_000],
		['500ms', 500],
		['1m30s500ms', 90_500],
		['1.5h', 5_400_000],
		[' 10S ', 10_000],
		['0', 0],
	])('%s → %d ms', (text, ms) => {
		expect(parseDuration(text)).toBe(ms);
	});

	it.each(['', '  ', 'abc', '5x', '-5s', '1h30', 's', '30m1h', '5m5m', '1,5h', '1e3', '9'.repeat(30) + 'd'])(
		'rejects %j with a one-line DurationError',
		text => {
			let caught: unknown;
			try {
				parseDuration(text);
			} catch (error) {
				caught = error;
			}

			expect(caught).toBeInstanceOf(DurationError);
			const error = caught as DurationError;
			expect(error.name).toBe('DurationError');
			expect(error.input).toBe(text);
			expect(error.message).toContain(`"${text}"`);
			expect(error.message).not.toContain('\n');
		},
	);
});

describe('formatCount', () => {
	it.each([
		[0, '0'],
		[999, '999'],
		[1000, '1,000'],
		[1_234_567, '1,234,567'],
		[-12_345, '-12,345'],
		[1999.6, '2,000'],
		[Number.NaN, '?'],
	])('%d → %s', (n, text) => {
		expect(formatCount(n)).toBe(text);
	});
});

describe('formatRate', () => {
	it.each([
		[0, '0/s'],
		[1234.4, '1,234/s'],
		[12, '12/s'],
		[2.5, '2.5/s'],
		[2, '2/s'],
		[0.5, '30/min'],
		[0.01, '0.6/min'],
		[-1, '?'],
	])('%d/s → %s', (perSecond, text) => {
		expect(formatRate(perSecond)).toBe(text);
	});
});
