import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {backoffDelay} from '../../source/isc/backoff.js';

describe('backoffDelay', () => {
	it('doubles per attempt up to the ceiling (at the top of the jitter range)', () => {
		const top = {baseMs: 1000, maxMs: 8000, random: () => 0.999_999, jitter: 'full' as const};
		expect([1, 2, 3, 4, 5, 6].map(attempt => backoffDelay(attempt, top))).toEqual([999, 1999, 3999, 7999, 7999, 7999]);
	});

	it('full jitter can be zero, equal jitter never goes below half', () => {
		expect(backoffDelay(3, {baseMs: 1000, maxMs: 60_000, random: () => 0, jitter: 'full'})).toBe(0);
		expect(backoffDelay(3, {baseMs: 1000, maxMs: 60_000, random: () => 0, jitter: 'equal'})).toBe(2000);
		expect(backoffDelay(3, {baseMs: 1000, maxMs: 60_000, random: () => 0})).toBe(2000);
	});

	it('stays within [0, maxMs] for any attempt and random value', () => {
		fc.assert(
			fc.property(
				fc.integer({min: -5, max: 2000}),
				fc.integer({min: 1, max: 10_000}),
				fc.integer({min: 1, max: 120_000}),
				fc.double({min: 0, max: 1, noNaN: true}),
				fc.constantFrom('full' as const, 'equal' as const),
				(attempt, baseMs, maxMs, r, jitter) => {
					const delay = backoffDelay(attempt, {baseMs, maxMs, random: () => r, jitter});
					expect(Number.isInteger(delay)).toBe(true);
					expect(delay).toBeGreaterThanOrEqual(0);
					expect(delay).toBeLessThanOrEqual(maxMs);
					const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
					if (jitter === 'equal') {
						expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
					}
				},
			),
		);
	});
});
