import {randomBytes} from 'node:crypto';

const HEX = '0123456789abcdef';

/**
 * A new ISC-style id: 32 lowercase hex characters (aggregation/task ids, source ids, tracking ids).
 * Pass `random` (a Math.random-like function) to get reproducible ids, e.g. from a seeded generator.
 */
export function newAggregationId(random?: () => number): string {
	if (random === undefined) {
		return randomBytes(16).toString('hex');
	}

	let id = '';
	for (let index = 0; index < 32; index++) {
		id += HEX[Math.min(15, Math.floor(random() * 16))];
	}

	return id;
}

/** ISC tracking ids look the same as other ids: 32 lowercase hex characters. */
export function newTrackingId(): string {
	return randomBytes(16).toString('hex');
}

export function isAggregationId(value: string): boolean {
	return /^[\da-f]{32}$/.test(value);
}
