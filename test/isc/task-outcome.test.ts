import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {IscError} from '../../source/domain/errors.js';
import {parseTaskStatus, toTaskOutcome} from '../../source/isc/task-status.js';

/** The fields a TaskStatus must have; everything this test varies comes on top. */
const BASE = {id: '2c91808477a6b0c60177a81146b8110b', type: 'QUARTZ', created: '2026-01-05T10:00:00.000Z'};

/** Messages in any shape: the documented one, partial ones, and junk. */
const message = fc.oneof(
	fc.record({
		type: fc.constantFrom('INFO', 'WARN', 'ERROR'),
		localizedText: fc.record({locale: fc.constant('en-US'), message: fc.string()}),
		key: fc.string(),
		parameters: fc.constant(null),
	}),
	fc.record({type: fc.anything(), localizedText: fc.anything(), key: fc.anything()}, {requiredKeys: []}),
	fc.anything(),
);

const attributeName = fc.oneof(
	fc.constantFrom('total', 'created', 'updated', 'deleted', 'optimized', 'ignored', 'appId', '__proto__', 'constructor'),
	fc.string(),
);
const attributeValue = fc.oneof(fc.integer(), fc.double(), fc.integer().map(String), fc.string(), fc.anything());

const task = fc.record(
	{
		completionStatus: fc.oneof(
			fc.constantFrom(null, 'SUCCESS', 'WARNING', 'ERROR', 'TERMINATED', 'TEMP_ERROR', 'TEMPERROR'),
			fc.string(),
			fc.anything(),
		),
		messages: fc.oneof(fc.array(message, {maxLength: 6}), fc.anything()),
		attributes: fc.oneof(fc.dictionary(attributeName, attributeValue, {maxKeys: 8}), fc.anything()),
		returns: fc.oneof(fc.array(fc.oneof(fc.record({attributeName}), fc.anything()), {maxLength: 8}), fc.anything()),
	},
	{requiredKeys: []},
);

function parse(body: unknown): ReturnType<typeof parseTaskStatus> | IscError {
	try {
		return parseTaskStatus(body);
	} catch (error) {
		expect(error).toBeInstanceOf(IscError);
		expect((error as IscError).kind).toBe('bad-response');
		return error as IscError;
	}
}

describe('task outcome parsing (property)', () => {
	it('any body: a TaskStatus or a bad-response IscError, never anything else', () => {
		fc.assert(
			fc.property(
				fc.oneof(
					fc.anything(),
					task.map(fields => ({...BASE, ...fields})),
				),
				body => {
					parse(body);
				},
			),
			{numRuns: 500},
		);
	});

	it('never fails on messages, attributes or returns of any shape; counts are numbers taken from attributes', () => {
		fc.assert(
			fc.property(task, fields => {
				const body = {...BASE, ...fields, completionStatus: typeof fields.completionStatus === 'string' ? fields.completionStatus : null};
				const parsed = parseTaskStatus(body);
				const outcome = toTaskOutcome(parsed);
				const attributes = (typeof fields.attributes === 'object' && fields.attributes !== null ? fields.attributes : {}) as Record<
					string,
					unknown
				>;
				for (const [name, value] of Object.entries(outcome.counts)) {
					expect(Number.isFinite(value)).toBe(true);
					expect(Object.hasOwn(attributes, name)).toBe(true);
					expect(value).toBe(Number(attributes[name]) + 0); // -0 is kept as 0
				}

				for (const item of outcome.messages) {
					expect(typeof item.type).toBe('string');
					expect(typeof item.text).toBe('string');
					expect(item.text).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
				}

				expect(JSON.parse(JSON.stringify(outcome))).toEqual(outcome);
			}),
			{numRuns: 500},
		);
	});
});

describe('task outcome parsing (examples)', () => {
	it('takes the figures returns names, numbers or numeric strings, and skips the rest', () => {
		const parsed = parseTaskStatus({
			...BASE,
			completionStatus: 'WARNING',
			launched: '2026-01-05T10:00:01.000Z',
			completed: '2026-01-05T10:05:00.000Z',
			messages: [
				{type: 'WARN', localizedText: {locale: 'en-US', message: 'Account "a" skipped'}},
				{type: 'ERROR', localizedText: null, key: 'err_key_only'},
				{type: 'INFO'},
			],
			returns: [{attributeName: 'total'}, {attributeName: 'created'}, {attributeName: 'applications'}, {attributeName: 'absent'}],
			attributes: {total: 5000, created: '12', applications: 'Active Directory', appId: 99},
		});
		expect(toTaskOutcome(parsed)).toEqual({
			completionStatus: 'WARNING',
			launched: '2026-01-05T10:00:01.000Z',
			completed: '2026-01-05T10:05:00.000Z',
			messages: [
				{type: 'WARN', text: 'Account "a" skipped'},
				{type: 'ERROR', text: 'err_key_only'},
			],
			counts: {total: 5000, created: 12},
		});
	});

	it('without returns, takes every numeric attribute', () => {
		const parsed = parseTaskStatus({
			...BASE,
			completionStatus: null,
			attributes: {total: 3, appId: 'x2c9', optimizedAggregation: 'enabled'},
		});
		expect(toTaskOutcome(parsed)).toEqual({completionStatus: null, messages: [], counts: {total: 3}});
	});
});
