import {readFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {isRecord} from '../domain/guards.js';

/** An environment of the SailPoint CLI (`sail environment create`). */
export interface SailEnvironment {
	name: string;
	baseUrl?: string;
	/** Present only where the file holds it (older CLI versions); newer ones keep the PAT in the OS keychain. */
	clientId?: string;
	clientSecret?: string;
}

export interface SailCliConfig {
	file: string;
	/** `activeenvironment`, the one `sail` uses. */
	active?: string;
	environments: SailEnvironment[];
}

/** ~/.sailpoint/config.yaml (os.homedir() reads HOME on Linux and macOS, USERPROFILE on Windows). */
export function sailCliConfigPath(home: string = os.homedir()): string {
	return path.join(home, '.sailpoint', 'config.yaml');
}

/** A mapping's value under `key`, compared without regard to case (viper lower-cases keys, people may not). */
function get(value: unknown, ...keys: string[]): unknown {
	let current = value;
	for (const key of keys) {
		if (!isRecord(current)) {
			return undefined;
		}

		const found = Object.keys(current).find(candidate => candidate.toLowerCase() === key.toLowerCase());
		current = found === undefined ? undefined : current[found];
	}

	return current;
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * Reads the SailPoint CLI's settings: `environments.<name>.baseurl` and, where the file has them,
 * `environments.<name>.pat.clientid` / `.pat.clientsecret`. Undefined when there is no file. Throws (with the file
 * and line) when the file is there but cannot be read. The YAML parser is loaded here, only by `tenant import`.
 */
export async function readSailCliConfig(file: string = sailCliConfigPath()): Promise<SailCliConfig | undefined> {
	let source: string;
	try {
		source = await readFile(file, 'utf8');
	} catch (error) {
		if ((error as {code?: string}).code === 'ENOENT') {
			return undefined;
		}

		throw new Error(`cannot read ${file}: ${(error as Error).message}`);
	}

	let parsed: unknown;
	try {
		// yaml is CommonJS: its exports are the default export (in Node and in the esbuild bundle alike).
		const {default: yaml} = await import('yaml');
		// The failsafe schema keeps every scalar a string, as the SailPoint CLI wrote it (no numbers, no dates).
		parsed = yaml.parse(source, {schema: 'failsafe'});
	} catch (error) {
		// The parser's message ends with a picture of the line; the first line says what and where.
		const [first = ''] = (error as Error).message.split('\n');
		throw new Error(`cannot read ${file}: ${first.replace(/:$/, '')}`);
	}

	const environments: SailEnvironment[] = [];
	const listed = get(parsed, 'environments');
	if (isRecord(listed)) {
		for (const [name, environment] of Object.entries(listed)) {
			const baseUrl = text(get(environment, 'baseurl'));
			const clientId = text(get(environment, 'pat', 'clientid'));
			const clientSecret = text(get(environment, 'pat', 'clientsecret'));
			environments.push({
				name,
				...(baseUrl === undefined ? {} : {baseUrl}),
				...(clientId === undefined ? {} : {clientId}),
				...(clientSecret === undefined ? {} : {clientSecret}),
			});
		}
	}

	const active = text(get(parsed, 'activeenvironment'));
	return {file, ...(active === undefined ? {} : {active}), environments};
}
