import {randomBytes} from 'node:crypto';
import {chmodSync, rmSync, statSync} from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import {fileProblem, StoreError} from './errors.js';
import {DEFAULT_LOCK_OPTIONS, withFileLock, type LockOptions} from './lock.js';
import {PROJECT_VERSION, storeMigrations} from './migrations.js';
import {
	addRows,
	assertTenantName,
	mergePrefs,
	normalizeData,
	removeRows,
	toTenantRecord,
	updateRows,
	type AddResult,
	type PrefsChange,
	type SaveResult,
} from './operations.js';
import {demoStoreDir, ensureStoreDir, resolveStoreDir, STORE_FILE_NAME, type StoreLocation} from './paths.js';
import {
	emptyStoreData,
	salvageStoreData,
	validateStoreData,
	type Prefs,
	type RowRef,
	type StoreData,
	type StoredRow,
	type TenantRecord,
} from './schema.js';
import {describeInvalid, isInvalidDataError, preflightProblem, readBytes, readText, setAside, setAsideEntries} from './set-aside.js';
import {watchFileChanges, type FileWatch} from './watch-file.js';

export type {AddResult, PrefsChange, SaveResult} from './operations.js';
export type {Prefs, RowRef, StoreData, StoredRow, TenantRecord} from './schema.js';
export {demoStoreDir, resolveStoreDir} from './paths.js';
export {StoreError} from './errors.js';

export interface OpenStoreOptions extends StoreLocation {
	/** Use the demo store (`demoStoreDir`) instead of the real one. */
	demo?: boolean;
	/**
	 * Receives problems found after opening (another process left an unusable file, which was set aside).
	 * Defaults to console.error. Problems found while opening are returned by `openStore` instead.
	 */
	onWarning?: (line: string) => void;
	/** Lock timing; the defaults suit real use (tests may shorten them). */
	lock?: Partial<LockOptions>;
	/** How long file events are gathered before `watch` callbacks run. Default 50 ms. */
	watchDebounceMs?: number;
	/** Clock for migration times and backup names. */
	now?: () => number;
}

export interface OpenedStore {
	store: TrackedStore;
	/** One line each; print them. Say which file was unusable and where it was moved. */
	warnings: string[];
}

/** conf's store, checked by hand (see validateStoreData). */
function validStore(conf: Conf<StoreData>): StoreData {
	const data: unknown = conf.store;
	validateStoreData(data);
	return data;
}

function createConf(dir: string, now: () => number): Conf<StoreData> {
	const conf = new Conf<StoreData>({
		cwd: dir,
		configName: path.basename(STORE_FILE_NAME, '.json'),
		fileExtension: 'json',
		projectVersion: PROJECT_VERSION,
		migrations: storeMigrations(now),
		configFileMode: 0o600,
		clearInvalidConfig: false,
		accessPropertiesByDotNotation: false,
		watch: false,
	});
	validStore(conf);
	return conf;
}

/** Runs under the lock: sets aside an unusable file, then lets conf open (and migrate) what is left. */
function openConf(dir: string, file: string, warnings: string[], now: () => number): Conf<StoreData> {
	let original = readBytes(file);
	if (original !== undefined) {
		const problem = preflightProblem(original);
		if (problem === 'empty') {
			// Nothing to keep: conf starts a new file.
			rmSync(file, {force: true});
			original = undefined;
		} else if (problem !== undefined) {
			warnings.push(setAside(file, original, problem, now()));
			original = undefined;
		} else {
			// A wrong row or tenant costs only itself: the rest of the file is kept.
			const salvaged = salvageOf(original);
			if (salvaged !== undefined) {
				warnings.push(setAsideEntries(file, original, `${JSON.stringify(salvaged.data, undefined, '\t')}\n`, salvaged.dropped, now()));
				original = readBytes(file);
			}
		}
	}

	try {
		return createConf(dir, now);
	} catch (error) {
		if (original === undefined || !isInvalidDataError(error)) {
			throw error;
		}

		// conf may have half-migrated the file; what is kept is the original, byte for byte.
		warnings.push(setAside(file, original, describeInvalid(error, original), now()));
		return createConf(dir, now);
	}
}

