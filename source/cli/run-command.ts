// Runs the monitor (Ink and React, loaded only for it). The plain commands run from dist/plain.cjs
// (source/cli-plain.ts): dist/cli.js sends every command line whose first word names one there, and that word is
// what picks the command (cli/args.ts), so this entry is only ever handed the monitor.
import type {ParsedCommandLine} from '../commands/options.js';
import {withContext} from './command-context.js';

export async function runCommand(parsed: ParsedCommandLine): Promise<number> {
	if (parsed.command !== 'monitor') {
		throw new Error(`"aggwatch ${parsed.command}" runs from dist/plain.cjs; start aggwatch with dist/cli.js`);
	}

	return withContext(parsed, async context => {
		const {runMonitor} = await import('../commands/monitor/run-monitor.js');
		return runMonitor(context, parsed.positionals);
	});
}
