// `aggwatch wait`: run by run-plain-command.ts in dist/plain.cjs and main.mjs, and alone in dist/wait.cjs (see
// source/cli-plain.ts).
import type {ParsedCommandLine} from '../commands/options.js';
import {withContext} from './command-context.js';

export async function runWaitCommand(parsed: ParsedCommandLine): Promise<number> {
	return withContext(parsed, async context => {
		const [{runWait}, {createWaitHooks}, {resolveAlertPrefs}] = await Promise.all([
			import('../commands/wait.js'),
			import('../commands/wait-hooks.js'),
			import('../commands/alert-options.js'),
		]);
		const alerts = resolveAlertPrefs(parsed.values, context.env);
		return runWait(context, parsed.positionals, createWaitHooks(context, {alerts}));
	});
}
