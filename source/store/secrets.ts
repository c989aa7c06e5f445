import process from 'node:process';
import {DEFAULT_LOCK_OPTIONS, type LockOptions} from './lock.js';
import {systemKeyring, type KeyringBackend} from './keyring.js';
import {resolveStoreDir} from './paths.js';
import {SecretsFile} from './secrets-file.js';

export type {KeyringBackend} from './keyring.js';

/** Where a tenant's client secret is kept. */
export type SecretLocation = 'keychain' | 'file';

export interface StoredSecret {
	secret: string;
	location: SecretLocation;
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
	lock?: Partial<LockOptions>;
}

/** AGGWATCH_KEYRING=off (or 0, false, no) keeps secrets out of the keychain: the file is used, as on a headless machine. */
export function keyringDisabled(env: Record<string, string | undefined>): boolean {
	const value = env['AGGWATCH_KEYRING']?.trim().toLowerCase();
	return value === 'off' || value === '0' || value === 'false' || value === 'no';
}

function firstLine(error: unknown): string {
	return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}

/**
 * Client secrets of saved tenants, by tenant name: in the OS keychain when there is one, else in a 0600 file next
 * to the store (with a one-line notice, as gh does). Reads try the keychain, then the file, so a secret saved either
 * way keeps working when the keychain comes or goes. Secrets never touch the main config file.
 */
export class SecretStore {
	readonly file: SecretsFile;
	readonly #keyring: KeyringBackend;
	readonly #disabled: boolean;
	readonly #onWarning: (line: string) => void;
	/** Why the keychain cannot be used, once a call has failed. */
	#unavailable: string | undefined;

	constructor(options: SecretStoreOptions = {}) {
		const env = options.env ?? process.env;
		this.file = new SecretsFile(options.dir ?? resolveStoreDir({env}), {...DEFAULT_LOCK_OPTIONS, ...options.lock});
		this.#keyring = options.keyring ?? systemKeyring();
		this.#disabled = keyringDisabled(env);
		this.#onWarning = options.onWarning ?? (line => console.error(line));
	}

	/** The keychain's state as far as this store knows: undefined while it seems usable. */
	get keychainProblem(): string | undefined {
		return this.#disabled ? 'turned off by AGGWATCH_KEYRING' : this.#unavailable;
	}

	get(name: string): StoredSecret | undefined {
		const fromKeychain = this.#tryKeychain(keyring => keyring.get(name));
		if (fromKeychain !== undefined && fromKeychain !== '') {
			return {secret: fromKeychain, location: 'keychain'};
		}

		const fromFile = this.file.get(name);
		return fromFile === undefined || fromFile === '' ? undefined : {secret: fromFile, location: 'file'};
	}

	/** Where the secret of `name` is, without handing it out. */
	where(name: string): SecretLocation | undefined {
		return this.get(name)?.location;
	}

	/** Stores the secret of `name`; returns where it went. */
	set(name: string, secret: string): SecretLocation {
		if (secret === '') {
			throw new TypeError('A client secret cannot be empty');
		}

		const stored = this.#tryKeychain(keyring => {
			keyring.set(name, secret);
			return true;
		});
		if (stored === true) {
			// A copy left in the file from a keychain-less day would be a second, stale place to leak from.
			this.file.delete(name);
			return 'keychain';
		}

		this.file.set(name, secret);
		this.#onWarning(
			`${this.#disabled ? 'the OS keychain is turned off (AGGWATCH_KEYRING=off)' : `no OS keychain is available (${this.#unavailable ?? 'unknown reason'})`}; ` +
				`the client secret of "${name}" is kept in ${this.file.path}, readable only by you`,
		);
		return 'file';
	}

	/** Deletes the secret of `name` everywhere it is kept; true when one was found. */
	delete(name: string): boolean {
		const fromKeychain = this.#tryKeychain(keyring => keyring.delete(name)) === true;
		const fromFile = this.file.delete(name);
		return fromKeychain || fromFile;
	}

	#tryKeychain<T>(operation: (keyring: KeyringBackend) => T): T | undefined {
		if (this.#disabled || this.#unavailable !== undefined) {
			return undefined;
		}

		try {
			return operation(this.#keyring);
		} catch (error) {
			this.#unavailable = firstLine(error) || 'the keychain could not be used';
			return undefined;
		}
	}
}
