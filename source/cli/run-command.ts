// Runs one parsed command: the monitor here (Ink and React, loaded only for it), the others as plain commands.
// dist/cli.js sends a command line whose first argument is a plain command straight to dist/plain.cjs; one with
// options before the command word (`aggwatch --tenant acme status ID`) comes here and runs the same code.
import type {ParsedCommandLine} from '../commands/options.js';
import {withContext} from './command-context.js';

export async function runCommand(parsed: ParsedCommandLine): Promise<number> {
	if (parsed.command !== 'monitor') {
		const {runPlainCommand} = await import('./run-plain-command.js');
		return runPlainCommand(parsed);
	}

	return withContext(parsed, async context => {
		const {runMonitor} = await import('../commands/monitor/run-monitor.js');
		return runMonitor(context, parsed.positionals);
	});
}