/** The usable part of a file of this build's shape (see salvageStoreData), or undefined. */
function salvageOf(bytes: Buffer): ReturnType<typeof salvageStoreData> {
	try {
		const salvaged = salvageStoreData(JSON.parse(bytes.toString('utf8')));
		return salvaged !== undefined && salvaged.dropped.length > 0 ? salvaged : undefined;
	} catch {
		return undefined;
	}
}

/** Why the folder cannot be written, when that is what failed (EROFS, EACCES, EPERM), else undefined. */
function readOnlyProblem(error: unknown): string | undefined {
	const cause = error instanceof StoreError ? error.cause : error;
	const code = (cause as {code?: unknown} | undefined)?.code;
	return code === 'EROFS' || code === 'EACCES' || code === 'EPERM' ? fileProblem(cause) : undefined;
}

/** The store of a folder that cannot be written, opened without the lock, when its file is there and usable as it is. */
function openReadOnly(dir: string, file: string, now: () => number): Conf<StoreData> | undefined {
	const bytes = readBytes(file);
	if (bytes === undefined || preflightProblem(bytes) !== undefined) {
		return undefined;
	}

	try {
		return createConf(dir, now);
	} catch {
		return undefined;
	}
}

function restrictMode(file: string): void {
	try {
		if ((statSync(file).mode & 0o077) !== 0) {
			chmodSync(file, 0o600);
		}
	} catch {
		// Not there (yet), or not ours to change; writes set 0600 anyway.
	}
}

/**
 * Opens the store: the only place aggwatch reads or writes its main file.
 * Location: `cwd`, else `AGGWATCH_CONFIG_DIR`, else conf's default folder for "aggwatch" (`demo` picks the
 * demo folder under it). The folder is created 0700 and the file written 0600.
 * Throws StoreError (with a message fit for the user) when the folder, the file or the lock cannot be used.
 */
export function openStore(options: OpenStoreOptions = {}): OpenedStore {
	const dir = options.demo ? demoStoreDir(options) : resolveStoreDir(options);
	const file = path.join(dir, STORE_FILE_NAME);
	const now = options.now ?? Date.now;
	const lock: LockOptions = {...DEFAULT_LOCK_OPTIONS, ...options.lock};
	const warnings: string[] = [];

	let conf: Conf<StoreData>;
	try {
		ensureStoreDir(dir);
		conf = withFileLock(lockPathOf(file), () => openConf(dir, file, warnings, now), lock);
	} catch (error) {
		// A folder that cannot be written (a read-only mount, no permission): what it holds can still be read, so
		// commands that only read work, and the monitor runs without saving. Every write then fails in one line.
		const readOnly = readOnlyProblem(error);
		const readable = readOnly === undefined ? undefined : openReadOnly(dir, file, now);
		if (readable !== undefined) {
			warnings.push(`the store folder ${dir} cannot be written (${readOnly}): what it holds is shown, but nothing is saved`);
			conf = readable;
		} else if (error instanceof StoreError) {
			throw error;
		} else {
			throw new StoreError(`cannot open the store ${file}: ${(error as Error).message}`, {cause: error});
		}
	}

	restrictMode(file);

	const store = new TrackedStore({
		conf,
		dir,
		lock,
		now,
		onWarning: options.onWarning ?? (line => console.error(line)),
		watchDebounceMs: options.watchDebounceMs ?? 50,
	});
	return {store, warnings};
}

function lockPathOf(file: string): string {
	return `${file}.lock`;
}

interface TrackedStoreParts {
	conf: Conf<StoreData>;
	dir: string;
	lock: LockOptions;
	now: () => number;
	onWarning: (line: string) => void;
	watchDebounceMs: number;
}

