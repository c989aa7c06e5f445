import {randomBytes} from 'node:crypto';
import {closeSync, fchmodSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync} from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import {StoreError} from './errors.js';
import {DEFAULT_LOCK_OPTIONS, withFileLock, type LockOptions} from './lock.js';
import {ensureStoreDir} from './paths.js';
import {readBytes} from './set-aside.js';

/**
 * Replaces `file` with `text` so a reader sees the old or the new contents, never a mix: a new file next to it
 * (created 0600, whatever the umask), flushed to disk, then renamed over it.
 */
function writeFileAtomic(file: string, text: string): void {
	const temporary = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
	const fd = openSync(temporary, 'wx', 0o600);
	try {
		try {
			// The umask can only take bits away: make sure of exactly 0600 before the name points at it.
			fchmodSync(fd, 0o600);
			writeSync(fd, text);
			fsyncSync(fd);
		} finally {
			closeSync(fd);
		}

		renameSync(temporary, file);
	} catch (error) {
		try {
			unlinkSync(temporary);
		} catch {
			// Renamed already, or never written.
		}

		throw error;
	}
}

/**
 * One file of the store folder that several aggwatch processes share (the history, the secrets fallback): its bytes
 * are read as they are, every change happens under a cross-process lock (`<file>.lock`) that covers reading,
 * merging and writing, and each write replaces the file atomically (0600, fsynced). What the bytes mean, and what
 * to do with bytes that cannot be used, is the caller's. The settings file is conf's, written by conf under the
 * same kind of lock (store/config.ts).
 */
export class LockedFile {
	readonly path: string;
	readonly dir: string;
	readonly #lock: LockOptions;
	/** How errors name the file, e.g. "the history". */
	readonly #name: string;

	constructor(file: string, name: string, lock: Partial<LockOptions> = {}) {
		this.path = file;
		this.dir = path.dirname(file);
		this.#name = name;
		this.#lock = {...DEFAULT_LOCK_OPTIONS, ...lock};
	}

	/** The file's bytes, or undefined when there is none. Throws StoreError when it cannot be read. */
	read(): Buffer | undefined {
		try {
			return readBytes(this.path);
		} catch (error) {
			throw new StoreError(`cannot read ${this.#name} ${this.path}: ${(error as Error).message}`, {cause: error});
		}
	}

	/** Runs `fn` holding the file's lock, creating the folder (0700) first. Throws StoreError when neither can be had. */
	locked<T>(fn: () => T): T {
		try {
			ensureStoreDir(this.dir);
		} catch (error) {
			throw new StoreError(`cannot use the folder ${this.dir}: ${(error as Error).message}`, {cause: error});
		}

		return withFileLock(`${this.path}.lock`, fn, this.#lock);
	}

	/** Replaces the file with `text` (atomically, 0600, fsynced). Call it inside `locked`. */
	write(text: string): void {
		try {
			writeFileAtomic(this.path, text);
		} catch (error) {
			throw new StoreError(`cannot write ${this.#name} ${this.path}: ${(error as Error).message}`, {cause: error});
		}
	}
}
