import {readSdkConfig, tenantLabel} from './connection.js';
import {ExitCode} from '../domain/exit-codes.js';
import type {CliContext} from './context.js';
import {formatTable} from './table.js';
import {keychainAdvice, type KeychainProblem} from '../store/keychain-problem.js';

/** One saved tenant in `aggwatch tenant list --json`. Never a secret: only where it is kept. */
export interface ListedTenant {
	name: string;
	baseUrl: string;
	clientId?: string;
	apiVersion?: string;
	default: boolean;
	/**
	 * Where the client secret is: keychain, file, missing (add the tenant again), or unknown: kept in the OS
	 * keychain, which cannot be read now (`secretProblem` says why).
	 */
	secret: 'keychain' | 'file' | 'missing' | 'unknown';
	/** Why the keychain cannot be read (with `secret: "unknown"`). */
	secretProblem?: string;
	trackedRows: number;
}

/** `aggwatch tenant list [--json]`: saved tenants, the default marked, where each secret is kept. */
export async function runTenantList(context: CliContext): Promise<number> {
	const store = context.openStore();
	const tenants = store.listTenants();
	const defaultName = store.getDefaultTenant();
	const rows = store.listTracked();
	const folder = store.getKeychainId();
	let problem: KeychainProblem | undefined;
	const listed: ListedTenant[] = Object.keys(tenants)
		.sort()
		.map(name => {
			const record = tenants[name]!;
			const found = context.secrets().lookup({name, folder, location: record.secret});
			if (!found.found && found.problem !== undefined) {
				problem = found.problem;
			}

			return {
				name,
				baseUrl: record.baseUrl,
				...(record.clientId === undefined ? {} : {clientId: record.clientId}),
				...(record.apiVersion === undefined ? {} : {apiVersion: record.apiVersion}),
				default: name === defaultName,
				...(found.found
					? {secret: found.location}
					: found.problem === undefined
						? {secret: 'missing' as const}
						: {secret: 'unknown' as const, secretProblem: found.problem.reason}),
				trackedRows: rows.filter(row => row.tenant === name).length,
			};
		});

	if (context.values.json === true) {
		for (const tenant of listed) {
			context.out(JSON.stringify(tenant));
		}
		return ExitCode.ok;
	}

	if (listed.length === 0) {
		context.out('No saved tenants. Add one with "aggwatch tenant add NAME" or "aggwatch tenant import".');
	} else {
		const lines = formatTable(
			['', 'NAME', 'BASE URL', 'CLIENT ID', 'SECRET', 'ROWS'],
			listed.map(tenant => [
				tenant.default ? '*' : ' ',
				tenant.name,
				tenant.baseUrl,
				tenant.clientId ?? '-',
				tenant.secret === 'missing' ? 'missing (add it again)' : tenant.secret === 'unknown' ? 'keychain (cannot be read)' : tenant.secret,
				String(tenant.trackedRows),
			]),
		);
		for (const line of lines) {
			context.out(line);
		}

		context.out(defaultName === undefined ? 'No default tenant: pick one with "aggwatch tenant use NAME".' : '* the default tenant');
		if (problem !== undefined) {
			context.out(`The OS keychain cannot be read: ${problem.reason}. ${capitalise(keychainAdvice(problem))}.`);
		}
	}

	// The ad-hoc tenant wins over the default: say so, or the listing misleads.
	const adHoc =
		context.env['SAIL_BASE_URL'] ||
		(typeof readSdkConfig(context.cwd).BaseURL === 'string' ? String(readSdkConfig(context.cwd).BaseURL) : '');
	if (adHoc) {
		const from = context.env['SAIL_BASE_URL'] ? 'SAIL_BASE_URL is set' : './config.json names a tenant';
		context.out(`Note: ${from} (${tenantLabel(adHoc)}), so commands without --tenant use that one rather than the default.`);
	}

	return ExitCode.ok;
}

function capitalise(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}
