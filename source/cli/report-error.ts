// How an error that ends a command is shown: one line for what the user can fix, the stack for a bug.
import process from 'node:process';
import {UsageError} from '../domain/usage-error.js';
import {ExitCode} from '../domain/exit-codes.js';
import {IscError} from '../domain/errors.js';
import {exitCodeForError} from '../commands/error-exit-code.js';
import {PromptCancelled} from './prompt.js';

/** Errors the user can fix: one line, exit 1. Everything else is a bug and keeps its stack. */
function isUserError(error: unknown): error is Error {
	return (
		error instanceof UsageError ||
		(error instanceof Error && ['BaseUrlError', 'DurationError', 'ConfigError', 'StoreError'].includes(error.name))
	);
}

/** Prints what went wrong (one line for what the user can fix) and returns the exit code. */
export function reportError(error: unknown): number {
	if (isUserError(error)) {
		const command = error instanceof UsageError && error.command ? ` ${error.command}` : '';
		process.stderr.write(`aggwatch: ${error.message}\n`);
		if (error instanceof UsageError) {
			process.stderr.write(`Run "aggwatch${command === ' monitor' ? '' : command} --help" for usage.\n`);
		}

		return ExitCode.usage;
	}

	if (error instanceof IscError) {
		// E.g. a saved tenant without a stored secret: the same exit code as credentials ISC refused.
		process.stderr.write(`aggwatch: ${error.message}${error.hint ? ` - ${error.hint}` : ''}\n`);
		return exitCodeForError(error);
	}

	if (error instanceof PromptCancelled) {
		process.stderr.write('aggwatch: cancelled\n');
		return 130;
	}

	process.stderr.write(`aggwatch: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	return 70;
}
