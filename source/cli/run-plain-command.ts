// Runs one parsed plain command (everything but the monitor, --version and --help). Each command's code, and the
// store where it needs one, is reached through a dynamic import: `status` never runs conf, and no plain command loads Ink or React.
import type {ParsedCommandLine} from '../commands/options.js';
import type {CliContext} from '../commands/context.js';
import {withContext} from './command-context.js';
import {runStatusCommand} from './run-status-command.js';
import {runWaitCommand} from './run-wait-command.js';
import {COMMANDS, type CommandName} from '../commands/options.js';
import {UsageError} from '../domain/usage-error.js';
import {unknownCommand} from './args.js';

export async function runPlainCommand(parsed: ParsedCommandLine): Promise<number> {
	switch (parsed.command) {
		case 'status': {
			return runStatusCommand(parsed);
		}

		case 'wait': {
			return runWaitCommand(parsed);
		}

		default: {
			return withContext(parsed, context => runPlain(context, parsed));
		}
	}
}

async function runPlain(context: CliContext, parsed: ParsedCommandLine): Promise<number> {
	switch (parsed.command) {
		case 'monitor':
		case 'status':
		case 'wait': {
			// dist/cli.js sends the monitor to dist/main.mjs (source/cli.ts), and run-command.ts never passes it here;
			// runPlainCommand runs status and wait (in files of their own: each is also a bundle of its own).
			throw new Error(`${parsed.command} is not run by runPlain`);
		}

		case 'discover': {
			const {runDiscover} = await import('../commands/discover.js');
			return await runDiscover(context, parsed.positionals);
		}

		case 'start': {
			const {runStart} = await import('../commands/start.js');
			return await runStart(context, parsed.positionals);
		}

		case 'sources': {
			const {runSources} = await import('../commands/sources.js');
			return await runSources(context, parsed.positionals);
		}

		case 'history': {
			const {runHistory} = await import('../commands/history.js');
			return await runHistory(context, parsed.positionals);
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

		case 'notify': {
			const {runNotify} = await import('../commands/notify.js');
			return await runNotify(context, parsed.positionals);
		}

		case 'config': {
			const {runConfig} = await import('../commands/config.js');
			return await runConfig(context, parsed.positionals);
		}

		case 'tenant': {
			const {runTenant} = await import('../commands/tenant.js');
			return await runTenant(context, parsed.positionals);
		}

		case 'help': {
			return runHelp(parsed.positionals, context);
		}

		case 'completion': {
			const {runCompletion} = await import('../commands/completion.js');
			return runCompletion(parsed.positionals, line => context.out(line));
		}
	}
}

/** `aggwatch help [command]`: that command's help (as `aggwatch <command> --help`), or aggwatch's own. */
async function runHelp(positionals: readonly string[], context: CliContext): Promise<number> {
	const [word, ...rest] = positionals;
	if (rest.length > 0) {
		throw new UsageError(`help takes one command (got "${positionals.join(' ')}")`, 'help');
	}

	if (word !== undefined && !(COMMANDS as readonly string[]).includes(word)) {
		throw new UsageError(unknownCommand(word), 'help');
	}

	const {helpText} = await import('./help.js');
	context.out(helpText((word as CommandName | undefined) ?? 'monitor'));
	return 0;
}
