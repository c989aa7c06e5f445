import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {API_VERSIONS, isApiVersion, type ApiVersion} from '../domain/api-version.js';
import {IscError} from '../domain/errors.js';
import type {TenantRecord} from '../store/schema.js';
import {keychainAdvice} from '../store/keychain-problem.js';
import type {SecretLookup} from '../store/secrets.js';
import {UsageError} from '../domain/usage-error.js';
import {stringOption, type ParsedCommandLine} from './options.js';

/** A tenant to connect to and with what. The secret never leaves this object except to the token request. */
export interface Connection {
	/** Short name shown in the UI and stored with tracked rows (a saved tenant's name). */
	tenant: string;
	/** As the user gave it (tenant name or URL); the client normalises and validates it. */
	baseUrl: string;
	clientId: string;
	clientSecret: string;
	/** Where each value came from, so errors can say which one to fix. */
	source: {baseUrl: string; clientId: string; clientSecret: string};
	apiVersion: ApiVersion;
	/** True for a saved tenant (aggwatch tenant add), false or absent for SAIL_* / flags / config.json / --demo. */
	saved?: boolean;
}

/** The saved tenants, as connection resolution needs them. Backed by the store and the secret store. */
export interface SavedTenants {
	/** Names, sorted. */
	names(): string[];
	get(name: string): TenantRecord | undefined;
	defaultName(): string | undefined;
	/** The secret of a saved tenant, looked for where its settings say it is (or why it cannot be had). */
	secret(name: string): SecretLookup;
}

export interface ConnectionInputs {
	values: ParsedCommandLine['values'];
	env: NodeJS.ProcessEnv;
	cwd: string;
	/** Reads the secret from standard input (for --client-secret-stdin). */
	readStdin: () => Promise<string>;
	/** Saved tenants; absent when there are none to consider. */
	saved?: SavedTenants;
}

/** Which tenant a command works on, decided before any secret is read. */
export type TenantChoice = {kind: 'saved'; name: string; record: TenantRecord} | {kind: 'ad-hoc'; name: string; baseUrl: Picked};

interface Picked {
	value: string;
	from: string;
}

interface SdkConfigFile {
	BaseURL?: unknown;
	ClientId?: unknown;
	ClientSecret?: unknown;
}

const NO_TENANT =
	'no tenant: add one with "aggwatch tenant add NAME" (or "aggwatch tenant import"), or set SAIL_BASE_URL, SAIL_CLIENT_ID and SAIL_CLIENT_SECRET; or try --demo';

const AD_HOC_FLAGS = ['base-url', 'client-id', 'client-secret-stdin'] as const;

/**
 * Picks the tenant, in this order:
 * 1. `--tenant NAME`: a saved tenant (or the ad-hoc one below, when it has that name);
 * 2. an ad-hoc tenant from --base-url / --client-id / --client-secret-stdin, SAIL_BASE_URL / SAIL_CLIENT_ID /
 *    SAIL_CLIENT_SECRET or the SDKs' ./config.json, once a base URL or one of those flags is given;
 * 3. the default saved tenant.
 * Returns undefined when none applies. Throws UsageError for contradictions and unknown names.
 */
export function chooseTenant(inputs: ConnectionInputs): TenantChoice | undefined {
	const {values, saved} = inputs;
	const named = stringOption(values, 'tenant');
	const adHocFlag = AD_HOC_FLAGS.find(flag => values[flag] !== undefined);
	const adHoc = adHocBaseUrl(inputs);

	if (named !== undefined) {
		if (adHocFlag) {
			throw new UsageError(`--tenant cannot be combined with --${adHocFlag}: a saved tenant has its own URL and credentials`);
		}

		const record = saved?.get(named);
		if (record) {
			return {kind: 'saved', name: named, record};
		}

		if (adHoc && tenantLabel(adHoc.value) === named) {
			return {kind: 'ad-hoc', name: named, baseUrl: adHoc};
		}

		const names = saved?.names() ?? [];
		throw new UsageError(
			`no saved tenant "${named}"${names.length > 0 ? ` (saved: ${names.join(', ')})` : ''}; add it with "aggwatch tenant add ${named}"`,
		);
	}

	if (adHoc) {
		return {kind: 'ad-hoc', name: tenantLabel(adHoc.value), baseUrl: adHoc};
	}

	if (adHocFlag) {
		// --client-id or --client-secret-stdin without a URL: resolveConnection says what is missing.
		return undefined;
	}

	const fallback = saved?.defaultName();
	const record = fallback === undefined ? undefined : saved?.get(fallback);
	return fallback !== undefined && record ? {kind: 'saved', name: fallback, record} : undefined;
}

