import {parseDuration} from '../core/durations.js';
import type {HistoryEntry} from './entry.js';

/** How much history is kept: the newest `maxEntries` entries that ended within `maxAgeMs` (whichever keeps fewer). */
export interface HistoryBounds {
	maxEntries: number;
	maxAgeMs: number;
}

export const DEFAULT_HISTORY_BOUNDS: HistoryBounds = {maxEntries: 1000, maxAgeMs: 90 * 86_400_000};

/** The variables that change the bounds: a whole number of entries, and a duration (90d, 2160h). */
export const HISTORY_MAX_ENTRIES_ENV = 'AGGWATCH_HISTORY_MAX_ENTRIES';
export const HISTORY_MAX_AGE_ENV = 'AGGWATCH_HISTORY_MAX_AGE';

export class HistoryBoundsError extends Error {
	override readonly name = 'ConfigError';
}

/** The bounds from the environment, defaults for what is not set. Throws HistoryBoundsError (a ConfigError) for bad values. */
export function historyBoundsFromEnv(env: Record<string, string | undefined>): HistoryBounds {
	const bounds = {...DEFAULT_HISTORY_BOUNDS};
	const entries = env[HISTORY_MAX_ENTRIES_ENV]?.trim();
	if (entries !== undefined && entries !== '') {
		if (!/^\d+$/.test(entries) || Number(entries) < 1 || !Number.isSafeInteger(Number(entries))) {
			throw new HistoryBoundsError(`${HISTORY_MAX_ENTRIES_ENV} must be a whole number of 1 or more, not "${entries}"`);
		}

		bounds.maxEntries = Number(entries);
	}

	const age = env[HISTORY_MAX_AGE_ENV]?.trim();
	if (age !== undefined && age !== '') {
		let ms: number;
		try {
			ms = parseDuration(age);
		} catch (error) {
			throw new HistoryBoundsError(`${HISTORY_MAX_AGE_ENV}: ${(error as Error).message}`);
		}

		if (ms <= 0) {
			throw new HistoryBoundsError(`${HISTORY_MAX_AGE_ENV} must be longer than 0, not "${age}"`);
		}

		bounds.maxAgeMs = ms;
	}

	return bounds;
}

/** Newest end first; ties by id so the order is stable. */
export function newestFirst(a: HistoryEntry, b: HistoryEntry): number {
	return Date.parse(b.end) - Date.parse(a.end) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The entries the bounds keep, newest first. */
export function pruneEntries(entries: readonly HistoryEntry[], bounds: HistoryBounds, now: number): HistoryEntry[] {
	const oldest = now - bounds.maxAgeMs;
	return entries
		.filter(entry => Date.parse(entry.end) >= oldest)
		.sort(newestFirst)
		.slice(0, Math.max(0, bounds.maxEntries));
}
