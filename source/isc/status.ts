import {IscError} from '../domain/errors.js';
import {CONTROL_CHARACTERS, COUNT_FIELDS, type AggregationStatus} from '../domain/status.js';
import {readCount, readDateTime} from './json-fields.js';

type CountField = (typeof COUNT_FIELDS)[number];

function badField(field: string, why: string): IscError {
	return new IscError({kind: 'bad-response', message: `The status body's "${field}" ${why}`});
}

/**
 * Validates a parsed JSON body into an AggregationStatus.
 * Absent and null fields are left out (except `start`, which keeps null). Unknown extra fields are ignored.
 * `start` may be ISO or epoch ms (normalised to ISO); an unreadable one is dropped. Counts may be numeric strings.
 * Control characters in `status` become U+FFFD.
 * Throws a bad-response IscError naming the field for anything else.
 */
export function parseAggregationStatus(body: unknown): AggregationStatus {
	if (body === null || typeof body !== 'object' || Array.isArray(body)) {
		throw new IscError({kind: 'bad-response', message: 'The status body is not a JSON object'});
	}

	const source = body as Record<string, unknown>;
	const result: AggregationStatus = {};

	// ISO or epoch ms; an unreadable start is dropped, never a reason to refuse the answer.
	if (source['start'] === null) {
		result.start = null;
	} else {
		const start = readDateTime(source['start']);
		if (start !== undefined) {
			result.start = start;
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

		const count = readCount(value);
		if (count === undefined || count < 0) {
			throw badField(field, 'is not a whole number of 0 or more');
		}

		result[field as CountField] = count;
	}

	return result;
}