/** The base URL of the ad-hoc tenant, when one is given by flag, SAIL_BASE_URL or ./config.json. */
function adHocBaseUrl(inputs: ConnectionInputs): Picked | undefined {
	const sdk = readSdkConfig(inputs.cwd);
	return pick(stringOption(inputs.values, 'base-url'), '--base-url', inputs.env['SAIL_BASE_URL'], 'SAIL_BASE_URL', sdk.BaseURL);
}

/**
 * Resolves the tenant (see chooseTenant for the order) with its credentials. The secret is never a flag value:
 * flags land in shell history. Throws UsageError when nothing usable is configured, and an auth-kind IscError when
 * a saved tenant has no stored secret, or its keychain cannot be read (so scripts get exit code 4, like any other
 * credential failure).
 */
export async function resolveConnection(inputs: ConnectionInputs): Promise<Connection> {
	const choice = chooseTenant(inputs);
	if (choice?.kind === 'saved') {
		return savedConnection(
			choice.name,
			choice.record,
			inputs.saved?.secret(choice.name) ?? {found: false},
			apiVersionOf(inputs.values, choice.record.apiVersion),
		);
	}

	if (choice === undefined && !hasAdHocInput(inputs)) {
		throw new UsageError(NO_TENANT);
	}

	return adHocConnection(inputs);
}

function hasAdHocInput(inputs: ConnectionInputs): boolean {
	const sdk = readSdkConfig(inputs.cwd);
	return (
		AD_HOC_FLAGS.some(flag => inputs.values[flag] !== undefined) ||
		['SAIL_BASE_URL', 'SAIL_CLIENT_ID', 'SAIL_CLIENT_SECRET'].some(name => (inputs.env[name] ?? '') !== '') ||
		[sdk.BaseURL, sdk.ClientId, sdk.ClientSecret].some(value => typeof value === 'string' && value !== '')
	);
}

/** The ad-hoc tenant from flags, SAIL_* and ./config.json (flags first, then variables, then the file). */
export async function adHocConnection(inputs: ConnectionInputs): Promise<Connection> {
	const {values, env} = inputs;
	const sdk = readSdkConfig(inputs.cwd);

	const baseUrl = pick(stringOption(values, 'base-url'), '--base-url', env['SAIL_BASE_URL'], 'SAIL_BASE_URL', sdk.BaseURL);
	const clientId = pick(stringOption(values, 'client-id'), '--client-id', env['SAIL_CLIENT_ID'], 'SAIL_CLIENT_ID', sdk.ClientId);

	let clientSecret: Picked | undefined;
	if (values['client-secret-stdin'] === true) {
		const secret = (await inputs.readStdin()).trim();
		if (secret === '') {
			throw new UsageError('--client-secret-stdin was given but standard input was empty; pipe the secret in');
		}

		clientSecret = {value: secret, from: 'standard input'};
	} else {
		clientSecret = pick(undefined, '', env['SAIL_CLIENT_SECRET'], 'SAIL_CLIENT_SECRET', sdk.ClientSecret);
	}

	if (!baseUrl && !clientId && !clientSecret) {
		throw new UsageError(NO_TENANT);
	}

	if (!baseUrl) {
		throw new UsageError(
			'no tenant URL: set SAIL_BASE_URL or pass --base-url (a tenant name like acme, or a URL), or use a saved tenant with --tenant',
		);
	}

	if (!clientId) {
		throw new UsageError('no client id: set SAIL_CLIENT_ID or pass --client-id');
	}

	if (!clientSecret) {
		throw new UsageError('no client secret: set SAIL_CLIENT_SECRET or pipe it in with --client-secret-stdin');
	}

	return {
		tenant: tenantLabel(baseUrl.value),
		baseUrl: baseUrl.value,
		clientId: clientId.value,
		clientSecret: clientSecret.value,
		source: {baseUrl: baseUrl.from, clientId: clientId.from, clientSecret: clientSecret.from},
		apiVersion: apiVersionOf(values, undefined),
	};
}

