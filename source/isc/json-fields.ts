import {IscError} from '../domain/errors.js';

/**
 * Small readers for JSON bodies. Each names the body and the field in its bad-response message,
 * so "The task status's "id" is missing" tells the user exactly what ISC sent wrong. Dates are read leniently:
 * ISO strings or epoch milliseconds, and an unreadable date is dropped rather than failing the answer.
 */

export type JsonObject = Record<string, unknown>;

function bad(what: string, field: string, why: string): IscError {
	return new IscError({kind: 'bad-response', message: `The ${what}'s "${field}" ${why}`});
}

export function asObject(value: unknown, what: string): JsonObject {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		throw new IscError({kind: 'bad-response', message: `The ${what} is not a JSON object`});
	}

	return value as JsonObject;
}

export function asArray(value: unknown, what: string): unknown[] {
	if (!Array.isArray(value)) {
		throw new IscError({kind: 'bad-response', message: `The ${what} is not a JSON array`});
	}

	return value;
}

export function requiredString(object: JsonObject, field: string, what: string): string {
	const value = object[field];
	if (typeof value !== 'string' || value === '') {
		throw bad(what, field, value === undefined || value === null ? 'is missing' : 'is not a non-empty string');
	}

	return value;
}

/** Absent or null: undefined. */
export function optionalString(object: JsonObject, field: string, what: string): string | undefined {
	const value = object[field];
	if (value === undefined || value === null) {
		return undefined;
	}

	if (typeof value !== 'string') {
		throw bad(what, field, 'is not a string');
	}

	return value;
}

/** Absent: undefined; null kept as null. */
export function nullableString(object: JsonObject, field: string, what: string): string | null | undefined {
	return object[field] === null ? null : optionalString(object, field, what);
}

/** Epoch milliseconds within the range a Date can hold. */
/** The last millisecond of 9999: past it (or before 1970) toISOString leaves the four-digit form. */
const LAST_FOUR_DIGIT_YEAR_MS = 253_402_300_799_999;

/** A time ISC could have written: from 1970 to the end of 9999 (no task ran before the epoch). */
function isEpochMs(value: number): boolean {
	return Number.isFinite(value) && value >= 0 && value <= LAST_FOUR_DIGIT_YEAR_MS;
}

/** A JSON number is read as epoch milliseconds only above this (March 1973): a smaller one is a count, a year or seconds. */
const LEAST_EPOCH_MS_NUMBER = 1e11;

/** A digit string is read as epoch milliseconds only with more than 10 digits (from April 1970): "2024" is not a time. */
const EPOCH_MS_STRING = /^\s*[1-9]\d{10,}(?:\.\d+)?\s*$/;

/** Digits only (with a sign or a fraction): a number in a string, never handed to Date.parse (which reads "12" as December 2001). */
const DIGIT_STRING = /^\s*[-+]?\d+(?:\.\d+)?\s*$/;

/**
 * A date as ISC sends it, as an ISO 8601 string (UTC): an ISO date-time string, epoch milliseconds (real tenants
 * send `"created": 1714574212775`), or epoch milliseconds as a string. A number is taken for epoch milliseconds only
 * where that is plausible: a JSON number above 10^11, a string of more than 10 digits; a shorter one ("2024", 86400)
 * is not a time and is dropped. Anything else that is no date (an impossible hour such as the document's own
 * '2020-09-07T42:14:00.364Z', a word, an object) is undefined too: the caller drops it.
 */
export function readDateTime(value: unknown): string | undefined {
	let epochMs: number;
	if (typeof value === 'number') {
		epochMs = value > LEAST_EPOCH_MS_NUMBER ? value : Number.NaN;
	} else if (typeof value === 'string' && DIGIT_STRING.test(value)) {
		epochMs = EPOCH_MS_STRING.test(value) ? Number(value) : Number.NaN;
	} else if (typeof value === 'string') {
		epochMs = Date.parse(value);
	} else {
		return undefined;
	}

	return isEpochMs(epochMs) ? new Date(Math.trunc(epochMs)).toISOString() : undefined;
}

/**
 * A date field read leniently (see readDateTime): absent or unreadable is undefined (dropped), null stays null.
 * A date is never a reason to refuse an answer, so `_what` (the body's name, as the other readers take) goes unused.
 */
export function nullableDateTime(object: JsonObject, field: string, _what?: string): string | null | undefined {
	const value = object[field];
	return value === null ? null : readDateTime(value);
}

/** As nullableDateTime, with null also dropped. */
export function optionalDateTime(object: JsonObject, field: string, _what?: string): string | undefined {
	return readDateTime(object[field]);
}

/** A count: a whole number, or a whole number of 0 or more written as a string ("26"), as real tenants sometimes send. */
export function readCount(value: unknown): number | undefined {
	if (typeof value === 'number') {
		return Number.isSafeInteger(value) ? value : undefined;
	}

	if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) {
		const number = Number(value);
		return Number.isSafeInteger(number) ? number : undefined;
	}

	return undefined;
}

export function optionalInteger(object: JsonObject, field: string, what: string): number | undefined {
	const value = object[field];
	if (value === undefined || value === null) {
		return undefined;
	}

	const count = readCount(value);
	if (count === undefined) {
		throw bad(what, field, 'is not a whole number');
	}

	return count;
}

/** Accepts true/false and the strings "true"/"false" (the load-accounts answer documents a string default). */
export function optionalBoolean(object: JsonObject, field: string, what: string): boolean | undefined {
	const value = object[field];
	if (value === undefined || value === null) {
		return undefined;
	}

	if (typeof value === 'boolean') {
		return value;
	}

	if (value === 'true' || value === 'false') {
		return value === 'true';
	}

	throw bad(what, field, 'is not true or false');
}

/** Copies only the entries whose value is not undefined, so results compare cleanly and serialise small. */
export function compact<T extends object>(value: T): T {
	return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
