import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {UsageError} from './usage-error.js';
import {stringOption, type ParsedCommandLine} from './args.js';

export type ApiVersion = 'v2025' | 'v2024' | 'beta' | 'v1';
export const API_VERSIONS: readonly ApiVersion[] = ['v2025', 'v2024', 'beta', 'v1'];

/** An ad-hoc tenant: where to connect and with what. The secret never leaves this object except to the token request. */
export interface Connection {
	/** Short name shown in the UI and stored with tracked rows. */
	tenant: string;
	/** As the user gave it (tenant name or URL); the client normalises and validates it. */
	baseUrl: string;
	clientId: string;
	clientSecret: string;
	/** Where each value came from, so errors can say which one to fix. */
	source: {baseUrl: string; clientId: string; clientSecret: string};
	apiVersion: ApiVersion;
}

export interface ConnectionInputs {
	values: ParsedCommandLine['values'];
	env: NodeJS.ProcessEnv;
	cwd: string;
	/** Reads the secret from standard input (for --client-secret-stdin). */
	readStdin: () => Promise<string>;
}

interface SdkConfigFile {
	BaseURL?: unknown;
	ClientId?: unknown;
	ClientSecret?: unknown;
}

const NO_TENANT =
	'no tenant: set SAIL_BASE_URL, SAIL_CLIENT_ID and SAIL_CLIENT_SECRET (or pass --base-url and --client-id), or try --demo';

/**
 * Resolves the tenant from flags, then the SDK variables SAIL_BASE_URL / SAIL_CLIENT_ID / SAIL_CLIENT_SECRET,
 * then an SDK config.json in the current folder. The secret is never a flag value: flags land in shell history.
 */
export async function resolveConnection(inputs: ConnectionInputs): Promise<Connection> {
	const {values, env} = inputs;
	const sdk = readSdkConfig(inputs.cwd);

	const baseUrl = pick(stringOption(values, 'base-url'), '--base-url', env['SAIL_BASE_URL'], 'SAIL_BASE_URL', sdk.BaseURL);
	const clientId = pick(stringOption(values, 'client-id'), '--client-id', env['SAIL_CLIENT_ID'], 'SAIL_CLIENT_ID', sdk.ClientId);

	let clientSecret: {value: string; from: string} | undefined;
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
		throw new UsageError('no tenant URL: set SAIL_BASE_URL or pass --base-url (a tenant name like acme, or a URL)');
	}

	if (!clientId) {
		throw new UsageError('no client id: set SAIL_CLIENT_ID or pass --client-id');
	}

	if (!clientSecret) {
		throw new UsageError('no client secret: set SAIL_CLIENT_SECRET or pipe it in with --client-secret-stdin');
	}

	const apiVersion = stringOption(values, 'api-version') ?? 'v2025';
	if (!(API_VERSIONS as readonly string[]).includes(apiVersion)) {
		throw new UsageError(`--api-version must be one of ${API_VERSIONS.join(', ')}, not "${apiVersion}"`);
	}

	return {
		tenant: tenantLabel(baseUrl.value),
		baseUrl: baseUrl.value,
		clientId: clientId.value,
		clientSecret: clientSecret.value,
		source: {baseUrl: baseUrl.from, clientId: clientId.from, clientSecret: clientSecret.from},
		apiVersion: apiVersion as ApiVersion,
	};
}

function pick(
	flag: string | undefined,
	flagName: string,
	envValue: string | undefined,
	envName: string,
	sdkValue: unknown,
): {value: string; from: string} | undefined {
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

function readSdkConfig(cwd: string): SdkConfigFile {
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
	if (!baseUrl.includes('://')) {
		return baseUrl.replace(/\/+$/, '');
	}

	try {
		const url = new URL(baseUrl);
		const match = /^([^.]+)\.api\.identitynow(?:-demo)?\.com$/.exec(url.hostname);
		return match?.[1] ?? url.host;
	} catch {
		return baseUrl;
	}
}
