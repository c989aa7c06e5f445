import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {DurationError, formatDuration, parseDuration} from '../../source/core/durations.js';
import {CONTROL, expectOnly, unicodeString} from './helpers/arbitraries.js';

const UNIT_MS = {d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1} as const;
type Unit = keyof typeof UNIT_MS;
const UNITS = Object.keys(UNIT_MS) as Unit[];

const two = (value: number): string => String(value).padStart(2, '0');

/** Durations as formatDuration writes them: "45s", "1m 05s", "2h 03m", "3d 04h". */
const formatted = fc.oneof(
	fc.integer({min: 0, max: 59}).map(seconds => `${seconds}s`),
	fc.tuple(fc.integer({min: 1, max: 59}), fc.integer({min: 0, max: 59})).map(([minutes, seconds]) => `${minutes}m ${two(seconds)}s`),
	fc.tuple(fc.integer({min: 1, max: 23}), fc.integer({min: 0, max: 59})).map(([hours, minutes]) => `${hours}h ${two(minutes)}m`),
	fc.tuple(fc.integer({min: 1, max: 100_000}), fc.integer({min: 0, max: 23})).map(([days, hours]) => `${days}d ${two(hours)}h`),
);

/** What a user types: units largest first, each at most once, with or without blanks, any case. */
const typed = fc
	.subarray(UNITS, {minLength: 1})
	.chain(units => fc.tuple(...units.map(unit => fc.tuple(fc.constant(unit), fc.nat({max: 10_000}), fc.constantFrom('', ' ')))))
	.chain(parts => fc.tuple(fc.constant(parts), fc.boolean()))
	.map(([parts, upper]) => {
		const text = parts.map(([unit, value, gap]) => `${value}${gap}${unit}`).join(' ');
		return {text: upper ? text.toUpperCase() : text, ms: parts.reduce((sum, [unit, value]) => sum + value * UNIT_MS[unit], 0)};
	});

describe('parseDuration on arbitrary input', () => {
	it('returns a whole, non-negative, safe number of milliseconds or throws a DurationError whose message is one inert line', () => {
		const nearDuration = fc.stringMatching(/^[\d .]{0,6}(ms|[dhms]|x|)[\d .]{0,6}(ms|[dhms]|)$/);
		fc.assert(
			fc.property(fc.oneof(unicodeString(40), nearDuration, fc.stringMatching(/^\d{10,40}[dhms]?$/)), input => {
				const outcome = expectOnly(() => parseDuration(input), DurationError);
				if ('value' in outcome) {
					expect(Number.isSafeInteger(outcome.value)).toBe(true);
					expect(outcome.value).toBeGreaterThanOrEqual(0);
				} else {
					expect(outcome.error.message).not.toMatch(CONTROL);
				}
			}),
			{numRuns: 3000, examples: [['\n'], ['5\u001b[2Jm'], ['\u009b31m']]},
		);
	});

	it('reads durations written with units, largest first', () => {
		fc.assert(
			fc.property(typed, ({text, ms}) => {
				expect(parseDuration(text)).toBe(ms);
			}),
		);
	});

	it('refuses a unit given twice or out of order', () => {
		fc.assert(
			fc.property(fc.constantFrom(...UNITS), fc.constantFrom(...UNITS), fc.nat({max: 99}), fc.nat({max: 99}), (first, second, a, b) => {
				fc.pre(UNITS.indexOf(first) >= UNITS.indexOf(second));
				expect(() => parseDuration(`${a}${first}${b}${second}`)).toThrow(DurationError);
			}),
		);
	});

	it('round-trips: formatDuration(parseDuration(text)) gives back what formatDuration writes', () => {
		fc.assert(
			fc.property(formatted, text => {
				expect(formatDuration(parseDuration(text))).toBe(text);
			}),
			{numRuns: 1000},
		);
	});

	it("parseDuration reads formatDuration's output back to the same value, less the precision it drops", () => {
		fc.assert(
			fc.property(fc.integer({min: 1000, max: 10 ** 13}), ms => {
				const back = parseDuration(formatDuration(ms));
				expect(back).toBeLessThanOrEqual(ms);
				// The finest unit shown: seconds under an hour, minutes under a day, else hours.
				const step = ms < 3_600_000 ? 1000 : ms < 86_400_000 ? 60_000 : 3_600_000;
				expect(ms - back).toBeLessThan(step);
			}),
			{numRuns: 1000},
		);
	});
});
