import {apiVersionOf, type Connection} from './connection.js';
import {IscError} from '../domain/errors.js';
import {resolveBaseUrl} from '../isc/urls.js';
import {assertTenantName} from '../store/operations.js';
import type {SecretLocation} from '../store/secrets.js';
import {UsageError} from '../domain/usage-error.js';
import type {CliContext} from './context.js';
import {formatErrorLine} from './status-format.js';
import {exitCodeForError} from './error-exit-code.js';

export interface NewTenant {
	name: string;
	/** A tenant name or URL, as given. */
	baseUrl: string;
	clientId: string;
	clientSecret: string;
	/** Where the client id and secret came from, for the message when ISC refuses them. */
	source: {clientId: string; clientSecret: string};
}

export type SaveOutcome = {saved: true; location: SecretLocation; baseUrl: string} | {saved: false; exitCode: number};

/** A tenant name the store accepts, or a UsageError that says why not. */
export function checkTenantName(name: string, command: string): void {
	try {
		assertTenantName(name);
	} catch {
		throw new UsageError(`"${name}" cannot be a tenant name: use letters, digits, dots, dashes or underscores`, command);
	}

	if (!/^[\w.-]+$/.test(name)) {
		throw new UsageError(`"${name}" cannot be a tenant name: use letters, digits, dots, dashes or underscores`, command);
	}
}

/**
 * Checks the credentials by getting an access token, then saves the tenant: the secret in the keychain (or the
 * fallback file, with its notice), the rest in the store. Nothing is saved when ISC refuses the credentials or
 * cannot be reached; the outcome carries the exit code for that. Says what happened either way.
 */
export async function checkAndSaveTenant(context: CliContext, tenant: NewTenant): Promise<SaveOutcome> {
	const baseUrl = resolveBaseUrl(tenant.baseUrl);
	const apiVersion = apiVersionOf(context.values, undefined);
	const connection: Connection = {
		tenant: tenant.name,
		baseUrl,
		clientId: tenant.clientId,
		clientSecret: tenant.clientSecret,
		source: {baseUrl: tenant.baseUrl, ...tenant.source},
		apiVersion,
	};
	const client = await context.createClient(connection);
	try {
		await client.checkCredentials();
	} catch (error) {
		const failure = IscError.from(error);
		context.error(`${tenant.name}: the credentials do not work: ${formatErrorLine(undefined, failure)}`);
		context.error(`${tenant.name}: not saved`);
		return {saved: false, exitCode: exitCodeForError(failure)};
	} finally {
		client.close();
	}

	context.out(`${tenant.name}: the credentials work (got an access token from ${baseUrl})`);
	const store = context.openStore();
	// The secret goes under this settings folder's own keychain name; the settings then say where it went, so the
	// secret stored last is the one used, wherever an older one may still be.
	const location = context.secrets().set({name: tenant.name, folder: store.ensureKeychainId()}, tenant.clientSecret);
	const replaced = store.getTenant(tenant.name) !== undefined;
	store.setTenant(tenant.name, {
		baseUrl,
		clientId: tenant.clientId,
		...(context.values['api-version'] === undefined ? {} : {apiVersion}),
		secret: location,
	});
	context.out(
		`${tenant.name}: ${replaced ? 'updated' : 'saved'} (client secret in ${location === 'keychain' ? 'the OS keychain' : context.secrets().file.path})`,
	);
	return {saved: true, location, baseUrl};
}

/** Makes `name` the default tenant when there is none yet, and says so. */
export function defaultIfNone(context: CliContext, name: string): void {
	const store = context.openStore();
	const current = store.getDefaultTenant();
	if (current === undefined || store.getTenant(current) === undefined) {
		store.setDefaultTenant(name);
		context.out(`${name} is the default tenant`);
	}
}

/** The name of a saved tenant, or a UsageError that lists the saved ones. */
export function savedTenantName(context: CliContext, name: string | undefined, command: 'remove' | 'use'): string {
	if (name === undefined) {
		throw new UsageError(`tenant ${command} needs a name, e.g. aggwatch tenant ${command} acme`, 'tenant');
	}

	const store = context.openStore();
	if (store.getTenant(name) === undefined) {
		const names = Object.keys(store.listTenants()).sort();
		throw new UsageError(`no saved tenant "${name}"${names.length > 0 ? ` (saved: ${names.join(', ')})` : ''}`, 'tenant');
	}

	return name;
}
