import {chmodSync, statSync} from 'node:fs';
import path from 'node:path';
import {StoreError} from './errors.js';
import {DEFAULT_LOCK_OPTIONS, type LockOptions} from './lock.js';
import {LockedFile} from './locked-file.js';
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
	readonly #file: LockedFile;

	constructor(dir: string, lock: LockOptions = DEFAULT_LOCK_OPTIONS) {
		this.#file = new LockedFile(path.join(dir, SECRETS_FILE_NAME), 'the secrets file', lock);
		this.path = this.#file.path;
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
		const text = this.#file.read()?.toString('utf8');

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
		return this.#file.locked(() => {
			const secrets = this.#read();
			const changed = operation(secrets);
			if (changed) {
				const data: SecretsData = {version: 1, secrets};
				this.#file.write(`${JSON.stringify(data, undefined, '\t')}\n`);
			}

			return changed;
		});
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
