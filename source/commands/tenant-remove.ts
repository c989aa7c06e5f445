import {ExitCode} from '../domain/exit-codes.js';
import {UsageError} from '../domain/usage-error.js';
import type {CliContext} from './context.js';
import {savedTenantName} from './tenant-save.js';
import {itOrThem, spelledPlural} from '../domain/text.js';
import {KEYRING_SERVICE} from '../store/keyring.js';

/**
 * `aggwatch tenant remove <name> [--drop-rows | --keep-rows]`: forgets the tenant and deletes its stored secret; a
 * secret the keychain could not delete (locked, unreachable) is named with why, and the exit code is 4.
 * Its tracked rows are dropped or kept as the flag says; without one, a terminal is asked (default: keep), and a
 * script keeps them and says how to drop them.
 */
export async function runTenantRemove(context: CliContext, args: string[]): Promise<number> {
	if (args.length > 1) {
		throw new UsageError(`tenant remove takes one name, not "${args[1]}" too`, 'tenant');
	}

	const name = savedTenantName(context, args[0], 'remove');
	if (context.values['drop-rows'] === true && context.values['keep-rows'] === true) {
		throw new UsageError('--drop-rows and --keep-rows cannot both be given', 'tenant');
	}

	const store = context.openStore();
	const rows = store.listTracked().filter(row => row.tenant === name);
	let drop = context.values['drop-rows'] === true;
	if (rows.length > 0 && !drop && context.values['keep-rows'] !== true && context.prompt.interactive) {
		drop = await context.prompt.confirm(
			`${name} has ${spelledPlural(rows.length, 'tracked aggregation')}. Stop tracking ${itOrThem(rows.length)} too?`,
		);
	}

	const wasDefault = store.getDefaultTenant() === name;
	const removal = context.secrets().delete({name, folder: store.getKeychainId(), location: store.getTenant(name)?.secret});
	store.removeTenant(name);
	let exitCode: number = ExitCode.ok;
	if (removal.problem === undefined) {
		context.out(`Removed tenant ${name} and its stored secret`);
	} else {
		// The tenant goes as asked; the secret the keychain still holds is named, so it can be deleted there (adding the
		// tenant again in this folder would also replace it).
		context.out(`Removed tenant ${name}`);
		context.error(
			`the client secret of ${name} could not be removed from the OS keychain: ${removal.problem.reason}; ` +
				`it is still there (service "${KEYRING_SERVICE}", account "${removal.account}"): delete it there once the keychain can be used (adding ${name} again here replaces it)`,
		);
		exitCode = ExitCode.auth;
	}

	if (rows.length > 0) {
		if (drop) {
			const removed = store.removeTracked(rows.map(row => ({tenant: row.tenant, id: row.id})));
			context.out(`Stopped tracking ${spelledPlural(removed.length, 'aggregation')} of ${name}`);
		} else {
			context.out(
				`Kept ${spelledPlural(rows.length, 'tracked aggregation')} of ${name}; drop ${itOrThem(rows.length)} with "aggwatch untrack --tenant ${name} <id...>"`,
			);
		}
	}

	if (wasDefault) {
		const others = Object.keys(store.listTenants()).sort();
		if (others.length > 0) {
			context.out(`There is no default tenant now; pick one with "aggwatch tenant use NAME" (${others.join(', ')})`);
		}
	}

	return exitCode;
}
