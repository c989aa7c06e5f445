import {completeSdkConfig, tenantLabel} from './connection.js';
import {ExitCode} from '../domain/exit-codes.js';
import type {CliContext} from './context.js';
import {formatTable} from './table.js';

/** One saved tenant in `aggwatch tenant list --json`. Never a secret: only where it is kept. */
export interface ListedTenant {
	name: string;
	baseUrl: string;
	clientId?: string;
	apiVersion?: string;
	default: boolean;
	/** Where the client secret is: keychain, file, or missing (add the tenant again). */
	secret: 'keychain' | 'file' | 'missing';
	trackedRows: number;
}

/** `aggwatch tenant list [--json]`: saved tenants, the default marked, where each secret is kept. */
export async function runTenantList(context: CliContext): Promise<number> {
	const store = context.openStore();
	const tenants = store.listTenants();
	const defaultName = store.getDefaultTenant();
	const rows = store.listTracked();
	const listed: ListedTenant[] = Object.keys(tenants)
		.sort()
		.map(name => {
			const record = tenants[name]!;
			return {
				name,
				baseUrl: record.baseUrl,
				...(record.clientId === undefined ? {} : {clientId: record.clientId}),
				...(record.apiVersion === undefined ? {} : {apiVersion: record.apiVersion}),
				default: name === defaultName,
				secret: context.secrets().where(name) ?? 'missing',
				trackedRows: rows.filter(row => row.tenant === name).length,
			};
		});

	if (context.values.json === true) {
		context.out(JSON.stringify(listed));
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
				tenant.secret === 'missing' ? 'missing (add it again)' : tenant.secret,
				String(tenant.trackedRows),
			]),
		);
		for (const line of lines) {
			context.out(line);
		}

		context.out(defaultName === undefined ? 'No default tenant: pick one with "aggwatch tenant use NAME".' : '* the default tenant');
	}

	// The ad-hoc tenant wins over the default: say so, or the listing misleads.
	const adHoc = context.env['SAIL_BASE_URL'] || (completeSdkConfig(context.cwd)?.baseUrl ?? '');
	if (adHoc) {
		const from = context.env['SAIL_BASE_URL'] ? 'SAIL_BASE_URL is set' : './config.json names a tenant with its credentials';
		context.out(`Note: ${from} (${tenantLabel(adHoc)}), so commands without --tenant use that one rather than the default.`);
	}

	return ExitCode.ok;
}
