import {chmodSync, mkdirSync} from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import envPaths from 'env-paths';

/** The main file's name inside the store folder (conf's `configName` + `fileExtension`). */
export const STORE_FILE_NAME = 'config.json';

/** The project name conf derives its default folder from (`~/.config/aggwatch-nodejs` on Linux). */
export const PROJECT_NAME = 'aggwatch';

export interface StoreLocation {
	/** An explicit folder; wins over everything else. */
	cwd?: string;
	/** Where `AGGWATCH_CONFIG_DIR` is read from. Defaults to `process.env`. */
	env?: Record<string, string | undefined>;
}

/**
 * The store folder: `cwd`, else `AGGWATCH_CONFIG_DIR`, else conf's default folder for the project.
 * Pure: nothing is created.
 */
export function resolveStoreDir(location: StoreLocation = {}): string {
	if (location.cwd) {
		return path.resolve(location.cwd);
	}

	const fromEnv = (location.env ?? process.env)['AGGWATCH_CONFIG_DIR'];
	if (fromEnv) {
		return path.resolve(fromEnv);
	}

	// The same call conf makes when it gets only `projectName`.
	return envPaths(PROJECT_NAME, {suffix: 'nodejs'}).config;
}

/**
 * The folder `--demo` keeps its store in: a `demo` folder inside the real one, so it can never be the real
 * store and demo rows never show up in a real session. Pure: nothing is created.
 */
export function demoStoreDir(location: StoreLocation = {}): string {
	return path.join(resolveStoreDir(location), 'demo');
}

/** Creates the folder (and missing parents) readable by the owner only. An existing folder is left as it is. */
export function ensureStoreDir(dir: string): void {
	const created = mkdirSync(dir, {recursive: true, mode: 0o700});
	if (created !== undefined) {
		// The umask can only take bits away, but an unusual one (say 0o277) could leave the folder unusable.
		chmodSync(dir, 0o700);
	}
}
