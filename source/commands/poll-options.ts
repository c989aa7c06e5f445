import {parseDuration} from '../core/durations.js';
import {DEFAULT_STALL_AFTER_MS} from '../core/stall.js';
import type {MonitorOptions} from '../core/types.js';
import {stringOption, type ParsedCommandLine} from './options.js';
import {UsageError} from '../domain/usage-error.js';

/** --interval (seconds, or a duration like 10s) and --budget (requests per 10 s per tenant), shared by the monitor and wait. */
export function pollOptions(values: ParsedCommandLine['values']): Partial<MonitorOptions> {
	const options: Partial<MonitorOptions> = {};
	const interval = stringOption(values, 'interval');
	if (interval !== undefined) {
		const ms = parseDuration(interval);
		if (ms < 1000) {
			throw new UsageError(`--interval must be at least 1 second, not "${interval}"`);
		}

		options.intervalMs = ms;
	}

	const budget = stringOption(values, 'budget');
	if (budget !== undefined) {
		const requests = Number(budget);
		if (!Number.isInteger(requests) || requests < 1 || requests > 100) {
			throw new UsageError(`--budget must be a whole number of requests per 10 s from 1 to 100, not "${budget}"`);
		}

		options.budget = {requests, windowMs: 10_000};
	}

	return options;
}

/** By default `wait` gives up on an id whose requests have failed this long without a break. */
export const DEFAULT_GIVE_UP_AFTER_MS = 10 * 60_000;

/** --give-up-after (a duration; default 10 minutes): how long an id's requests may fail without a break before wait gives up. */
export function giveUpAfterMs(values: ParsedCommandLine['values']): number {
	const text = stringOption(values, 'give-up-after');
	if (text === undefined) {
		return DEFAULT_GIVE_UP_AFTER_MS;
	}

	const ms = parseDuration(text);
	if (ms < 1000) {
		throw new UsageError(`--give-up-after must be at least 1 second, not "${text}"`);
	}

	return ms;
}

/** --stall-after (a duration; default 15 minutes): how long a running row's counts may stand still before it is called stalled. */
export function stallAfterMs(values: ParsedCommandLine['values']): number {
	const text = stringOption(values, 'stall-after');
	if (text === undefined) {
		return DEFAULT_STALL_AFTER_MS;
	}

	const ms = parseDuration(text);
	if (ms < 1000) {
		throw new UsageError(`--stall-after must be at least 1 second, not "${text}"`);
	}

	return ms;
}
