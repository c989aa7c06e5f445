import process from 'node:process';
import {DEFAULT_LOCK_OPTIONS, type LockOptions} from './lock.js';
import {KEYCHAIN_OFF, keychainProblemOf, type KeychainProblem} from './keychain-problem.js';
import {systemKeyring, type KeyringBackend} from './keyring.js';
import {resolveStoreDir} from './paths.js';
import {SecretsFile} from './secrets-file.js';

export type {KeyringBackend} from './keyring.js';
export type {KeychainProblem} from './keychain-problem.js';

/** Where a tenant's client secret is kept. */
export type SecretLocation = 'keychain' | 'file';

export interface StoredSecret {
	secret: string;
	location: SecretLocation;
}

/**
 * Which secret: a saved tenant's name, the keychain id of its settings folder (so two folders never share a
 * keychain entry), and where the settings say the secret is. A tenant saved before the settings recorded either
 * has neither: its secret is looked for under its bare name in the keychain, then in the file.
 */
export interface SecretRef {
	name: string;
	/** The settings folder's keychain id (TrackedStore.keychainId); none for a tenant saved before there was one. */
	folder?: string | undefined;
	/** Where the settings say the secret is; none for a tenant saved before they said. */
	location?: SecretLocation | undefined;
}

/** A secret found, or why not: not where the settings say (`location`), or a keychain that could not be read. */
export type SecretLookup =
	({found: true} & StoredSecret) | {found: false; location?: SecretLocation | undefined; problem?: KeychainProblem | undefined};

/** What deleting a secret did: `problem` says why one may be left in the keychain. */
export interface SecretRemoval {
	removed: boolean;
	problem?: KeychainProblem;
	/** The keychain entry's account name (under service "aggwatch"), to name it when it could not be removed. */
	account: string;
}

/** One line of --debug: what the keychain said, as it said it. */
export interface KeychainDebugEntry {
	keychain: 'get' | 'set' | 'delete';
	tenant: string;
	reason: string;
}

export interface SecretStoreOptions {
	/** The store folder (the fallback file goes in it). Default: resolveStoreDir({env}). */
	dir?: string;
	/** Where AGGWATCH_KEYRING and AGGWATCH_CONFIG_DIR are read. Default process.env. */
	env?: Record<string, string | undefined>;
	/** Default: the system keychain. Tests pass one that fails. */
	keyring?: KeyringBackend;
	/** Receives the one-line notice that a secret went to the file. Default console.error. */
	onWarning?: (line: string) => void;
	/** Receives the keychain's own reason whenever it fails (the --debug log). */
	onDebug?: (entry: KeychainDebugEntry) => void;
	/** Clock for how long a failed keychain is left alone (UNAVAILABLE_FOR_MS). */
	now?: () => number;
	lock?: Partial<LockOptions>;
}

/** AGGWATCH_KEYRING=off (or 0, false, no) keeps secrets out of the keychain: the file is used, as on a headless machine. */
export function keyringDisabled(env: Record<string, string | undefined>): boolean {
	const value = env['AGGWATCH_KEYRING']?.trim().toLowerCase();
	return value === 'off' || value === '0' || value === 'false' || value === 'no';
}

/**
 * The keychain account (under service "aggwatch") of a tenant's secret: `acme@<folder id>`; `acme` alone for a
 * tenant saved before the settings said where its secret is (it was stored under its bare name then).
 */
export function keychainAccount(ref: SecretRef): string {
	return ref.location === undefined || ref.folder === undefined ? ref.name : `${ref.name}@${ref.folder}`;
}

/** How long a keychain that failed is not asked again. */
const UNAVAILABLE_FOR_MS = 30_000;

type Attempt<T> = {ok: true; value: T} | {ok: false; problem: KeychainProblem};

/**
 * Client secrets of saved tenants: in the OS keychain when there is one, else in a 0600 file next to the store
 * (with a one-line notice, as gh does). The settings record where each secret went (SecretRef.location), so the one
 * stored last is the one used, and a keychain that is locked or unreachable is said as such, never taken for a
 * missing secret. Secrets never touch the main config file.
 */
export class SecretStore {
	readonly file: SecretsFile;
	readonly #keyring: KeyringBackend;
	readonly #disabled: boolean;
	readonly #onWarning: (line: string) => void;
	readonly #onDebug: ((entry: KeychainDebugEntry) => void) | undefined;
	readonly #now: () => number;
	/**
	 * Why the keychain cannot be used, once a call has failed: it is not asked again for a while (a locked one may
	 * show an unlock prompt each time), but it is after that, so a monitor left open sees it unlocked.
	 */
	#unavailable: {problem: KeychainProblem; at: number} | undefined;

