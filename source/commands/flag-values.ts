import {UsageError} from '../domain/usage-error.js';
import type {CommandContext} from './context.js';

/**
 * Reads flags by name. discover, start and history have flags (--track, --wait, --source, --since,
 * --disable-optimization) that the CLI's option table may not list yet, so they are read through this
 * rather than through the typed `values`.
 */
function raw(values: CommandContext['values'], name: string): unknown {
	return (values as Record<string, unknown>)[name];
}

/** A boolean flag: true when given. */
export function booleanFlag(values: CommandContext['values'], name: string): boolean {
	return raw(values, name) === true;
}

/** A string flag's value; an empty value is a usage error (`--source ""` is always a mistake). */
export function stringFlag(values: CommandContext['values'], name: string, command: string): string | undefined {
	const value = raw(values, name);
	if (value === undefined || value === false) {
		return undefined;
	}

	if (typeof value !== 'string' || value.trim() === '') {
		throw new UsageError(`--${name} needs a value`, command);
	}

	return value;
}
