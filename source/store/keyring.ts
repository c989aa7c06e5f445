import {createRequire} from 'node:module';

/**
 * The OS keychain (macOS Keychain, Windows Credential Manager, the Secret Service on Linux), one password per
 * account under one service. Every method throws when there is no usable keychain (headless Linux, CI, a locked
 * store): the caller says why (keychain-problem.ts), or falls back to the secrets file where that is right.
 */
export interface KeyringBackend {
	/** Undefined when nothing is stored for the account. */
	get(account: string): string | undefined;
	set(account: string, password: string): void;
	/** True when something was deleted; false when nothing was there. Throws when it could not be deleted. */
	delete(account: string): boolean;
}

/** The service name aggwatch's keychain entries are filed under. */
export const KEYRING_SERVICE = 'aggwatch';

interface NapiEntry {
	getPassword(): string | null;
	setPassword(password: string): void;
	deletePassword(): boolean;
}

type EntryConstructor = new (service: string, account: string, options?: {linux?: {store?: 'secret-service' | 'keyutils'}}) => NapiEntry;

/**
 * On Linux the keychain is the Secret Service only. Left to itself @napi-rs/keyring falls back to the kernel's
 * keyring where there is none: that keyring lives as long as the login session, so a secret saved there would be
 * gone after the next reboot, and where the kernel refuses it (containers) the reason given is a bare
 * "AccessDenied". Pinned, a missing Secret Service is said as such, and the 0600 file takes over.
 */
const ENTRY_OPTIONS = {linux: {store: 'secret-service'}} as const;

/**
 * Loaded with a computed name through createRequire: the package is a native addon that the bundler must not
 * inline (it cannot bundle `.node` files), and a module that fails to load is just one more reason for the fallback.
 */
const KEYRING_PACKAGE = ['@napi-rs', 'keyring'].join('/');

let loaded: {Entry: EntryConstructor} | Error | undefined;

function load(): EntryConstructor {
	if (loaded === undefined) {
		try {
			const required = createRequire(import.meta.url)(KEYRING_PACKAGE) as {Entry?: EntryConstructor};
			loaded = required.Entry ? {Entry: required.Entry} : new Error('the keyring module has no Entry class');
		} catch (error) {
			loaded = error instanceof Error ? error : new Error(String(error));
		}
	}

	if (loaded instanceof Error) {
		throw new Error(`the keychain module could not be loaded (${loaded.message.split('\n')[0]})`);
	}

	return loaded.Entry;
}

/** The system keychain through @napi-rs/keyring. */
export function systemKeyring(service: string = KEYRING_SERVICE): KeyringBackend {
	const entry = (account: string): NapiEntry => new (load())(service, account, ENTRY_OPTIONS);
	return {
		get(account) {
			return entry(account).getPassword() ?? undefined;
		},
		set(account, password) {
			entry(account).setPassword(password);
		},
		delete(account) {
			return entry(account).deletePassword();
		},
	};
}
