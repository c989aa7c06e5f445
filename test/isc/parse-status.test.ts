import {describe, expect, it} from 'vitest';
import {IscError} from '../../source/domain/errors.js';
import {parseAggregationStatus} from '../../source/isc/status.js';
import {COUNT_FIELDS} from '../../source/domain/status.js';

function badResponse(body: unknown): IscError {
	try {
		parseAggregationStatus(body);
	} catch (error) {
		if (error instanceof IscError) {
			return error;
		}

		throw error;
	}

	throw new Error('parseAggregationStatus did not throw');
}

describe('parseAggregationStatus', () => {
	it('reads every documented field', () => {
		const body = {
			start: '2021-01-31T14:30:05.104Z',
			status: 'ACCOUNTS_COLLECTED',
			totalAccounts: 520,
			processedAccounts: 150,
			totalAccountsMarkedForDeletion: 10,
			deletedAccounts: 5,
			totalIdentities: 300,
			processedIdentities: 250,
		};
		expect(parseAggregationStatus(body)).toEqual(body);
	});

	it('keeps a null start, drops null counts and ignores unknown fields', () => {
		expect(parseAggregationStatus({start: null, status: 'STARTED', totalAccounts: null, extra: {x: 1}})).toEqual({
			start: null,
			status: 'STARTED',
		});
		expect(parseAggregationStatus({})).toEqual({});
	});

	it('keeps a status it does not know, to be shown as is', () => {
		expect(parseAggregationStatus({status: 'PAUSED_FOR_MAINTENANCE'}).status).toBe('PAUSED_FOR_MAINTENANCE');
	});

	it.each(COUNT_FIELDS)('rejects a negative, fractional or wordy %s, naming the field', field => {
		for (const value of [-1, 1.5, '1.5', 'lots', true, Number.MAX_SAFE_INTEGER + 2]) {
			const error = badResponse({status: 'ACCOUNTS_COLLECTED', [field]: value});
			expect(error.kind).toBe('bad-response');
			expect(error.message).toContain(`"${field}"`);
		}
	});

	it('reads counts sent as numeric strings', () => {
		expect(parseAggregationStatus({status: 'ACCOUNTS_COLLECTED', totalAccounts: '12', processedAccounts: '7'})).toEqual({
			status: 'ACCOUNTS_COLLECTED',
			totalAccounts: 12,
			processedAccounts: 7,
		});
	});

	it('reads a start in epoch milliseconds, and drops one that cannot be read rather than refusing the answer', () => {
		expect(parseAggregationStatus({start: 1_714_574_212_775, status: 'STARTED'})).toEqual({
			start: '2024-05-01T14:36:52.775Z',
			status: 'STARTED',
		});
		expect(parseAggregationStatus({start: '1714574212775', status: 'STARTED'}).start).toBe('2024-05-01T14:36:52.775Z');
		expect(parseAggregationStatus({start: 'yesterday', status: 'STARTED'})).toEqual({status: 'STARTED'});
		expect(parseAggregationStatus({start: '2020-09-07T42:14:00.364Z', status: 'STARTED'})).toEqual({status: 'STARTED'});
	});

	it('rejects a status that is not a string', () => {
		expect(badResponse({status: 3}).message).toContain('"status"');
	});

	it('rejects a body that is not an object', () => {
		for (const body of [null, [], 'COMPLETED', 3]) {
			expect(badResponse(body).kind).toBe('bad-response');
		}
	});
});
