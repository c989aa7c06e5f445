import type {OptionName} from './options.js';
import {UsageError} from '../domain/usage-error.js';
import type {CliContext} from './context.js';

export const TENANT_SUBCOMMANDS = ['add', 'list', 'remove', 'use', 'import'] as const;
const SUBCOMMANDS = TENANT_SUBCOMMANDS;
type Subcommand = (typeof SUBCOMMANDS)[number];

/** The flags each subcommand takes (the parser has already checked that they belong to `tenant`). */
const FLAGS: Record<Subcommand, OptionName[]> = {
	add: ['base-url', 'client-id', 'client-secret-stdin', 'api-version', 'debug'],
	list: ['json', 'debug'],
	remove: ['drop-rows', 'keep-rows', 'debug'],
	use: [],
	import: ['yes', 'client-secret-stdin', 'api-version', 'debug'],
};

function isSubcommand(word: string | undefined): word is Subcommand {
	return word !== undefined && (SUBCOMMANDS as readonly string[]).includes(word);
}

/** `aggwatch tenant add|list|remove|use|import …`: saved tenants and their credentials. */
export async function runTenant(context: CliContext, positionals: string[]): Promise<number> {
	const [subcommand, ...args] = positionals;
	if (!isSubcommand(subcommand)) {
		throw new UsageError(
			subcommand === undefined
				? `tenant needs a subcommand: ${SUBCOMMANDS.join(', ')}`
				: `unknown tenant subcommand "${subcommand}"; use ${SUBCOMMANDS.join(', ')}`,
			'tenant',
		);
	}

	const allowed = new Set<string>([...FLAGS[subcommand], 'help', 'version']);
	for (const flag of Object.keys(context.values)) {
		if (!allowed.has(flag)) {
			throw new UsageError(`--${flag} does not apply to "aggwatch tenant ${subcommand}"`, 'tenant');
		}
	}

	switch (subcommand) {
		case 'add': {
			const {runTenantAdd} = await import('./tenant-add.js');
			return runTenantAdd(context, args);
		}

		case 'list': {
			if (args.length > 0) {
				throw new UsageError(`tenant list takes no arguments (got "${args[0]}")`, 'tenant');
			}

			const {runTenantList} = await import('./tenant-list.js');
			return runTenantList(context);
		}

		case 'remove': {
			const {runTenantRemove} = await import('./tenant-remove.js');
			return runTenantRemove(context, args);
		}

		case 'use': {
			const {runTenantUse} = await import('./tenant-use.js');
			return runTenantUse(context, args);
		}

		case 'import': {
			const {runTenantImport} = await import('./tenant-import.js');
			return runTenantImport(context, args);
		}
	}
}
