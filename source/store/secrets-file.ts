import {chmodSync, renameSync, rmSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import {StoreError} from './errors.js';
import {DEFAULT_LOCK_OPTIONS, withFileLock, type LockOptions} from './lock.js';
import {ensureStoreDir} from './paths.js';
import {readText} from './set-aside.js';
import {isRecord} from '../domain/guards.js';

/** The fallback file's name inside the store folder, next to (never inside) the main config file. */
export const SECRETS_FILE_NAME = 'secrets.json';

interface SecretsData {
	version: 1;
	/** Client secrets by tenant name. */
	secrets: Record<string, string>;
}

/**
 * Client secrets where no keychain is available: a JSON file of its own, mode 0600 in a 0700 folder, written
 * atomically under a cross-process lock. It is never the main config file, so a secret cannot end up in a copy of
 * that file (bug reports, `.bak-` files, dotfile repositories).
 */
export class SecretsFile {
	readonly path: string;
	readonly #lock: LockOptions;

	constructor(dir: string, lock: LockOptions = DEFAULT_LOCK_OPTIONS) {
		this.path = path.join(dir, SECRETS_FILE_NAME);
		this.#lock = lock;
	}

	get(name: string): string | undefined {
		const secrets = this.#read();
		return Object.hasOwn(secrets, name) ? secrets[name] : undefined;
	}

	/** Names that have a secret in the file. */
	names(): string[] {
		return Object.keys(this.#read());
	}

	set(name: string, secret: string): void {
		this.#mutate(secrets => {
			secrets[name] = secret;
			return true;
		});
	}

	/** True when the file held a secret for `name`. */
	delete(name: string): boolean {
		return this.#mutate(secrets => {
			if (!Object.hasOwn(secrets, name)) {
				return false;
			}

			delete secrets[name];
			return true;
		});
	}

	#read(): Record<string, string> {
		let text: string | undefined;
		try {
			text = readText(this.path);
		} catch (error) {
			throw new StoreError(`cannot read the secrets file ${this.path}: ${(error as Error).message}`, {cause: error});
		}

		if (text === undefined || text.trim() === '') {
			return {};
		}

		this.#restrictMode();
		let parsed: unknown;
		try {
			parsed = JSON.parse(text);
		} catch {
			// Never overwritten: it may hold the only copy of a secret.
			throw new StoreError(`the secrets file ${this.path} is not valid JSON; fix it by hand, or delete it and add the tenants again`);
		}

		const secrets: Record<string, string> = {};
		const stored = isRecord(parsed) && isRecord(parsed['secrets']) ? parsed['secrets'] : {};
		for (const [name, value] of Object.entries(stored)) {
			if (typeof value === 'string') {
				secrets[name] = value;
			}
		}

		return secrets;
	}

	#mutate(operation: (secrets: Record<string, string>) => boolean): boolean {
		const dir = path.dirname(this.path);
		try {
			ensureStoreDir(dir);
		} catch (error) {
			throw new StoreError(`cannot create the folder ${dir}: ${(error as Error).message}`, {cause: error});
		}

		return withFileLock(
			`${this.path}.lock`,
			() => {
				const secrets = this.#read();
				const changed = operation(secrets);
				if (changed) {
					this.#write({version: 1, secrets});
				}

				return changed;
			},
			this.#lock,
		);
	}

	#write(data: SecretsData): void {
		const temporary = `${this.path}.tmp-${process.pid}`;
		try {
			writeFileSync(temporary, `${JSON.stringify(data, undefined, '\t')}\n`, {mode: 0o600});
			// The umask can only take bits away; make sure of 0600 before the name points at it.
			chmodSync(temporary, 0o600);
			renameSync(temporary, this.path);
		} catch (error) {
			rmSync(temporary, {force: true});
			throw new StoreError(`cannot write the secrets file ${this.path}: ${(error as Error).message}`, {cause: error});
		}
	}

	#restrictMode(): void {
		try {
			if ((statSync(this.path).mode & 0o077) !== 0) {
				chmodSync(this.path, 0o600);
			}
		} catch {
			// Not ours to change; our own writes are 0600 anyway.
		}
	}
}
