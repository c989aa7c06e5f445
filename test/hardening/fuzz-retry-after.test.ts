import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {parseRetryAfter} from '../../source/isc/retry-after.js';
import {expectOnly, unicodeString} from './helpers/arbitraries.js';

const now = fc.integer({min: Date.UTC(2000, 0, 1), max: Date.UTC(2090, 0, 1)});
/** Whole seconds: HTTP-dates carry no milliseconds. */
const date = fc.integer({min: Date.UTC(1995, 0, 1) / 1000, max: Date.UTC(2095, 0, 1) / 1000}).map(seconds => new Date(seconds * 1000));
const blank = fc.constantFrom('', ' ', '\t', '  ');

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (value: number): string => String(value).padStart(2, '0');
const time = (at: Date): string => `${two(at.getUTCHours())}:${two(at.getUTCMinutes())}:${two(at.getUTCSeconds())}`;

/** The three forms RFC 9110 says a recipient must accept. */
function httpDates(at: Date): string[] {
	const day = DAYS[at.getUTCDay()]!;
	const month = MONTHS[at.getUTCMonth()]!;
	return [
		at.toUTCString(), // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
		`${day}, ${two(at.getUTCDate())}-${month}-${two(at.getUTCFullYear() % 100)} ${time(at)} GMT`, // RFC 850
		`${day.slice(0, 3)} ${month} ${String(at.getUTCDate()).padStart(2, ' ')} ${time(at)} ${at.getUTCFullYear()}`, // asctime
	];
}

describe('parseRetryAfter', () => {
	it('gives undefined or a finite, non-negative number of milliseconds for any header value', () => {
		fc.assert(
			fc.property(fc.oneof(unicodeString(60), fc.stringMatching(/^[\d .:,+-]{0,30}$/)), now, (value, at) => {
				const outcome = expectOnly(() => parseRetryAfter(value, at));
				if ('value' in outcome && outcome.value !== undefined) {
					expect(Number.isFinite(outcome.value)).toBe(true);
					expect(outcome.value).toBeGreaterThanOrEqual(0);
				}
			}),
			{numRuns: 3000},
		);
		expect(parseRetryAfter(undefined, 0)).toBeUndefined();
	});

	it('reads delay-seconds, blanks around them allowed', () => {
		fc.assert(
			fc.property(fc.nat({max: 10 ** 9}), blank, blank, now, (seconds, before, after, at) => {
				expect(parseRetryAfter(`${before}${seconds}${after}`, at)).toBe(seconds * 1000);
			}),
		);
	});

	it('refuses negative numbers and numbers in other notations', () => {
		fc.assert(
			fc.property(fc.integer({min: 1, max: 10 ** 6}), now, (seconds, at) => {
				for (const value of [
					`-${seconds}`,
					`${seconds}e2`,
					`0x${seconds.toString(16)}`,
					`+${seconds}`,
					`${seconds}s`,
					`${seconds} ${seconds}`,
				]) {
					expect(parseRetryAfter(value, at)).toBeUndefined();
				}
			}),
		);
	});

	it('reads an IMF-fixdate or an asctime date as the time left until then, 0 once it is past', () => {
		fc.assert(
			fc.property(date, now, (at, nowMs) => {
				const [imf, , asctime] = httpDates(at);
				const expected = Math.max(0, at.getTime() - nowMs);
				expect(parseRetryAfter(imf, nowMs)).toBe(expected);
				expect(parseRetryAfter(asctime, nowMs)).toBe(expected);
			}),
			{numRuns: 500},
		);
	});

	it('reads an RFC 850 date, its two-digit year in the 1900s or the 2000s', () => {
		fc.assert(
			fc.property(date, now, (at, nowMs) => {
				const result = parseRetryAfter(httpDates(at)[1]!, nowMs);
				const candidates = [1900, 2000].map(century => {
					const target = new Date(at);
					target.setUTCFullYear(century + (at.getUTCFullYear() % 100));
					return Math.max(0, target.getTime() - nowMs);
				});
				expect(candidates).toContain(result);
			}),
			{numRuns: 300},
		);
	});
});
