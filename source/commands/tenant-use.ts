import {ExitCode} from '../domain/exit-codes.js';
import {UsageError} from '../domain/usage-error.js';
import type {CliContext} from './context.js';
import {savedTenantName} from './tenant-save.js';

/** `aggwatch tenant use <name>`: makes a saved tenant the default. */
export async function runTenantUse(context: CliContext, args: string[]): Promise<number> {
	if (args.length > 1) {
		throw new UsageError(`tenant use takes one name, not "${args[1]}" too`, 'tenant');
	}

	const name = savedTenantName(context, args[0], 'use');
	context.openStore().setDefaultTenant(name);
	context.out(`${name} is the default tenant`);
	return ExitCode.ok;
}
