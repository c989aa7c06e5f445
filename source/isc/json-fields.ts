import {IscError} from '../domain/errors.js';

/**
 * Small readers for JSON bodies. Each names the body and the field in its bad-response message,
 * so "The task status's "created" is not a date-time" tells the user exactly what ISC sent wrong.
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

function isDateTime(value: string): boolean {
	return !Number.isNaN(Date.parse(value));
}

export function requiredDateTime(object: JsonObject, field: string, what: string): string {
	const value = requiredString(object, field, what);
	if (!isDateTime(value)) {
		throw bad(what, field, 'is not a date-time');
	}

	return value;
}

/** Absent: undefined; null kept as null. */
export function nullableDateTime(object: JsonObject, field: string, what: string): string | null | undefined {
	const value = nullableString(object, field, what);
	if (typeof value === 'string' && !isDateTime(value)) {
		throw bad(what, field, 'is not a date-time');
	}

	return value;
}

export function optionalInteger(object: JsonObject, field: string, what: string): number | undefined {
	const value = object[field];
	if (value === undefined || value === null) {
		return undefined;
	}

	if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
		throw bad(what, field, 'is not a whole number');
	}

	return value;
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
