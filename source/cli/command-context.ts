// The context a command runs in, opened before it and closed after it (both entries: the monitor's, the plain commands').
import type {ParsedCommandLine} from '../commands/options.js';
import type {CliContext} from '../commands/context.js';
import {createContext} from './create-context.js';

/** Commands that never call context.openStore(): they read saved tenants through the read-only path, without conf. */
const STORE_FREE = new Set<ParsedCommandLine['command']>(['status', 'wait', 'discover', 'start', 'history', 'notify']);

/** Runs `run` in the command's context (with the store where the command writes it) and closes what it opened. */
export async function withContext(parsed: ParsedCommandLine, run: (context: CliContext) => Promise<number>): Promise<number> {
	const storeModule = STORE_FREE.has(parsed.command) ? undefined : await import('../store/config.js');
	const context = createContext(parsed, storeModule?.openStore);
	try {
		return await run(context);
	} finally {
		await context.cleanup();
	}
}
