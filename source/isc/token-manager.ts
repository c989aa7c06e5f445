/** What the token endpoint granted. */
export interface TokenGrant {
	accessToken: string;
	/** Lifetime in seconds (expires_in). */
	expiresInSec: number;
}

export interface TokenManagerOptions {
	/** Performs one POST /oauth/token. Errors (IscError) pass through to every waiting caller. */
	fetch: () => Promise<TokenGrant>;
	/** Clock, epoch ms. Default Date.now. */
	now?: () => number;
}

/**
 * How long before expiry a cached token is replaced: 10% of its lifetime, at most 60 s
 * (about 60 s for ISC's usual 749 s), so a request never leaves with a token about to lapse.
 */
export function refreshMarginMs(lifetimeMs: number): number {
	return Math.min(60_000, lifetimeMs * 0.1);
}

/**
 * Client-credentials tokens for one tenant: cached until shortly before they expire, and fetched by at most
 * one request at a time however many callers ask at once.
 */
export class TokenManager {
	readonly #fetch: () => Promise<TokenGrant>;
	readonly #now: () => number;
	#token: string | undefined;
	#refreshAt = 0;
	#inFlight: Promise<string> | undefined;
	#requests = 0;

	constructor(options: TokenManagerOptions) {
		this.#fetch = options.fetch;
		this.#now = options.now ?? Date.now;
	}

	/** Token requests started so far (for tests and the benchmark). */
	get tokenRequests(): number {
		return this.#requests;
	}

	/** A token that is not about to expire: the cached one, or the answer of the single request in flight. */
	async token(): Promise<string> {
		if (this.#token !== undefined && this.#now() < this.#refreshAt) {
			return this.#token;
		}

		this.#inFlight ??= this.#refresh().finally(() => {
			this.#inFlight = undefined;
		});
		return this.#inFlight;
	}

	/**
	 * Forgets the cached token (after a 401). Given the token that was rejected, forgets only if it is still the
	 * current one, so many requests that met the same 401 together cause a single new token request.
	 */
	invalidate(rejected?: string): void {
		if (rejected === undefined || rejected === this.#token) {
			this.#token = undefined;
			this.#refreshAt = 0;
		}
	}

	async #refresh(): Promise<string> {
		this.#requests++;
		const askedAt = this.#now();
		const grant = await this.#fetch();
		const lifetimeMs = grant.expiresInSec * 1000;
		this.#token = grant.accessToken;
		this.#refreshAt = askedAt + lifetimeMs - refreshMarginMs(lifetimeMs);
		return grant.accessToken;
	}
}
