import {describe, expect, it} from 'vitest';
import {parseRetryAfter} from '../../source/isc/retry-after.js';

const NOW = Date.parse('2025-01-31T14:30:00.000Z');

describe('parseRetryAfter', () => {
	it('reads delay-seconds', () => {
		expect(parseRetryAfter('2', NOW)).toBe(2000);
		expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
		expect(parseRetryAfter('120', NOW)).toBe(120_000);
		expect(parseRetryAfter('1.5', NOW)).toBe(1500);
	});

	it('reads an HTTP-date relative to now', () => {
		expect(parseRetryAfter('Fri, 31 Jan 2025 14:30:07 GMT', NOW)).toBe(7000);
		// RFC 850 and asctime forms are still valid HTTP-dates.
		expect(parseRetryAfter('Friday, 31-Jan-25 14:30:03 GMT', NOW)).toBe(3000);
		expect(parseRetryAfter('Fri Jan 31 14:30:05 2025', NOW)).toBe(5000);
	});

	it('gives 0, not a negative wait, for a date in the past', () => {
		expect(parseRetryAfter('Fri, 31 Jan 2025 14:29:00 GMT', NOW)).toBe(0);
	});

	it('gives undefined for absent or garbage values', () => {
		for (const value of [undefined, '', '  ', '-1', 'soon', '1e3', '0x10', 'Fri, 99 Foo 2025', '2 seconds', 'NaN']) {
			expect(parseRetryAfter(value, NOW)).toBeUndefined();
		}
	});
});
