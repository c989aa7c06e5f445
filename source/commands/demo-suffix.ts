import type {CommandContext} from './context.js';

/** " --demo" when the command runs against the demo tenant, so the commands it suggests do too. */
export function demoSuffix(context: CommandContext): string {
	return context.values.demo === true ? ' --demo' : '';
}
