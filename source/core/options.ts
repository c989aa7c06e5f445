import {DEFAULT_OPTIONS, type MonitorOptions} from './types.js';

function positive(name: string, value: number): number {
	if (!Number.isFinite(value) || value <= 0) {
		throw new RangeError(`${name} must be a positive number, got ${value}`);
	}

	return value;
}

function notNegative(name: string, value: number): number {
	if (!Number.isFinite(value) || value < 0) {
		throw new RangeError(`${name} must be 0 or more, got ${value}`);
	}

	return value;
}

/** DEFAULT_OPTIONS overlaid with `options`; throws a RangeError naming the first unusable value. */
export function resolveOptions(options: Partial<MonitorOptions> = {}): MonitorOptions {
	const merged: MonitorOptions = {
		...DEFAULT_OPTIONS,
		...options,
		budget: {...DEFAULT_OPTIONS.budget, ...options.budget},
	};
	positive('intervalMs', merged.intervalMs);
	if (!Number.isInteger(merged.budget.requests) || merged.budget.requests < 1) {
		throw new RangeError(`budget.requests must be a whole number of 1 or more, got ${merged.budget.requests}`);
	}

	positive('budget.windowMs', merged.budget.windowMs);
	notNegative('notFoundGraceMs', merged.notFoundGraceMs);
	positive('maxBackoffMs', merged.maxBackoffMs);
	positive('authRetryMs', merged.authRetryMs);
	notNegative('taskGiveUpMs', merged.taskGiveUpMs);
	return merged;
}
