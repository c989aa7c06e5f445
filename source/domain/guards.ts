/** The small checks every layer makes on values it did not build itself (JSON from disk or from the tenant). */

/** A plain object (not null, not an array): something whose fields can be read. */
export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What ISC ids look like (aggregations, tasks, sources): 32 hexadecimal characters, either case. */
export const HEX_ID = /^[\da-f]{32}$/i;

export function isHexId(value: string): boolean {
	return HEX_ID.test(value);
}

/**
 * Text from outside, quoted to echo in a one-line message: control characters (C0, DEL, C1) escaped, so nothing in it
 * reaches a terminal as a sequence, and cut to 80 characters.
 */
export function quotedInput(text: string): string {
	const cut = text.length > 80 ? `${text.slice(0, 79)}…` : text;
	return JSON.stringify(cut).replace(/[\u007f-\u009f]/g, char => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The one-line refusal of an id that is not an ISC id. */
export function notAnIdMessage(text: string): string {
	return `${quotedInput(text)} is not an ISC id (32 hexadecimal characters, as ISC shows them)`;
}

export function isString(value: unknown): value is string {
	return typeof value === 'string';
}

export function isNonEmptyString(value: unknown): value is string {
	return typeof value === 'string' && value.length > 0;
}

/** A number that is neither NaN nor infinite (a time in ms, a duration). */
export function isFiniteNumber(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value);
}

/** A count: a whole number of 0 or more, exact in a double. */
export function isCount(value: unknown): value is number {
	return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** A string Date.parse understands (ISO 8601 as written by aggwatch and ISC). */
export function isDateString(value: unknown): value is string {
	return typeof value === 'string' && Number.isFinite(Date.parse(value));
}
