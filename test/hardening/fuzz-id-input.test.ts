import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {isHexId} from '../../source/domain/guards.js';
import {parseIdInput} from '../../source/ui/screens/list/id-input.js';
import {expectOnly, unicodeString} from './helpers/arbitraries.js';

/** Characters the add prompt splits on: blanks (Unicode ones too), commas, semicolons, new lines. */
const SEPARATOR = /[\s,;]/;

const hexId = fc.stringMatching(/^[\da-fA-F]{32}$/);
const oddId = fc.stringMatching(/^[\w.-]{1,64}$/);
const separator = fc.stringMatching(/^[ ,;\t\r\n\u00a0\u2028\u3000]{1,3}$/);
const junk = fc.oneof(
	fc.stringMatching(/^[^\s,;]{1,12}$/),
	fc.constantFrom('../etc', 'a/b', 'x?y', '#', '%2F', '"quoted"', '\u001b[31m', 'ü', '\ud800', 'a'.repeat(65), '😀'),
);
const token = fc.oneof(hexId, oddId, junk);
/** Pasted text: ids and junk between runs of separators, sometimes with separators at either end. */
const pasted = fc
	.tuple(fc.array(fc.tuple(token, separator), {maxLength: 12}), fc.option(separator, {nil: ''}))
	.map(([pairs, lead]) => lead + pairs.map(([value, gap]) => value + gap).join(''));

const tracked = fc.array(hexId, {maxLength: 3}).map(ids => new Set(ids));

describe('parseIdInput on arbitrary input', () => {
	it('never throws, and what it accepts came from the input, holds no separator and is not tracked yet', () => {
		fc.assert(
			fc.property(fc.oneof(unicodeString(200), pasted), tracked, (text, already) => {
				const outcome = expectOnly(() => parseIdInput(text, already));
				if (!('value' in outcome)) {
					return;
				}

				const result = outcome.value;
				for (const id of result.accepted) {
					expect(text).toContain(id);
					expect(id).not.toMatch(SEPARATOR);
					expect(id).toMatch(/^[\w.-]{1,64}$/);
					expect(already.has(id)).toBe(false);
				}

				expect(new Set(result.accepted).size).toBe(result.accepted.length);
				expect(result.unusual).toEqual(result.accepted.filter(id => !isHexId(id)));
				for (const rejected of result.rejected) {
					expect(text).toContain(rejected.token);
					expect(rejected.reason).not.toMatch(/[\u0000-\u001f\u007f]/);
				}
			}),
			{numRuns: 1500},
		);
	});

	it('accepts every 32-character hex id of a pasted list, once each, in order, whatever separates them', () => {
		fc.assert(
			fc.property(fc.array(fc.tuple(hexId, separator), {maxLength: 20}), tracked, (pairs, already) => {
				const text = pairs.map(([id, gap]) => id + gap).join('');
				const ids = pairs.map(([id]) => id);
				const expected = ids.filter((id, index) => ids.indexOf(id) === index && !already.has(id));
				const result = parseIdInput(text, already);
				expect(result.accepted).toEqual(expected);
				expect(result.unusual).toEqual([]);
				expect(result.rejected).toEqual([]);
			}),
		);
	});

	it('accounts for every token: accepted, duplicate or rejected', () => {
		fc.assert(
			fc.property(pasted, text => {
				const tokens = text.split(/[\s,;]+/).filter(value => value !== '');
				const result = parseIdInput(text);
				for (const value of tokens) {
					const placed =
						result.accepted.includes(value) ||
						result.duplicates.includes(value) ||
						result.rejected.some(rejected => rejected.token === value);
					expect(placed).toBe(true);
				}
			}),
			{numRuns: 1000},
		);
	});
});
