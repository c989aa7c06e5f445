import {readFileSync, renameSync, unlinkSync, writeFileSync} from 'node:fs';
import process from 'node:process';
import {SCHEMA_VERSION} from './schema.js';

/**
 * A file that cannot be used is never wiped: its exact bytes are kept next to it as `<file>.bak-<timestamp>`,
 * and the caller starts with an empty store and shows the one-line warning this module writes.
 */

function errorCode(error: unknown): string | undefined {
	return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

/** The file's bytes, or undefined when there is no file. */
export function readBytes(file: string): Buffer | undefined {
	try {
		return readFileSync(file);
	} catch (error) {
		if (errorCode(error) === 'ENOENT') {
			return undefined;
		}

		throw error;
	}
}

export function readText(file: string): string | undefined {
	return readBytes(file)?.toString('utf8');
}

const SCHEMA_PREFIX = 'Config schema violation: ';
const MIGRATION_PREFIX = 'Something went wrong during the migration! ';
const MIGRATION_RESTORED = 'Changes applied to the store until this failed migration will be restored. ';

/** Whether conf failed because of what is in the file (as opposed to, say, a permission problem). */
export function isInvalidDataError(error: unknown): boolean {
	if (error instanceof SyntaxError) {
		return true;
	}

	const message = error instanceof Error ? error.message : '';
	return message.startsWith(SCHEMA_PREFIX) || message.startsWith(MIGRATION_PREFIX);
}

function newerVersion(value: unknown): number | undefined {
	if (typeof value === 'object' && value !== null && 'schemaVersion' in value) {
		const version = value.schemaVersion;
		if (typeof version === 'number' && version > SCHEMA_VERSION) {
			return version;
		}
	}

	return undefined;
}

/**
 * Checks what conf cannot be trusted to refuse by itself (it treats `null` or `[]` as an empty store,
 * and would quietly re-mark a newer file as ours). Returns why the file cannot be used, 'empty' for a file
 * with nothing in it, or undefined when conf may open it.
 */
export function preflightProblem(bytes: Buffer): string | undefined {
	const text = bytes.toString('utf8');
	if (text.trim() === '') {
		return 'empty';
	}

	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch (error) {
		return `it is not valid JSON (${(error as Error).message})`;
	}

	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		return 'it is not a JSON object';
	}

	const newer = newerVersion(parsed);
	if (newer !== undefined) {
		return `it was written by a newer aggwatch (schema version ${newer}; this one reads ${SCHEMA_VERSION})`;
	}

	return undefined;
}

/** Why conf refused the file, for the warning line. */
export function describeInvalid(error: unknown, bytes: Buffer | undefined): string {
	const fromPreflight = bytes === undefined ? undefined : preflightProblem(bytes);
	if (fromPreflight !== undefined && fromPreflight !== 'empty') {
		return fromPreflight;
	}

	const message = error instanceof Error ? error.message : String(error);
	if (message.startsWith(SCHEMA_PREFIX)) {
		return `it does not have the expected shape (${message.slice(SCHEMA_PREFIX.length)})`;
	}

	if (message.startsWith(MIGRATION_PREFIX)) {
		return `it could not be upgraded (${message.slice(MIGRATION_PREFIX.length).replace(MIGRATION_RESTORED, '')})`;
	}

	return message;
}

function oneLine(text: string, max = 240): string {
	const flat = text.replaceAll(/\s+/g, ' ').trim();
	return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Writes `bytes` to a new `<file>.bak-<timestamp>` (never over another) and returns its path. */
function writeBackup(file: string, bytes: Buffer, now: number): string {
	const stamp = new Date(now).toISOString().replaceAll(':', '-');
	let backup = `${file}.bak-${stamp}`;
	for (let attempt = 1; ; attempt++) {
		try {
			writeFileSync(backup, bytes, {flag: 'wx', mode: 0o600});
			return backup;
		} catch (error) {
			if (errorCode(error) !== 'EEXIST' || attempt > 100) {
				throw error;
			}

			backup = `${file}.bak-${stamp}-${attempt}`;
		}
	}
}

/**
 * Some entries of the file could not be used and were left out: `bytes` (the file as it was) are kept in a new
 * `<file>.bak-<timestamp>`, `cleaned` replaces the file, and the warning line names what was left out and where the
 * original is.
 */
export function setAsideEntries(file: string, bytes: Buffer, cleaned: string, dropped: readonly string[], now: number): string {
	const backup = writeBackup(file, bytes, now);
	const temporary = `${file}.tmp-${process.pid}`;
	writeFileSync(temporary, cleaned, {mode: 0o600});
	renameSync(temporary, file);
	const what = dropped.length === 1 ? 'one entry' : `${dropped.length} entries`;
	return `The store file ${file} had ${what} that could not be used (${oneLine(dropped.join('; '))}); only ${dropped.length === 1 ? 'it was' : 'they were'} left out, the rest is kept. The file as it was is in ${backup}.`;
}

/**
 * Writes `bytes` (the file as it was before anything touched it) to a new `<file>.bak-<timestamp>`, removes
 * `file`, and returns the warning line naming both paths.
 */
export function setAside(file: string, bytes: Buffer, reason: string, now: number): string {
	const backup = writeBackup(file, bytes, now);

	try {
		unlinkSync(file);
	} catch (error) {
		if (errorCode(error) !== 'ENOENT') {
			throw error;
		}
	}

	return `The store file ${file} could not be used: ${oneLine(reason)}. It was moved to ${backup}; starting with an empty store.`;
}
