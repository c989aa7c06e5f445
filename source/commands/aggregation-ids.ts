import {isHexId, notAnIdMessage} from '../domain/guards.js';
import {UsageError} from '../domain/usage-error.js';

/**
 * Refuses, before anything is sent or saved, any id the user gave that is not an ISC id (32 hexadecimal characters):
 * one line that echoes it with its control characters escaped.
 */
export function refuseNonIds(ids: readonly string[], command: string): void {
	const bad = ids.filter(id => !isHexId(id));
	if (bad.length > 0) {
		const more = bad.length > 1 ? ` (and ${bad.length - 1} more)` : '';
		throw new UsageError(`${notAnIdMessage(bad[0]!)}${more}; nothing was done`, command);
	}
}
