import path from 'node:path';
import {readSdkConfig, tenantLabel} from './connection.js';
import {ExitCode, worst} from '../domain/exit-codes.js';
import {readSailCliConfig, sailCliConfigPath} from './sail-cli-config.js';
import {UsageError} from '../domain/usage-error.js';
import type {CliContext} from './context.js';
import {checkAndSaveTenant, checkTenantName, defaultIfNone} from './tenant-save.js';
import {itOrThem, spelledPlural} from '../domain/text.js';

interface Candidate {
	name: string;
	baseUrl: string;
	clientId?: string;
	clientSecret?: string;
	/** The file it came from, as shown. */
	from: string;
	/** Where a missing client id / secret is (to say why it is asked for). */
	missingReason: string;
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

async function gather(context: CliContext): Promise<{candidates: Candidate[]; active?: string}> {
	const candidates: Candidate[] = [];
	const sdk = readSdkConfig(context.cwd);
	const sdkUrl = text(sdk.BaseURL);
	if (sdkUrl !== undefined) {
		const clientId = text(sdk.ClientId);
		const clientSecret = text(sdk.ClientSecret);
		candidates.push({
			// acme for https://acme.api.identitynow.com; other hosts with what a name cannot hold (":") made into dashes.
			name: tenantLabel(sdkUrl).replaceAll(/[^\w.-]+/g, '-'),
			baseUrl: sdkUrl,
			...(clientId === undefined ? {} : {clientId}),
			...(clientSecret === undefined ? {} : {clientSecret}),
			from: `./config.json`,
			missingReason: 'not in the file',
		});
	}

	let active: string | undefined;
	let sail;
	try {
		sail = await readSailCliConfig(sailCliConfigPath());
	} catch (error) {
		context.warn((error as Error).message);
	}

	if (sail) {
		active = sail.active;
		const shown = path.join('~', '.sailpoint', 'config.yaml');
		for (const environment of sail.environments) {
			if (environment.baseUrl === undefined) {
				context.warn(`${shown}: environment "${environment.name}" has no baseurl; skipped`);
				continue;
			}

			candidates.push({
				name: environment.name,
				baseUrl: environment.baseUrl,
				...(environment.clientId === undefined ? {} : {clientId: environment.clientId}),
				...(environment.clientSecret === undefined ? {} : {clientSecret: environment.clientSecret}),
				from: shown,
				missingReason: 'the SailPoint CLI keeps it in the OS keychain',
			});
		}
	}

	const seen = new Set<string>();
	const usable: Candidate[] = [];
	for (const candidate of candidates) {
		try {
			checkTenantName(candidate.name, 'tenant');
		} catch (error) {
			context.warn(`${candidate.from}: ${(error as Error).message}; skipped`);
			continue;
		}

		if (seen.has(candidate.name)) {
			context.warn(`${candidate.from}: "${candidate.name}" was already found in an earlier file; skipped`);
			continue;
		}

		seen.add(candidate.name);
		usable.push(candidate);
	}

	return {candidates: usable, ...(active === undefined ? {} : {active})};
}

function describe(candidate: Candidate): string {
	const missing = [
		candidate.clientId === undefined ? 'client id' : undefined,
		candidate.clientSecret === undefined ? 'client secret' : undefined,
	].filter(part => part !== undefined);
	return missing.length === 0
		? 'client id and secret from the file'
		: `${missing.join(' and ')} will be asked for (${candidate.missingReason})`;
}

/**
 * `aggwatch tenant import [--yes] [--client-secret-stdin]`: saves the tenants of the SailPoint SDKs' ./config.json
 * and of the SailPoint CLI's ~/.sailpoint/config.yaml. Lists them and asks before saving (--yes for scripts); a
 * client id or secret the files lack is asked for (hidden; lines of standard input without a terminal, which
 * --client-secret-stdin names, as for `tenant add`, when exactly one tenant needs a secret). Each is checked with a
 * token request before it is saved, as with `tenant add`.
 */
export async function runTenantImport(context: CliContext, args: string[]): Promise<number> {
	if (args.length > 0) {
		throw new UsageError(`tenant import takes no arguments (got "${args[0]}")`, 'tenant');
	}

	const {candidates, active} = await gather(context);
	if (candidates.length === 0) {
		throw new UsageError(
			'nothing to import: no ./config.json with a BaseURL here, and no environment in ~/.sailpoint/config.yaml',
			'tenant',
		);
	}

	const needSecret = candidates.filter(candidate => candidate.clientSecret === undefined).map(candidate => candidate.name);
	if (context.values['client-secret-stdin'] === true && needSecret.length !== 1) {
		throw new UsageError(
			needSecret.length === 0
				? '--client-secret-stdin was given, but every tenant to import has its secret in its file'
				: `--client-secret-stdin gives one secret, but ${needSecret.join(', ')} each need one: give them one line each on standard input, without the flag`,
			'tenant',
		);
	}

	const store = context.openStore();
	context.out(`Found ${spelledPlural(candidates.length, 'tenant')} to import:`);
	for (const candidate of candidates) {
		const replaces = store.getTenant(candidate.name) === undefined ? '' : ' (replaces the saved one)';
		context.out(`  ${candidate.name}  ${candidate.baseUrl}  from ${candidate.from}; ${describe(candidate)}${replaces}`);
	}

	if (context.values.yes !== true) {
		if (!context.prompt.interactive) {
			throw new UsageError('pass --yes to import without a terminal to confirm on', 'tenant');
		}

		if (!(await context.prompt.confirm(`Import ${itOrThem(candidates.length)}?`))) {
			context.out('Nothing imported');
			return ExitCode.ok;
		}
	}

	const codes: number[] = [];
	const saved: string[] = [];
	for (const candidate of candidates) {
		const clientId = candidate.clientId ?? (await context.prompt.line(`Client id for ${candidate.name}: `))?.trim();
		const clientSecret =
			candidate.clientSecret ?? (await context.prompt.secret(`Client secret for ${candidate.name} (not shown): `))?.trim();
		if (!clientId || !clientSecret) {
			context.error(`${candidate.name}: no ${clientId ? 'client secret' : 'client id'} given; not imported`);
			codes.push(ExitCode.usage);
			continue;
		}

		const outcome = await checkAndSaveTenant(context, {
			name: candidate.name,
			baseUrl: candidate.baseUrl,
			clientId,
			clientSecret,
			source: {
				clientId: candidate.clientId === undefined ? 'the client id you gave' : `the ClientId in ${candidate.from}`,
				clientSecret: candidate.clientSecret === undefined ? 'the client secret you gave' : `the client secret in ${candidate.from}`,
			},
		});
		if (outcome.saved) {
			saved.push(candidate.name);
		} else {
			codes.push(outcome.exitCode);
		}
	}

	const preferred = active !== undefined && saved.includes(active) ? active : saved[0];
	if (preferred !== undefined) {
		defaultIfNone(context, preferred);
	}

	context.out(`Imported ${saved.length} of ${candidates.length}`);
	return worst(codes);
}
