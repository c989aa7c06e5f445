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
		expect(parseAggregationStatus({start: null, status: 'STARTED', totalAccounts: null, extra: {x: 1}})).toEqual({start: null, status: 'STARTED'});
		expect(parseAggregationStatus({})).toEqual({});
	});

	it('keeps a status it does not know, to be shown as is', () => {
		expect(parseAggregationStatus({status: 'PAUSED_FOR_MAINTENANCE'}).status).toBe('PAUSED_FOR_MAINTENANCE');
	});

	it.each(COUNT_FIELDS)('rejects a negative, fractional or string %s, naming the field', field => {
		for (const value of [-1, 1.5, '12', true, Number.MAX_SAFE_INTEGER + 2]) {
			const error = badResponse({status: 'ACCOUNTS_COLLECTED', [field]: value});
			expect(error.kind).toBe('bad-response');
			expect(error.message).toContain(`"${field}"`);
		}
	});

	it('rejects a start that is not a date-time and a status that is not a string', () => {
		expect(badResponse({start: 'yesterday'}).message).toContain('"start"');
		expect(badResponse({start: 12}).message).toContain('"start"');
		expect(badResponse({status: 3}).message).toContain('"status"');
	});

	it('rejects a body that is not an object', () => {
		for (const body of [null, [], 'COMPLETED', 3]) {
			expect(badResponse(body).kind).toBe('bad-response');
		}
	});
});