/**
 * The tracked rows, prefs and saved tenants, shared by every aggwatch process of the user.
 * Reads always come from the file. Every change is a read-modify-write of the file's current contents under a
 * cross-process lock, so concurrent processes never undo each other's additions or removals.
 */
export class TrackedStore {
	/** The main file. */
	readonly path: string;
	/** Its folder (also holds the lock file and any `.bak-` files). */
	readonly dir: string;

	readonly #conf: Conf<StoreData>;
	readonly #lockPath: string;
	readonly #lock: LockOptions;
	readonly #now: () => number;
	readonly #onWarning: (line: string) => void;
	readonly #watchDebounceMs: number;
	readonly #listeners = new Set<() => void>();
	#watch: FileWatch | undefined;
	/** The file's text as of our last read or write; a difference means another process wrote it. */
	#lastKnown: string | undefined;
	#externalPending = false;

	constructor(parts: TrackedStoreParts) {
		this.#conf = parts.conf;
		this.path = parts.conf.path;
		this.dir = parts.dir;
		this.#lockPath = lockPathOf(this.path);
		this.#lock = parts.lock;
		this.#now = parts.now;
		this.#onWarning = parts.onWarning;
		this.#watchDebounceMs = parts.watchDebounceMs;
		this.#lastKnown = readText(this.path);
	}

	/** All tracked rows, in the order they were added. */
	listTracked(): StoredRow[] {
		return this.#read().tracked;
	}

	/** Adds rows whose tenant+id is not tracked yet; the others are reported in `existing`, unchanged. */
	addTracked(rows: readonly StoredRow[]): AddResult {
		return this.#mutate(data => addRows(data, rows));
	}

	/** Removes rows by tenant+id; returns the rows that were there. */
	removeTracked(refs: readonly RowRef[]): StoredRow[] {
		return this.#mutate(data => removeRows(data, refs));
	}

	/**
	 * Records the latest state (label, snapshot, lastOkAt, phase, endedAt) of rows that are still tracked.
	 * A row removed by another process is reported in `missing` and not written back.
	 * Writes nothing when nothing changed, so frequent calls do not wake other processes.
	 */
	saveSnapshots(rows: readonly StoredRow[]): SaveResult {
		return this.#mutate(data => updateRows(data, rows));
	}

	getPrefs(): Prefs {
		return this.#read().prefs;
	}

	/** Changes some prefs; returns them all. */
	setPrefs(partial: PrefsChange): Prefs {
		return this.#mutate(data => mergePrefs(data, partial));
	}

	listTenants(): Record<string, TenantRecord> {
		return this.#read().tenants;
	}

	getTenant(name: string): TenantRecord | undefined {
		const tenants = this.#read().tenants;
		return Object.hasOwn(tenants, name) ? tenants[name] : undefined;
	}