/**
 * A saved tenant's connection. Without a client id or stored secret, or with a keychain that cannot be read, it
 * throws an auth-kind IscError that says what is wrong and how to fix it: the monitor shows it on the tenant's
 * rows, scripts exit with 4.
 */
export function savedConnection(name: string, record: TenantRecord, secret: SecretLookup, apiVersion: ApiVersion): Connection {
	if (!secret.found && secret.problem !== undefined) {
		throw new IscError({
			kind: 'auth',
			message: `the client secret of tenant "${name}" is in the OS keychain, which cannot be read: ${secret.problem.reason}`,
			hint: keychainAdvice(secret.problem, name),
		});
	}

	if (record.clientId === undefined || record.clientId === '' || !secret.found) {
		const where = secret.found
			? ''
			: secret.location === 'keychain'
				? ' in the OS keychain'
				: secret.location === 'file'
					? ' in the secrets file'
					: '';
		throw new IscError({
			kind: 'auth',
			message: secret.found ? `no client id is stored for tenant "${name}"` : `no client secret is stored for tenant "${name}"${where}`,
			hint: `run "aggwatch tenant add ${name}" to store its credentials again`,
		});
	}

	return {
		tenant: name,
		baseUrl: record.baseUrl,
		clientId: record.clientId,
		clientSecret: secret.secret,
		source: {
			baseUrl: `tenant "${name}"`,
			clientId: `the client id of tenant "${name}"`,
			clientSecret: `its stored secret (replace them with "aggwatch tenant add ${name}")`,
		},
		apiVersion,
		saved: true,
	};
}

/** A tenant with no usable credentials: the error its rows fail with in the monitor. */
export function noCredentialsError(name: string): IscError {
	return new IscError({
		kind: 'auth',
		message: `no credentials for tenant "${name}"`,
		hint: `add them with "aggwatch tenant add ${name}", or set SAIL_BASE_URL, SAIL_CLIENT_ID and SAIL_CLIENT_SECRET for it`,
	});
}

/** --api-version, else the saved tenant's, else v2025. */
export function apiVersionOf(values: ParsedCommandLine['values'], saved: string | undefined): ApiVersion {
	const flag = stringOption(values, 'api-version');
	const apiVersion = flag ?? saved ?? 'v2025';
	if (!isApiVersion(apiVersion)) {
		throw new UsageError(
			flag === undefined
				? `the saved api version "${apiVersion}" is not one of ${API_VERSIONS.join(', ')}; pass --api-version`
				: `--api-version must be one of ${API_VERSIONS.join(', ')}, not "${apiVersion}"`,
		);
	}

	return apiVersion;
}

function pick(
	flag: string | undefined,
	flagName: string,
	envValue: string | undefined,
	envName: string,
	sdkValue: unknown,
): Picked | undefined {
	if (flag !== undefined && flag !== '') {
		return {value: flag, from: flagName};
	}

	if (envValue !== undefined && envValue !== '') {
		return {value: envValue, from: envName};
	}

	if (typeof sdkValue === 'string' && sdkValue !== '') {
		return {value: sdkValue, from: 'config.json'};
	}

	return undefined;
}

/** The SailPoint SDKs' config.json in `cwd` (BaseURL, ClientId, ClientSecret), or {} when there is none. */
export function readSdkConfig(cwd: string): SdkConfigFile {
	const file = path.join(cwd, 'config.json');
	if (!existsSync(file)) {
		return {};
	}

	try {
		const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
		return parsed !== null && typeof parsed === 'object' ? (parsed as SdkConfigFile) : {};
	} catch {
		// Not an SDK config (or not JSON): it is somebody else's file, so it is ignored rather than reported.
		return {};
	}
}

/** "acme" for acme.api.identitynow.com, else the host (and port) of the URL, else the input. */
export function tenantLabel(baseUrl: string): string {
	const trimmed = baseUrl.trim().replace(/\/+$/, '');
	if (!trimmed.includes('://') && !/[.:]/.test(trimmed)) {
		// A tenant name, as given.
		return trimmed;
	}

	try {
		const url = new URL(trimmed.includes('://') ? trimmed : `https://${trimmed}`);
		const match = /^([^.]+)\.api\.identitynow(?:-demo)?\.com$/i.exec(url.hostname);
		return match?.[1]?.toLowerCase() ?? url.host;
	} catch {
		return trimmed;
	}
}
