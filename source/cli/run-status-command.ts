// `aggwatch status`: run by run-plain-command.ts in dist/plain.cjs and main.mjs, and alone in dist/status.cjs (see
// source/cli-plain.ts).
import type {ParsedCommandLine} from '../commands/options.js';
import {withContext} from './command-context.js';

export async function runStatusCommand(parsed: ParsedCommandLine): Promise<number> {
	return withContext(parsed, async context => {
		const {runStatus} = await import('../commands/status.js');
		return runStatus(context, parsed.positionals);
	});
}
