// `aggwatch wait`: run by run-plain-command.ts in dist/plain.cjs and main.mjs, and alone in dist/wait.cjs (see
// source/cli-plain.ts).
import type {ParsedCommandLine} from '../commands/options.js';
import {withContext} from './command-context.js';

export async function runWaitCommand(parsed: ParsedCommandLine): Promise<number> {
	return withContext(parsed, async context => {
		const [{runWait}, {createWaitHooks}, {resolveAlertPrefs}, {resolveRunActions}] = await Promise.all([
			import('../commands/wait.js'),
			import('../commands/wait-hooks.js'),
			import('../commands/alert-options.js'),
			import('../commands/run-action-options.js'),
		]);
		const alerts = resolveAlertPrefs(parsed.values, context.env);
		// --on-end and --notify are checked before anything is polled; what they started is waited for before the exit.
		const actions = resolveRunActions(context, 'wait');
		const code = await runWait(context, parsed.positionals, createWaitHooks(context, {alerts, actions}));
		await actions.settle();
		return code;
	});
}
