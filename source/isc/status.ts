import {IscError} from './errors.js';
import {readCount, readDateTime} from './json-fields.js';

/**
 * The statuses ISC documents. Any other string is kept and shown, never rejected; only its control characters
 * (C0, DEL, C1) are replaced by U+FFFD, so a status cannot carry terminal escape sequences.
 */
export const KNOWN_STATUSES = [
	'STARTED',
	'ACCOUNTS_COLLECTED',
	'COMPLETED',
	'CANCELLED',
	'RETRIED',
	'TERMINATED',
	'NOT_FOUND',
] as const;

export type KnownStatus = (typeof KNOWN_STATUSES)[number];

/** Statuses after which an aggregation never changes again: polling stops for good. */
export const END_STATUSES: readonly string[] = ['COMPLETED', 'CANCELLED', 'TERMINATED'];

/** Text from the tenant made safe to print: control characters (C0, DEL, C1) become U+FFFD. */
export function safeText(text: string): string {
	return text.replace(CONTROL_CHARACTERS, '\uFFFD');
}

export function isEndStatus(status: string | undefined): boolean {
	return status !== undefined && END_STATUSES.includes(status);
}

/** `AccountAggregationStatus` from the v2025 document. Every field is optional; `start` may be null. */
export interface AggregationStatus {
	start?: string | null;
	/** A KnownStatus, or whatever else the tenant sent. */
	status?: string;
	totalAccounts?: number;
	processedAccounts?: number;
	totalAccountsMarkedForDeletion?: number;
	deletedAccounts?: number;
	totalIdentities?: number;
	processedIdentities?: number;
}

export const COUNT_FIELDS = [
	'totalAccounts',
	'processedAccounts',
	'totalAccountsMarkedForDeletion',
	'deletedAccounts',
	'totalIdentities',
	'processedIdentities',
] as const;

type CountField = (typeof COUNT_FIELDS)[number];

export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g;

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
