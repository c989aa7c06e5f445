/**
 * Dates as real tenants send them: the one real load-accounts answer SailPoint published has epoch-ms dates
 * ("created": 1714574212775), progress null and numeric attributes; the document's own example has an impossible
 * hour ('2020-09-07T42:14:00.364Z'). Every date field of every answer is read from either form, and a date that
 * cannot be read is dropped: it never turns an answer into a failure.
 */
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {readDateTime} from '../../source/isc/json-fields.js';
import {parseLoadAccountsTask} from '../../source/isc/load-accounts.js';
import {parseAggregationStatus} from '../../source/isc/status.js';
import {parseTaskStatus} from '../../source/isc/task-status.js';

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
/** An ISC id (32 hex characters): load-accounts refuses any other task id. */
const TASK_ID = '2c9180857d4e0a1f017d4f3a3b4c0099';
/** From just past 10^11 ms (March 1973, where a number is plausibly epoch ms) to 2100. */
const epochMs = fc.integer({min: 100_000_000_001, max: 4_102_444_800_000});
/** Whatever a tenant might put in a date field. */
const anyDate = fc.oneof(
	epochMs,
	epochMs.map(String),
	epochMs.map(ms => new Date(ms).toISOString()),
	fc.jsonValue(),
);

/** The load-accounts answer as published by SailPoint (README of sailpoint-oss/colab-file-upload-utility), in its shape. */
const REAL_ANSWER = {
	success: true,
	task: {
		id: '2c91808a8f1ad4d1018f36b4cbbb6a61',
		type: 'QUARTZ',
		name: 'Cloud Account Aggregation',
		description: 'Aggregate from the specified application',
		launcher: 'Jane Doe',
		created: 1_714_574_212_775,
		launched: 1_714_574_212_788,
		completed: null,
		completionStatus: null,
		parentName: null,
		messages: [],
		progress: null,
		attributes: {appId: '2c9180857d4e0a1f017d4f3a3b4c0042', optimizedAggregation: 'enabled', eventId: 1_714_574_212},
		returns: Array.from({length: 26}, (_, index) => ({displayLabel: `TASK_OUT_${index}`, attributeName: `attribute${index}`})),
	},
};

describe('readDateTime', () => {
	it('reads epoch ms, as a number or a numeric string, and ISO strings, all to the same ISO string', () => {
		fc.assert(
			fc.property(epochMs, ms => {
				const iso = new Date(ms).toISOString();
				expect(readDateTime(ms)).toBe(iso);
				expect(readDateTime(String(ms))).toBe(iso);
				expect(readDateTime(iso)).toBe(iso);
			}),
		);
	});

	it('reads a number as epoch ms only where that is plausible: a JSON number above 10^11, a string of more than 10 digits', () => {
		// Short digit strings and small numbers are years, counts or seconds, never a time in 1970.
		for (const value of [
			'2024',
			'12',
			'0',
			'1714574212',
			' 2024 ',
			'-1714574212775',
			'00000000012',
			2024,
			1_714_574_212,
			1e11,
			0,
			86_400,
		]) {
			expect(readDateTime(value)).toBeUndefined();
		}

		expect(readDateTime('10000000000')).toBe('1970-04-26T17:46:40.000Z');
		expect(readDateTime('1714574212775')).toBe('2024-05-01T14:36:52.775Z');
		expect(readDateTime(100_000_000_001)).toBe('1973-03-03T09:46:40.001Z');
		fc.assert(
			fc.property(fc.integer({min: 0, max: 9_999_999_999}), short => {
				expect(readDateTime(String(short))).toBeUndefined();
			}),
		);
		fc.assert(
			fc.property(fc.double({min: -1e12, max: 1e11, noNaN: true}), small => {
				expect(readDateTime(small)).toBeUndefined();
			}),
		);
	});

	it('returns an ISO string or nothing, whatever it is given', () => {
		fc.assert(
			fc.property(
				fc.oneof(
					fc.jsonValue(),
					fc.string(),
					fc.double(),
					fc.date({noInvalidDate: true}).map(date => date.toISOString()),
				),
				value => {
					const read = readDateTime(value);
					expect(read === undefined || ISO.test(read)).toBe(true);
				},
			),
		);
	});

	it('drops what cannot be a date', () => {
		for (const value of [
			'2020-09-07T42:14:00.364Z',
			'yesterday',
			'',
			true,
			{},
			[],
			Number.NaN,
			Number.POSITIVE_INFINITY,
			1e300,
			-1,
			'-000001-01-01T00:00:00Z',
			253_402_300_800_000,
		]) {
			expect(readDateTime(value)).toBeUndefined();
		}
	});
});

describe('answers with dates in either form', () => {
	it('the real published load-accounts answer is accepted, its dates normalised', () => {
		const parsed = parseLoadAccountsTask(REAL_ANSWER);
		expect(parsed.task).toMatchObject({
			id: REAL_ANSWER.task.id,
			created: '2024-05-01T14:36:52.775Z',
			launched: '2024-05-01T14:36:52.788Z',
			progress: null,
		});
		expect(parsed.task.attributes).toEqual({appId: '2c9180857d4e0a1f017d4f3a3b4c0042', optimizedAggregation: 'enabled'});
		expect(parsed.alreadyRunning).toBeUndefined();
	});

	it('a load-accounts answer with a task id is never refused for its dates or any other odd field', () => {
		fc.assert(
			fc.property(
				anyDate,
				anyDate,
				anyDate,
				fc.jsonValue(),
				fc.jsonValue(),
				fc.jsonValue(),
				(created, launched, completed, progress, attributes, type) => {
					const parsed = parseLoadAccountsTask({
						success: true,
						task: {id: TASK_ID, created, launched, completed, progress, attributes, type, returns: 26},
					});
					expect(parsed.task.id).toBe(TASK_ID);
					for (const date of [parsed.task.created, parsed.task.launched, parsed.task.completed]) {
						expect(date === undefined || date === null || ISO.test(date)).toBe(true);
					}
				},
			),
		);
	});

	it('a task status is read with any date in either form, unreadable ones dropped', () => {
		fc.assert(
			fc.property(anyDate, anyDate, anyDate, anyDate, (created, modified, launched, completed) => {
				const parsed = parseTaskStatus({id: 't1', type: 'QUARTZ', created, modified, launched, completed, completionStatus: null});
				for (const date of [parsed.created, parsed.modified, parsed.launched, parsed.completed]) {
					expect(date === undefined || date === null || ISO.test(date)).toBe(true);
				}
			}),
		);
		expect(parseTaskStatus({id: 't1', type: 'QUARTZ', created: 1_714_574_212_775, completionStatus: null}).created).toBe(
			'2024-05-01T14:36:52.775Z',
		);
	});

	it('an aggregation status is read with a start in either form, an unreadable one dropped', () => {
		fc.assert(
			fc.property(anyDate, start => {
				const parsed = parseAggregationStatus({status: 'STARTED', start});
				expect(parsed.status).toBe('STARTED');
				expect(parsed.start === undefined || parsed.start === null || ISO.test(parsed.start)).toBe(true);
			}),
		);
	});
});
