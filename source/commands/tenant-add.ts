import {stringOption} from './options.js';
import {ExitCode} from '../domain/exit-codes.js';
import {UsageError} from '../domain/usage-error.js';
import type {CliContext} from './context.js';
import {checkAndSaveTenant, checkTenantName, defaultIfNone} from './tenant-save.js';

/**
 * `aggwatch tenant add <name> [--base-url URL] [--client-id ID] [--client-secret-stdin]`: the URL comes from the
 * name unless given; the client id from --client-id, SAIL_CLIENT_ID or a question; the secret from standard input
 * (--client-secret-stdin), SAIL_CLIENT_SECRET or a hidden question (one line of standard input without a
 * terminal), never from a flag's value. Saved only once a token was obtained with
 * them; the first tenant saved becomes the default.
 */
export async function runTenantAdd(context: CliContext, args: string[]): Promise<number> {
	const [name, extra] = args;
	if (name === undefined) {
		throw new UsageError('tenant add needs a name, e.g. aggwatch tenant add acme', 'tenant');
	}

	if (extra !== undefined) {
		throw new UsageError(`tenant add takes one name, not "${extra}" too; the secret is never an argument`, 'tenant');
	}

	checkTenantName(name, 'tenant');
	const baseUrl = stringOption(context.values, 'base-url') ?? name;

	const flagId = stringOption(context.values, 'client-id');
	const envId = context.env['SAIL_CLIENT_ID'];
	let clientId: {value: string; from: string} | undefined;
	if (flagId !== undefined && flagId !== '') {
		clientId = {value: flagId, from: '--client-id'};
	} else if (envId !== undefined && envId.trim() !== '') {
		clientId = {value: envId.trim(), from: 'SAIL_CLIENT_ID'};
	} else {
		const typed = (await context.prompt.line(`Client id for ${name}: `))?.trim();
		clientId = typed ? {value: typed, from: 'the client id you gave'} : undefined;
	}

	if (clientId === undefined) {
		throw new UsageError('no client id: pass --client-id, set SAIL_CLIENT_ID, or type it when asked', 'tenant');
	}

	const envSecret = context.env['SAIL_CLIENT_SECRET'];
	let clientSecret: {value: string; from: string} | undefined;
	if (context.values['client-secret-stdin'] === true) {
		// Its line of standard input (after the client id's, when that is asked for too); hidden at a terminal.
		const given = (await context.prompt.secret(`Client secret for ${name} (not shown): `))?.trim();
		if (!given) {
			throw new UsageError('--client-secret-stdin was given but standard input was empty; pipe the secret in', 'tenant');
		}

		clientSecret = {value: given, from: 'standard input'};
	} else if (envSecret !== undefined && envSecret.trim() !== '') {
		clientSecret = {value: envSecret.trim(), from: 'SAIL_CLIENT_SECRET'};
	} else {
		const typed = (await context.prompt.secret(`Client secret for ${name} (not shown): `))?.trim();
		clientSecret = typed ? {value: typed, from: 'the client secret you gave'} : undefined;
	}

	if (clientSecret === undefined) {
		throw new UsageError(
			'no client secret: set SAIL_CLIENT_SECRET, type it when asked, or pipe it in on standard input (one line)',
			'tenant',
		);
	}

	const outcome = await checkAndSaveTenant(context, {
		name,
		baseUrl,
		clientId: clientId.value,
		clientSecret: clientSecret.value,
		source: {clientId: clientId.from, clientSecret: clientSecret.from},
	});
	if (!outcome.saved) {
		return outcome.exitCode;
	}

	defaultIfNone(context, name);
	return ExitCode.ok;
}
