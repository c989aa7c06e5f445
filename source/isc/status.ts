import {IscError} from '../domain/errors.js';
import {CONTROL_CHARACTERS, COUNT_FIELDS, type AggregationStatus} from '../domain/status.js';

type CountField = (typeof COUNT_FIELDS)[number];

function badField(field: string, why: string): IscError {
	return new IscError({kind: 'bad-response', message: `The status body's "${field}" ${why}`});
}

/**
 * Validates a parsed JSON body into an AggregationStatus.
 * Absent and null fields are left out (except `start`, which keeps null). Unknown extra fields are ignored.
 * Control characters in `status` become U+FFFD.
 * Throws a bad-response IscError naming the field for anything else.
 */
export function parseAggregationStatus(body: unknown): AggregationStatus {
	if (body === null || typeof body !== 'object' || Array.isArray(body)) {
		throw new IscError({kind: 'bad-response', message: 'The status body is not a JSON object'});
	}

	const source = body as Record<string, unknown>;
	const result: AggregationStatus = {};

	if ('start' in source && source['start'] !== undefined) {
		const start = source['start'];
		if (start === null) {
			result.start = null;
		} else if (typeof start === 'string' && !Number.isNaN(Date.parse(start))) {
			result.start = start;
		} else {
			throw badField('start', 'is not a date-time');
		}
	}

	if (source['status'] !== undefined && source['status'] !== null) {
		const status = source['status'];
		if (typeof status !== 'string') {
			throw badField('status', 'is not a string');
		}

		// Shown as it is, but never able to drive the terminal it is printed on (ESC, CSI, BEL, new lines).
		result.status = status.replace(CONTROL_CHARACTERS, '\uFFFD');
	}

	for (const field of COUNT_FIELDS) {
		const value = source[field];
		if (value === undefined || value === null) {
			continue;
		}

		if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
			throw badField(field, 'is not a whole number of 0 or more');
		}

		result[field as CountField] = value;
	}

	return result;
}
