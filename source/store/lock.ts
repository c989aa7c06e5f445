import {
	closeSync,
	linkSync,
	openSync,
	readdirSync,
	readFileSync,
	renameSync,
	statSync,
	unlinkSync,
	writeFileSync,
	writeSync,
	type Stats,
} from 'node:fs';
import path from 'node:path';
import {hostname} from 'node:os';
import process from 'node:process';
import {randomBytes} from 'node:crypto';
import {StoreError} from './errors.js';

export interface LockOptions {
	/** A lock older than this (by mtime) is taken to be left over from a crash. Locks are held for milliseconds. */
	staleMs: number;
	/** Give up after this long. Must exceed `staleMs` so a left-over lock is always broken before giving up. */
	timeoutMs: number;
}

export const DEFAULT_LOCK_OPTIONS: LockOptions = {staleMs: 10_000, timeoutMs: 15_000};

interface LockOwner {
	pid: number;
	host: string;
	token: string;
}

const sleepCell = new Int32Array(new SharedArrayBuffer(4));

/** Blocks the thread: the store API is synchronous (like conf), and a lock is only ever held for a few ms. */
function sleepSync(ms: number): void {
	Atomics.wait(sleepCell, 0, 0, ms);
}

function errorCode(error: unknown): string | undefined {
	return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

function readOwner(lockPath: string): LockOwner | undefined {
	try {
		const parsed: unknown = JSON.parse(readFileSync(lockPath, 'utf8'));
		if (typeof parsed === 'object' && parsed !== null) {
			const {pid, host, token} = parsed as Record<string, unknown>;
			if (typeof pid === 'number' && typeof host === 'string' && typeof token === 'string') {
				return {pid, host, token};
			}
		}
	} catch {
		// Missing, or caught between create and write: judged by its age alone.
	}

	return undefined;
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: it exists but belongs to someone else.
		return errorCode(error) !== 'ESRCH';
	}
}

function statOrUndefined(file: string): Stats | undefined {
	try {
		return statSync(file);
	} catch (error) {
		if (errorCode(error) === 'ENOENT') {
			return undefined;
		}

		throw error;
	}
}

function sameFile(a: Stats, b: Stats): boolean {
	return a.ino === b.ino && a.dev === b.dev && a.mtimeMs === b.mtimeMs;
}

/**
 * Removes the lock if its owner is gone (same host, dead pid) or it is older than `staleMs`.
 * It is renamed away first, so of several processes judging the same stale lock only one removes it;
 * if the renamed file turns out to be a newer lock someone just took, it is linked back.
 * Returns whether it is worth trying to take the lock again right away.
 */
