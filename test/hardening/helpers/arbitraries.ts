/**
 * Shared fast-check generators and checks for the fuzz tests: arbitrary values of every JavaScript kind, strings
 * over all of Unicode (lone surrogates and control characters included), and JSON text.
 */
import fc from 'fast-check';

/** Any string: every code point, controls and unpaired surrogates included. */
export const unicodeString = (maxLength = 80): fc.Arbitrary<string> =>
	fc.oneof(
		fc.string({unit: 'binary', maxLength}),
		fc.string({unit: 'grapheme', maxLength}),
		fc.string({maxLength}),
		// Lone UTF-16 code units: halves of surrogate pairs that real text never has.
		fc.array(fc.integer({min: 0, max: 0xff_ff}), {maxLength}).map(units => String.fromCharCode(...units)),
	);

/** Any JavaScript value: objects with odd keys (and null prototypes), arrays, bigints, dates, maps, sets, ... */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
	fc.anything({
		withBigInt: true,
		withBoxedValues: true,
		withDate: true,
		withMap: true,
		withNullPrototype: true,
		withObjectString: true,
		withSet: true,
		withSparseArray: true,
		withTypedArray: true,
		withUnicodeString: true,
	}),
	fc.jsonValue(),
);

/** Text a server might send: JSON of any shape, JSON cut short, or arbitrary text. */
export const bodyText: fc.Arbitrary<string> = fc.oneof(
	fc.json(),
	fc.json().chain(json => fc.nat({max: json.length}).map(cut => json.slice(0, cut))),
	unicodeString(200),
);

/** What a typed error may be: anything else escaping (TypeError, RangeError, ...) fails the property. */
export function expectOnly<T>(run: () => T, ...allowed: Array<abstract new (...args: never[]) => Error>): {value: T} | {error: Error} {
	try {
		return {value: run()};
	} catch (error) {
		if (allowed.some(type => error instanceof type)) {
			return {error: error as Error};
		}

		throw error;
	}
}

/** C0 and C1 control characters and DEL: what can start a terminal escape sequence or break a line. */
export const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