	/** Saves (or replaces) a named tenant. Only baseUrl, clientId and apiVersion are kept; never a secret. */
	setTenant(name: string, record: TenantRecord): void {
		assertTenantName(name);
		const stored = toTenantRecord(record);
		this.#mutate(data => {
			data.tenants[name] = stored;
		});
	}

	/** Forgets a named tenant (and clears it as the default). Tracked rows of that tenant stay. */
	removeTenant(name: string): boolean {
		return this.#mutate(data => {
			if (!Object.hasOwn(data.tenants, name)) {
				return false;
			}

			delete data.tenants[name];
			if (data.defaultTenant === name) {
				delete data.defaultTenant;
			}

			return true;
		});
	}

	getDefaultTenant(): string | undefined {
		return this.#read().defaultTenant;
	}

	setDefaultTenant(name: string | undefined): void {
		if (name !== undefined) {
			assertTenantName(name);
		}

		this.#mutate(data => {
			if (name === undefined) {
				delete data.defaultTenant;
			} else {
				data.defaultTenant = name;
			}
		});
	}

	/** This folder's keychain id (see StoreData.keychainId), if a secret was stored since there were ids. */
	getKeychainId(): string | undefined {
		return this.#read().keychainId;
	}

	/** This folder's keychain id, made (and saved) now when there is none yet. */
	ensureKeychainId(): string {
		return this.#mutate(data => (data.keychainId ??= randomBytes(8).toString('hex')));
	}

	/**
	 * Calls `callback` (debounced) after another process changed the file, e.g. `aggwatch track` while the
	 * monitor runs; re-read with listTracked(). This store's own writes do not trigger it.
	 * Returns a function that unsubscribes.
	 */
	watch(callback: () => void): () => void {
		this.#listeners.add(callback);
		this.#watch ??= watchFileChanges(this.path, () => this.#checkExternal(), this.#watchDebounceMs);
		// Report a change made since our last look.
		this.#watch.poke();
		return () => {
			this.#listeners.delete(callback);
			if (this.#listeners.size === 0) {
				this.#watch?.close();
				this.#watch = undefined;
			}
		};
	}

	/** Stops watching. The store stays usable for reads and writes. */
	close(): void {
		this.#listeners.clear();
		this.#watch?.close();
		this.#watch = undefined;
	}

	#checkExternal(): void {
		let text: string | undefined;
		try {
			text = readText(this.path);
		} catch {
			text = undefined;
		}

		if (text === this.#lastKnown && !this.#externalPending) {
			return;
		}

		this.#lastKnown = text;
		this.#externalPending = false;
		for (const listener of [...this.#listeners]) {
			listener();
		}
	}

	#read(): StoreData {
		try {
			return normalizeData(validStore(this.#conf));
		} catch (error) {
			if (!isInvalidDataError(error)) {
				throw error;
			}

			// Another process (or a hand edit) left a file we cannot use: recover under the lock.
			return this.#mutate(data => data);
		}
	}

	#mutate<T>(operation: (data: StoreData) => T): T {
		try {
			return this.#mutateLocked(operation);
		} catch (error) {
			// A full disk, a read-only folder, no permission: one line that says what, not a stack trace.
			const problem = fileProblem(error);
			if (problem === undefined || error instanceof StoreError) {
				throw error;
			}

			throw new StoreError(`cannot save to ${this.path}: ${problem}`, {cause: error});
		}
	}

	#mutateLocked<T>(operation: (data: StoreData) => T): T {
		return withFileLock(
			this.#lockPath,
			() => {
				ensureStoreDir(this.dir);
				const before = readBytes(this.path);
				const beforeText = before?.toString('utf8');
				if (beforeText !== this.#lastKnown) {
					this.#externalPending = true;
				}

				let data: StoreData;
				let recovered = false;
				try {
					data = normalizeData(validStore(this.#conf));
				} catch (error) {
					if (!isInvalidDataError(error) || before === undefined) {
						throw error;
					}

					const salvaged = salvageOf(before);
					if (salvaged === undefined) {
						this.#onWarning(setAside(this.path, before, describeInvalid(error, before), this.#now()));
						data = emptyStoreData();
					} else {
						// What is wrong is left out, the rest kept (the write below replaces the file).
						this.#onWarning(
							setAsideEntries(this.path, before, `${JSON.stringify(salvaged.data, undefined, '\t')}\n`, salvaged.dropped, this.#now()),
						);
						data = normalizeData(salvaged.data);
					}

					recovered = true;
				}

				const unchanged = JSON.stringify(data);
				const result = operation(data);
				if (recovered || JSON.stringify(data) !== unchanged) {
					this.#conf.store = data;
				}

				this.#lastKnown = readText(this.path);
				if (this.#externalPending) {
					this.#watch?.poke();
				}

				return result;
			},
			this.#lock,
		);
	}
}
