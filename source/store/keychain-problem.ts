/**
 * Why the OS keychain could not be used, as a person can act on it. @napi-rs/keyring passes the platform's own
 * words through ("Couldn't access platform storage: AccessDenied", "Secret Service: no result found", a D-Bus
 * error); they are kept (`raw`) for `--debug`, and mapped here to what is wrong.
 */
export interface KeychainProblem {
	kind: 'off' | 'absent' | 'locked' | 'denied' | 'no-keyring' | 'module' | 'other';
	/** What is wrong, as the end of a sentence: "the keyring is locked". */
	reason: string;
	/** What the platform said, first line (for --debug; may be empty for `off`). */
	raw: string;
}

/** AGGWATCH_KEYRING turned the keychain off. */
export const KEYCHAIN_OFF: KeychainProblem = {kind: 'off', reason: 'the OS keychain is turned off (AGGWATCH_KEYRING=off)', raw: ''};

const PATTERNS: Array<[RegExp, Omit<KeychainProblem, 'raw'>]> = [
	[/could not be loaded/i, {kind: 'module', reason: 'the keychain module could not be loaded on this system'}],
	// No session bus, or one without a Secret Service (D-Bus says so in several ways).
	[
		/DBUS_SESSION_BUS_ADDRESS|autolaunch|not provided by any \.service files|ServiceUnknown|NameHasNoOwner|Failed to connect to socket|No such file or directory|Connection refused|no secret service/i,
		{kind: 'absent', reason: 'no keychain service is running (no Secret Service on the D-Bus session bus)'},
	],
	// Secret Service: a locked collection whose unlock prompt could not be shown or was dismissed; macOS: a locked
	// keychain in a session that cannot ask (ssh).
	[
		/locked|unlock prompt|prompt was dismissed|User interaction is not allowed|errSecInteractionNotAllowed/i,
		{kind: 'locked', reason: 'the keyring is locked'},
	],
	[
		/AccessDenied|access denied|not permitted|permission denied|errSecAuthFailed/i,
		{kind: 'denied', reason: 'the OS keychain refused access'},
	],
	// The Secret Service runs but has no default collection (no login keyring was ever created or unlocked).
	[
		/no result found|NoSuchObject|no such object/i,
		{kind: 'no-keyring', reason: 'the Secret Service has no default keyring to keep secrets in'},
	],
];

/** The problem behind an error the keychain threw. */
export function keychainProblemOf(error: unknown): KeychainProblem {
	const raw = (error instanceof Error ? error.message : String(error)).split('\n')[0]?.trim() ?? '';
	for (const [pattern, problem] of PATTERNS) {
		if (pattern.test(raw)) {
			return {...problem, raw};
		}
	}

	return {kind: 'other', reason: `the OS keychain failed (${raw || 'no reason given'})`, raw};
}

/**
 * What the user can do about it, as an imperative clause; with `tenant`, the way round it names that tenant's
 * `tenant add` (a secret is found where the settings say it is, so setting AGGWATCH_KEYRING=off alone is not enough).
 */
export function keychainAdvice(problem: KeychainProblem, tenant?: string): string {
	const instead =
		tenant === undefined
			? 'or set AGGWATCH_KEYRING=off to keep secrets in a file'
			: `or set AGGWATCH_KEYRING=off and run "aggwatch tenant add ${tenant}" to keep its secret in a file`;
	switch (problem.kind) {
		case 'off': {
			return (
				'unset AGGWATCH_KEYRING to reach the keychain' +
				(tenant === undefined ? '' : `, or run "aggwatch tenant add ${tenant}" to keep its secret in a file`)
			);
		}

		case 'locked': {
			return `unlock it (log in to the desktop session, or unlock the keyring) and try again, ${instead}`;
		}

		case 'absent':
		case 'no-keyring': {
			return `run aggwatch where the keychain is (your desktop session), ${instead}`;
		}

		default: {
			return `fix the keychain and try again, ${instead}`;
		}
	}
}
