// Runs one parsed command (everything but --version and --help, which the entry answers before loading this).
// Each command's code, and the store where it needs one, is loaded with a dynamic import: `status` never loads
// Ink, React or conf.
import process from 'node:process';
import type {ParsedCommandLine} from '../commands/options.js';
import {UsageError} from '../domain/usage-error.js';
import {ExitCode} from '../domain/exit-codes.js';
import {IscError} from '../domain/errors.js';
import {exitCodeForError} from '../commands/error-exit-code.js';
import {createContext} from './create-context.js';
import {PromptCancelled} from './prompt.js';

/** Commands that never call context.openStore(): they read saved tenants through the read-only path, without conf. */
const STORE_FREE = new Set<ParsedCommandLine['command']>(['status', 'wait', 'discover', 'start', 'history']);

export async function runCommand(parsed: ParsedCommandLine): Promise<number> {
	const storeModule = STORE_FREE.has(parsed.command) ? undefined : await import('../store/config.js');
	const context = createContext(parsed, storeModule?.openStore);
	try {
		switch (parsed.command) {
			case 'status': {
				const {runStatus} = await import('../commands/status.js');
				return await runStatus(context, parsed.positionals);
			}

			case 'wait': {
				const [{runWait}, {createWaitHooks}, {resolveAlertPrefs}] = await Promise.all([
					import('../commands/wait.js'),
					import('../commands/wait-hooks.js'),
					import('../commands/alert-options.js'),
				]);
				const alerts = resolveAlertPrefs(parsed.values, context.env);
				return await runWait(context, parsed.positionals, createWaitHooks(context, {alerts}));
			}

			case 'discover': {
				const {runDiscover} = await import('../commands/discover.js');
				return await runDiscover(context, parsed.positionals);
			}

			case 'start': {
				const {runStart} = await import('../commands/start.js');
				return await runStart(context, parsed.positionals);
			}

			case 'history': {
				const {runHistory} = await import('../commands/history.js');
				return await runHistory(context, parsed.positionals);
			}

			case 'monitor': {
				const {runMonitor} = await import('../commands/monitor/run-monitor.js');
				return await runMonitor(context, parsed.positionals);
			}

			case 'track': {
				const {runTrack} = await import('../commands/track.js');
				return await runTrack(context, parsed.positionals);
			}

			case 'untrack': {
				const {runUntrack} = await import('../commands/track.js');
				return await runUntrack(context, parsed.positionals);
			}

			case 'list': {
				const {runList} = await import('../commands/list.js');
				return await runList(context, parsed.positionals);
			}

			case 'tenant': {
				const {runTenant} = await import('../commands/tenant.js');
				return await runTenant(context, parsed.positionals);
			}
		}
	} finally {
		await context.cleanup();
	}
}

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
