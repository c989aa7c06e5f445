#!/usr/bin/env node
// The thin entry: parse arguments, pick a mode, map errors to exit codes.
// Only the monitor loads Ink and React (through a dynamic import), so scripts start fast.
import process from 'node:process';
import {parseCommandLine} from './cli/args.js';
import {UsageError} from './domain/usage-error.js';
import {ExitCode} from './domain/exit-codes.js';
import {helpText} from './cli/help.js';
import {createContext} from './cli/create-context.js';
import {version} from './version.js';
import {IscError} from './domain/errors.js';
import {PromptCancelled} from './cli/prompt.js';
import {exitCodeForError} from './commands/error-exit-code.js';

async function main(argv: string[]): Promise<number> {
	const parsed = parseCommandLine(argv);
	if (parsed.version) {
		process.stdout.write(`${version}\n`);
		return ExitCode.ok;
	}

	if (parsed.help) {
		process.stdout.write(`${helpText(parsed.command)}\n`);
		return ExitCode.ok;
	}

	const context = createContext(parsed);
	try {
		switch (parsed.command) {
			case 'status': {
				const {runStatus} = await import('./commands/status.js');
				return await runStatus(context, parsed.positionals);
			}

			case 'wait': {
				const [{runWait}, {createWaitHooks}, {resolveAlertPrefs}] = await Promise.all([
					import('./commands/wait.js'),
					import('./commands/wait-hooks.js'),
					import('./commands/alert-options.js'),
				]);
				const alerts = resolveAlertPrefs(parsed.values, context.env);
				return await runWait(context, parsed.positionals, createWaitHooks(context, {alerts}));
			}

			case 'discover': {
				const {runDiscover} = await import('./commands/discover.js');
				return await runDiscover(context, parsed.positionals);
			}

			case 'start': {
				const {runStart} = await import('./commands/start.js');
				return await runStart(context, parsed.positionals);
			}

			case 'history': {
				const {runHistory} = await import('./commands/history.js');
				return await runHistory(context, parsed.positionals);
			}

			case 'monitor': {
				const {runMonitor} = await import('./commands/monitor/run-monitor.js');
				return await runMonitor(context, parsed.positionals);
			}

			case 'track': {
				const {runTrack} = await import('./commands/track.js');
				return await runTrack(context, parsed.positionals);
			}

			case 'untrack': {
				const {runUntrack} = await import('./commands/track.js');
				return await runUntrack(context, parsed.positionals);
			}

			case 'list': {
				const {runList} = await import('./commands/list.js');
				return await runList(context, parsed.positionals);
			}

			case 'tenant': {
				const {runTenant} = await import('./commands/tenant.js');
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

try {
	process.exitCode = await main(process.argv.slice(2));
} catch (error) {
	if (isUserError(error)) {
		const command = error instanceof UsageError && error.command ? ` ${error.command}` : '';
		process.stderr.write(`aggwatch: ${error.message}\n`);
		if (error instanceof UsageError) {
			process.stderr.write(`Run "aggwatch${command === ' monitor' ? '' : command} --help" for usage.\n`);
		}

		process.exitCode = ExitCode.usage;
	} else if (error instanceof IscError) {
		// E.g. a saved tenant without a stored secret: the same exit code as credentials ISC refused.
		process.stderr.write(`aggwatch: ${error.message}${error.hint ? ` - ${error.hint}` : ''}\n`);
		process.exitCode = exitCodeForError(error);
	} else if (error instanceof PromptCancelled) {
		process.stderr.write('aggwatch: cancelled\n');
		process.exitCode = 130;
	} else {
		process.stderr.write(`aggwatch: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
		process.exitCode = 70;
	}
}
