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
