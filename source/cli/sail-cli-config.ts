import {readFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {parseYamlSubset, yamlGet, yamlString, type YamlMap} from './yaml-subset.js';

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

/**
 * Reads the SailPoint CLI's settings: `environments.<name>.baseurl` and, where the file has them,
 * `environments.<name>.pat.clientid` / `.pat.clientsecret`. Undefined when there is no file. Throws (with the file
 * and line) when the file is there but cannot be read.
 */
export function readSailCliConfig(file: string = sailCliConfigPath()): SailCliConfig | undefined {
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		if ((error as {code?: string}).code === 'ENOENT') {
			return undefined;
		}

		throw new Error(`cannot read ${file}: ${(error as Error).message}`);
	}

	let parsed: YamlMap;
	try {
		parsed = parseYamlSubset(text);
	} catch (error) {
		throw new Error(`cannot read ${file}: ${(error as Error).message}`);
	}

	const environments: SailEnvironment[] = [];
	const listed = yamlGet(parsed, 'environments');
	if (listed !== null && listed !== undefined && typeof listed !== 'string') {
		for (const name of Object.keys(listed)) {
			const environment = listed[name];
			const baseUrl = yamlString(yamlGet(environment, 'baseurl'));
			const clientId = yamlString(yamlGet(environment, 'pat', 'clientid'));
			const clientSecret = yamlString(yamlGet(environment, 'pat', 'clientsecret'));
			environments.push({
				name,
				...(baseUrl === undefined ? {} : {baseUrl}),
				...(clientId === undefined ? {} : {clientId}),
				...(clientSecret === undefined ? {} : {clientSecret}),
			});
		}
	}

	const active = yamlString(yamlGet(parsed, 'activeenvironment'));
	return {file, ...(active === undefined ? {} : {active}), environments};
}
