import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {IscError} from '../../source/domain/errors.js';
import {parseJsonBody} from '../../source/isc/json-body.js';
import {parseLoadAccountsTask} from '../../source/isc/load-accounts.js';
import {parseSource, parseSourceList} from '../../source/isc/source.js';
import {parseTaskStatus, parseTaskStatusList} from '../../source/isc/task-status.js';
import {parseTokenGrant} from '../../source/isc/token-grant.js';
import {anyValue, bodyText, expectOnly} from './helpers/arbitraries.js';

const PARSERS = {
	parseTaskStatus,
	parseTaskStatusList,
	parseSource,
	parseSourceList,
	parseLoadAccountsTask,
	parseTokenGrant,
} as const;

const iso = fc
	.date({min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-01-01T00:00:00Z'), noInvalidDate: true})
	.map(date => date.toISOString());
const text = fc.string({maxLength: 20});
const id = fc.stringMatching(/^[\da-f]{32}$/);

/** A field that is valid, missing, null, or of the wrong type: bodies that are almost right. */
function sometimes<T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
	return fc.oneof(
		{weight: 6, arbitrary: valid},
		fc.constant(undefined),
		fc.constant(null),
		fc.integer(),
		fc.boolean(),
		fc.constant(''),
		fc.array(fc.nat(), {maxLength: 1}),
	);
}

const nearTaskStatus = fc.record({
	id: sometimes(id),
	type: sometimes(fc.constantFrom('CLOUD_ACCOUNT_AGGREGATION', 'QUARTZ')),
	uniqueName: sometimes(text),
	created: sometimes(iso),
	modified: sometimes(iso),
	launched: sometimes(iso),
	completed: sometimes(iso),
	completionStatus: sometimes(fc.constantFrom('SUCCESS', 'ERROR')),
	target: sometimes(fc.record({id: sometimes(id), name: sometimes(text), type: sometimes(fc.constant('APPLICATION'))})),
	percentComplete: sometimes(fc.nat({max: 100})),
});

const nearSource = fc.record({
	id: sometimes(id),
	name: sometimes(text),
	type: sometimes(text),
	healthy: sometimes(fc.oneof(fc.boolean(), fc.constantFrom('true', 'false'))),
	authoritative: sometimes(fc.boolean()),
});

const nearLoadAccounts = fc.record({
	success: sometimes(fc.oneof(fc.boolean(), fc.constantFrom('true', 'false'))),
	task: sometimes(
		fc.record({id: sometimes(id), created: sometimes(iso), attributes: sometimes(fc.dictionary(text, fc.oneof(text, fc.integer())))}),
	),
});

const nearToken = fc.record({
	access_token: sometimes(fc.base64String({minLength: 4})),
	expires_in: fc.oneof(fc.integer({min: -10, max: 100_000}), fc.double(), fc.constantFrom(Infinity, Number.NaN, '749', null)),
});

const nearBodies = fc.oneof(
	nearTaskStatus,
	nearSource,
	nearLoadAccounts,
	nearToken,
	fc.array(fc.oneof(nearTaskStatus, nearSource), {maxLength: 3}),
);

describe('the resource parsers on arbitrary input', () => {
	for (const [name, parse] of Object.entries(PARSERS)) {
		it(`${name} returns a value or throws a bad-response IscError, for any value or near-valid body`, () => {
			fc.assert(
				fc.property(
					fc.oneof(
						anyValue.map(body => ({body, json: false})),
						nearBodies.map(body => ({body, json: true})),
					),
					({body, json}) => {
						const outcome = expectOnly(() => parse(body), IscError);
						if ('error' in outcome) {
							// A 202 without a task id (or with success false) is a refusal the tenant answered: request.
							expect((outcome.error as IscError).kind).toBe(
								name === 'parseLoadAccountsTask' && (outcome.error as IscError).status === 202 ? 'request' : 'bad-response',
							);
							expect(outcome.error.message).not.toMatch(/[\r\n]/);
						} else if (json) {
							// What comes back from a body JSON can carry is plain data: it survives --json output unchanged.
							expect(JSON.parse(JSON.stringify(outcome.value))).toEqual(outcome.value);
						}
					},
				),
				{numRuns: 1500},
			);
		});
	}

	it('parseJsonBody gives a value or a bad-response IscError for any text', () => {
		fc.assert(
			fc.property(bodyText, raw => {
				const outcome = expectOnly(() => parseJsonBody(raw, 'status body'), IscError);
				if ('error' in outcome) {
					expect((outcome.error as IscError).kind).toBe('bad-response');
				}
			}),
			{numRuns: 3000},
		);
	});

	it('parseTokenGrant keeps a valid token and its lifetime, and refuses a lifetime that is not positive', () => {
		fc.assert(
			fc.property(
				fc.base64String({minLength: 4, maxLength: 200}),
				fc.oneof(fc.integer({min: -100, max: 10 ** 6}), fc.double({noNaN: true})),
				(token, expiresIn) => {
					const outcome = expectOnly(() => parseTokenGrant({access_token: token, expires_in: expiresIn, token_type: 'bearer'}), IscError);
					if (Number.isFinite(expiresIn) && expiresIn > 0 && token !== '') {
						expect(outcome).toEqual({value: {accessToken: token, expiresInSec: expiresIn}});
					} else {
						expect('error' in outcome).toBe(true);
					}
				},
			),
		);
	});
});
