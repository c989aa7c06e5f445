import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {IscError} from '../../source/domain/errors.js';
import {parseJsonBody} from '../../source/isc/json-body.js';
import {parseAggregationStatus} from '../../source/isc/status.js';
import {COUNT_FIELDS, KNOWN_STATUSES, type AggregationStatus} from '../../source/domain/status.js';
import {anyValue, bodyText, CONTROL, expectOnly, unicodeString} from './helpers/arbitraries.js';

/** A valid value for each field, as ISC sends it. */
const validStatus = fc.record(
	{
		start: fc.option(
			fc
				.date({min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true})
				.map(date => date.toISOString()),
			{nil: null},
		),
		status: fc.oneof(fc.constantFrom(...KNOWN_STATUSES), unicodeString(30)),
		totalAccounts: fc.nat(),
		processedAccounts: fc.nat(),
		totalAccountsMarkedForDeletion: fc.nat(),
		deletedAccounts: fc.nat(),
		totalIdentities: fc.nat(),
		processedIdentities: fc.maxSafeNat(),
	},
	{requiredKeys: []},
);

/** A value a count field must not take. */
const badCount = fc.oneof(
	fc.integer({max: -1}),
	fc.double({noInteger: true}),
	fc.constantFrom(Number.NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER + 1, 2 ** 64),
	// Whole numbers written as strings ("12") are read as counts.
	fc.string().filter(text => text !== '' && !/^\s*\d+\s*$/.test(text)),
	fc.boolean(),
	fc.array(fc.nat(), {maxLength: 2}),
	fc.object({maxDepth: 1}),
);

const badStatus = fc.oneof(fc.integer(), fc.boolean(), fc.array(fc.string(), {maxLength: 2}), fc.object({maxDepth: 1}));

describe('parseAggregationStatus on arbitrary input', () => {
	it('returns a status or throws a bad-response IscError, for any value', () => {
		fc.assert(
			fc.property(anyValue, body => {
				const outcome = expectOnly(() => parseAggregationStatus(body), IscError);
				if ('error' in outcome) {
					expect((outcome.error as IscError).kind).toBe('bad-response');
					expect(outcome.error.message).not.toContain('\n');
				} else {
					expect(typeof outcome.value).toBe('object');
					// Whatever the tenant sent, the status cannot carry a terminal escape sequence to the screen.
					expect(outcome.value.status ?? '').not.toMatch(CONTROL);
				}
			}),
			{numRuns: 1000, examples: [[{status: 'X\u001b]0;title\u0007\u001b[2J'}], [{status: '\u009b31mRED'}]]},
		);
	});

	it('survives any body text through the 2xx JSON step too', () => {
		fc.assert(
			fc.property(bodyText, raw => {
				expectOnly(() => parseAggregationStatus(parseJsonBody(raw, 'status body')), IscError);
			}),
			{numRuns: 1000},
		);
	});

	it('reads back every valid body exactly (control characters in the status as U+FFFD), whatever extra fields come with it', () => {
		fc.assert(
			fc.property(validStatus, fc.dictionary(fc.string(), fc.jsonValue(), {maxKeys: 4}), (status, extra) => {
				const known = new Set<string>(['start', 'status', ...COUNT_FIELDS]);
				const extras = Object.fromEntries(Object.entries(extra).filter(([key]) => !known.has(key) && key !== '__proto__'));
				const body: unknown = JSON.parse(JSON.stringify({...extras, ...status}));
				const expected =
					status.status === undefined ? status : {...status, status: status.status.replace(/[\u0000-\u001f\u007f-\u009f]/g, '\uFFFD')};
				expect(parseAggregationStatus(body)).toEqual(expected);
			}),
			{numRuns: 1000},
		);
	});

	it('drops null counts and status, keeps a null start', () => {
		fc.assert(
			fc.property(fc.subarray([...COUNT_FIELDS, 'status']), fc.boolean(), (nulled, nullStart) => {
				const body: Record<string, unknown> = Object.fromEntries(nulled.map(field => [field, null]));
				if (nullStart) {
					body['start'] = null;
				}

				const expected: AggregationStatus = nullStart ? {start: null} : {};
				expect(parseAggregationStatus(body)).toEqual(expected);
			}),
		);
	});

	it('names the one field that is wrong in a body that is otherwise valid', () => {
		const wrongField = fc
			// Not start: a date that cannot be read is dropped, never a reason to refuse the answer (see test/isc/dates.test.ts).
			.constantFrom('status', ...COUNT_FIELDS)
			.chain(field => fc.tuple(fc.constant(field), field === 'status' ? badStatus : badCount));
		fc.assert(
			fc.property(validStatus, wrongField, (status, [wrong, value]) => {
				const body = {...status, [wrong]: value};
				const outcome = expectOnly(() => parseAggregationStatus(body), IscError);
				expect('error' in outcome).toBe(true);
				if ('error' in outcome) {
					expect((outcome.error as IscError).kind).toBe('bad-response');
					expect(outcome.error.message).toContain(`"${wrong}"`);
				}
			}),
			{numRuns: 1000},
		);
	});
});