	constructor(options: SecretStoreOptions = {}) {
		const env = options.env ?? process.env;
		this.file = new SecretsFile(options.dir ?? resolveStoreDir({env}), {...DEFAULT_LOCK_OPTIONS, ...options.lock});
		this.#keyring = options.keyring ?? systemKeyring();
		this.#disabled = keyringDisabled(env);
		this.#onWarning = options.onWarning ?? (line => console.error(line));
		this.#onDebug = options.onDebug;
		this.#now = options.now ?? Date.now;
	}

	/** The secret of a saved tenant, looked for where its settings say it is. */
	lookup(ref: SecretRef): SecretLookup {
		if (ref.location === 'file') {
			const fromFile = this.file.get(ref.name);
			return fromFile === undefined || fromFile === ''
				? {found: false, location: 'file'}
				: {found: true, secret: fromFile, location: 'file'};
		}

		const fromKeychain = this.#tryKeychain('get', ref.name, keyring => keyring.get(keychainAccount(ref)));
		if (fromKeychain.ok && fromKeychain.value !== undefined && fromKeychain.value !== '') {
			return {found: true, secret: fromKeychain.value, location: 'keychain'};
		}

		if (ref.location === 'keychain') {
			return fromKeychain.ok ? {found: false, location: 'keychain'} : {found: false, location: 'keychain', problem: fromKeychain.problem};
		}

		// Saved before the settings said where: the file is the other place it can be.
		const fromFile = this.file.get(ref.name);
		if (fromFile !== undefined && fromFile !== '') {
			return {found: true, secret: fromFile, location: 'file'};
		}

		return fromKeychain.ok || fromKeychain.problem.kind === 'off' ? {found: false} : {found: false, problem: fromKeychain.problem};
	}

	/** Stores the secret of `ref` (its location is ignored: the keychain is tried first); returns where it went. */
	set(ref: SecretRef, secret: string): SecretLocation {
		if (secret === '') {
			throw new TypeError('A client secret cannot be empty');
		}

		const stored = this.#tryKeychain('set', ref.name, keyring => {
			keyring.set(keychainAccount({...ref, location: 'keychain'}), secret);
			return true;
		});
		if (stored.ok) {
			// A copy left in the file from a keychain-less day would be a second, stale place to leak from.
			this.file.delete(ref.name);
			return 'keychain';
		}

		this.file.set(ref.name, secret);
		const problem = stored.problem;
		const keepInKeychain =
			problem.kind === 'locked' ? ` (to keep it in the keychain, unlock it and run "aggwatch tenant add ${ref.name}" again)` : '';
		this.#onWarning(
			`${problem.reason}; the client secret of "${ref.name}" is kept in ${this.file.path}, readable only by you${keepInKeychain}`,
		);
		return 'file';
	}

	/**
	 * Deletes the secret of `ref` from where the settings say it is (both places for a tenant saved before they
	 * said). `removed` is true when one was found and deleted; `problem` says why the keychain could not be asked.
	 */
	delete(ref: SecretRef): SecretRemoval {
		const account = keychainAccount(ref);
		let removed = false;
		let problem: KeychainProblem | undefined;
		if (ref.location !== 'file') {
			const fromKeychain = this.#tryKeychain('delete', ref.name, keyring => keyring.delete(account));
			if (fromKeychain.ok) {
				removed = fromKeychain.value;
			} else if (ref.location === 'keychain' || fromKeychain.problem.kind !== 'off') {
				problem = fromKeychain.problem;
			}
		}

		// A stale copy in the file goes too (the keychain one was stored last, or it is the only one).
		removed = this.file.delete(ref.name) || removed;
		return problem === undefined ? {removed, account} : {removed, problem, account};
	}

	#tryKeychain<T>(operation: KeychainDebugEntry['keychain'], tenant: string, run: (keyring: KeyringBackend) => T): Attempt<T> {
		if (this.#disabled) {
			return {ok: false, problem: KEYCHAIN_OFF};
		}

		if (this.#unavailable !== undefined && this.#now() - this.#unavailable.at < UNAVAILABLE_FOR_MS) {
			return {ok: false, problem: this.#unavailable.problem};
		}

		try {
			const value = run(this.#keyring);
			this.#unavailable = undefined;
			return {ok: true, value};
		} catch (error) {
			const problem = keychainProblemOf(error);
			this.#unavailable = {problem, at: this.#now()};
			this.#onDebug?.({keychain: operation, tenant, reason: problem.raw});
			return {ok: false, problem};
		}
	}
}
