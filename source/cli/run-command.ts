// Runs one parsed command: the monitor here (Ink and React, loaded only for it), everything else as a plain command.
import type {ParsedCommandLine} from '../commands/options.js';
import {runPlainCommand, withContext} from './run-plain-command.js';

export async function runCommand(parsed: ParsedCommandLine): Promise<number> {
	if (parsed.command !== 'monitor') {
		return runPlainCommand(parsed);
	}

	return withContext(parsed, async context => {
		const {runMonitor} = await import('../commands/monitor/run-monitor.js');
		return runMonitor(context, parsed.positionals);
	});
}
