import path from 'node:path';
import {normalizeData} from './operations.js';
import {resolveStoreDir, STORE_FILE_NAME, type StoreLocation} from './paths.js';
import {DEFAULT_PREFS, validateStoreData, type Prefs, type TenantRecord} from './schema.js';
import {preflightProblem, readBytes} from './set-aside.js';

/** The saved tenants and the default one, as a command that only reads them needs them. */
export type SavedSettings =
	| {usable: true; tenants: Record<string, TenantRecord>; defaultTenant: string | undefined; keychainId: string | undefined; prefs: Prefs}
	| {usable: false; file: string; reason: string};

/**
 * Reads the saved tenants straight from the store's file, without conf (and what it loads: ajv, semver): the
 * path of commands that never write the store (`status`, `wait`, …). Nothing is created or changed; no file means
 * no saved tenant. A file that needs the full store's attention (an older shape to migrate, or an unusable file
 * to set aside) comes back unusable, with why: the caller then opens the store, which deals with it.
 */
export function readSavedSettings(location: StoreLocation = {}): SavedSettings {
	const file = path.join(resolveStoreDir(location), STORE_FILE_NAME);
	let bytes: Buffer | undefined;
	try {
		bytes = readBytes(file);
	} catch (error) {
		return {usable: false, file, reason: (error as Error).message};
	}

	if (bytes === undefined) {
		return {usable: true, tenants: {}, defaultTenant: undefined, keychainId: undefined, prefs: {...DEFAULT_PREFS}};
	}

	const problem = preflightProblem(bytes);
	if (problem === 'empty') {
		return {usable: true, tenants: {}, defaultTenant: undefined, keychainId: undefined, prefs: {...DEFAULT_PREFS}};
	}

	if (problem !== undefined) {
		return {usable: false, file, reason: problem};
	}

	try {
		const data: unknown = JSON.parse(bytes.toString('utf8'));
		validateStoreData(data);
		const {tenants, defaultTenant, keychainId, prefs} = normalizeData(data);
		return {usable: true, tenants, defaultTenant, keychainId, prefs};
	} catch (error) {
		return {usable: false, file, reason: (error as Error).message};
	}
}
