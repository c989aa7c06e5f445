/**
 * Where the client id and secret came from, in words the user can act on: an environment variable
 * (`SAIL_CLIENT_SECRET`), a flag (`--client-secret`) or a stored tenant (`the keychain entry for acme`).
 * Auth failures name these so the user knows what to fix.
 */
export interface CredentialSource {
	clientId: string;
	clientSecret: string;
}

export interface IscCredentials {
	/** A tenant name or base URL; see resolveBaseUrl. */
	baseUrl: string;
	clientId: string;
	clientSecret: string;
	credentialSource?: CredentialSource;
}

export const DEFAULT_CREDENTIAL_SOURCE: CredentialSource = {
	clientId: 'the client id',
	clientSecret: 'the client secret',
};