function breakIfStale(lockPath: string, staleMs: number): boolean {
	const before = statOrUndefined(lockPath);
	if (before === undefined) {
		return true;
	}

	const owner = readOwner(lockPath);
	const ownerGone = owner !== undefined && owner.host === hostname() && !isAlive(owner.pid);
	if (!ownerGone && Date.now() - before.mtimeMs <= staleMs) {
		return false;
	}

	const grave = `${lockPath}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
	try {
		renameSync(lockPath, grave);
	} catch (error) {
		if (errorCode(error) === 'ENOENT') {
			return true;
		}

		throw error;
	}

	const taken = statOrUndefined(grave);
	if (taken !== undefined && !sameFile(taken, before)) {
		try {
			linkSync(grave, lockPath);
		} catch {
			// Someone took a new lock meanwhile; theirs stands.
		}
	}

	try {
		unlinkSync(grave);
	} catch {
		// Already gone.
	}

	return true;
}

/** Codes with which link() says the file system has no hard links (FAT, some network and FUSE mounts). */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

/** The old way, for file systems without hard links: create, then write (a crash in between leaves an empty lock). */
function tryCreateInPlace(lockPath: string, owner: LockOwner): boolean {
	let fd: number;
	try {
		fd = openSync(lockPath, 'wx', 0o600);
	} catch (error) {
		if (errorCode(error) === 'EEXIST') {
			return false;
		}

		throw error;
	}

	try {
		writeSync(fd, JSON.stringify(owner));
	} finally {
		closeSync(fd);
	}

	return true;
}

/**
 * Takes the lock if it is free. The owner is written to a file of our own first, which is then hard-linked to the
 * lock's name (failing if the lock exists): the lock never exists without its owner in it, so a process killed at
 * any moment leaves either no lock or one that names a dead process, which the next one breaks straight away.
 * (An empty lock could only be judged by its age, holding everyone up for `staleMs`.)
 */
function tryCreate(lockPath: string, owner: LockOwner): boolean {
	const temporary = `${lockPath}.${owner.pid}-${owner.token}.tmp`;
	writeFileSync(temporary, JSON.stringify(owner), {mode: 0o600});
	try {
		linkSync(temporary, lockPath);
		return true;
	} catch (error) {
		const code = errorCode(error);
		if (code === 'EEXIST') {
			return false;
		}

		if (code !== undefined && NO_HARD_LINKS.has(code)) {
			return tryCreateInPlace(lockPath, owner);
		}

		throw error;
	} finally {
		removeQuietly(temporary);
	}
}

function removeQuietly(file: string): void {
	try {
		unlinkSync(file);
	} catch {
		// Gone already.
	}
}

/**
 * Removes what a process killed under this lock (or while taking or breaking it) may have left next to it: an owner
 * file not yet linked or a stale lock renamed away (`<lock>.*`), and the temporary file of an atomic write of the
 * guarded file that never got renamed (`<file>.tmp-*`, as conf's writer and ours name them). Only what is older than
 * `staleMs`: every write of the guarded file happens under this lock, which is held for milliseconds.
 */
function sweepLeftovers(lockPath: string, staleMs: number): void {
	const base = path.basename(lockPath);
	const prefixes = [`${base}.`, ...(base.endsWith('.lock') ? [`${base.slice(0, -'.lock'.length)}.tmp-`] : [])];
	let names: string[];
	try {
		names = readdirSync(path.dirname(lockPath)).filter(name => prefixes.some(prefix => name.startsWith(prefix)));
	} catch {
		return;
	}

	for (const name of names) {
		const file = path.join(path.dirname(lockPath), name);
		try {
			if (Date.now() - statSync(file).mtimeMs > staleMs) {
				removeQuietly(file);
			}
		} catch {
			// Gone meanwhile, or not ours to look at: it is only tidying.
		}
	}
}

function describeHolder(lockPath: string): string {
	const owner = readOwner(lockPath);
	return owner ? `process ${owner.pid} on ${owner.host}` : 'another process';
}

/**
 * Runs `fn` while holding a cross-process lock: a file next to the store file that appears, owner written in it,
 * in one step (see tryCreate).
 * Waits with short randomised retries; breaks locks left over by crashed processes.
 * Not re-entrant: `fn` must not take the same lock again.
 */
export function withFileLock<T>(lockPath: string, fn: () => T, options: LockOptions = DEFAULT_LOCK_OPTIONS): T {
	const owner: LockOwner = {pid: process.pid, host: hostname(), token: randomBytes(8).toString('hex')};
	const deadline = Date.now() + options.timeoutMs;

	for (;;) {
		let acquired: boolean;
		let retryNow = false;
		try {
			acquired = tryCreate(lockPath, owner);
			if (!acquired) {
				retryNow = breakIfStale(lockPath, options.staleMs);
			}
		} catch (error) {
			throw new StoreError(`cannot use the store lock ${lockPath}: ${(error as Error).message}`, {cause: error});
		}

		if (acquired) {
			break;
		}

		if (retryNow) {
			continue;
		}

		if (Date.now() >= deadline) {
			throw new StoreError(`the store is locked by ${describeHolder(lockPath)}: ${lockPath}`);
		}

		sleepSync(1 + Math.random() * 4);
	}

	try {
		sweepLeftovers(lockPath, options.staleMs);
		return fn();
	} finally {
		// Only remove our own lock: if we were stalled past staleMs, another process may hold it now.
		if (readOwner(lockPath)?.token === owner.token) {
			try {
				unlinkSync(lockPath);
			} catch {
				// Gone already.
			}
		}
	}
}
