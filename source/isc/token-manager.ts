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
 * How long before the refresh point a token is renewed in the background while it is still served: half the margin,
 * at most 5 s. So a request that has waited for the budget finds a new token ready, instead of waiting for one after
 * its turn came (and leaving later than the budget counted it).
 */
export function renewLeadMs(lifetimeMs: number): number {
	return Math.min(5000, refreshMarginMs(lifetimeMs) / 2);
}

/** A token handed out: when it should no longer be sent (its refresh point). Kept for the last few tokens. */
const REMEMBERED_TOKENS = 4;

/**
 * Client-credentials tokens for one tenant: cached until shortly before they expire, renewed a little before that
 * in the background, and fetched by at most one request at a time however many callers ask at once.
 */
export class TokenManager {
	readonly #fetch: () => Promise<TokenGrant>;
	readonly #now: () => number;
	#token: string | undefined;
	#refreshAt = 0;
	/** From here on a call still gets the cached token, and starts a request for the next one. */
	#renewAt = 0;
	#inFlight: Promise<string> | undefined;
	#requests = 0;
	/** Recent tokens and their refresh points, to tell whether a 401 met a token that had lapsed on its way. */
	readonly #refreshPoints = new Map<string, number>();

	constructor(options: TokenManagerOptions) {
		this.#fetch = options.fetch;
		this.#now = options.now ?? Date.now;
	}

	/** Token requests started so far (for tests and the benchmark). */
	get tokenRequests(): number {
		return this.#requests;
	}

	/**
	 * A token that is not about to expire: the cached one, or the answer of the single request in flight. Call it
	 * right before the request leaves (after any wait for a budget), so a token never waits and lapses on the way.
	 */
	async token(): Promise<string> {
		const now = this.#now();
		if (this.#token !== undefined && now < this.#refreshAt) {
			if (now >= this.#renewAt && this.#inFlight === undefined) {
				// Renewed ahead, while the cached token is still good. A failure is not reported here: the cached
				// token serves until its refresh point, and the request made then reports it (no second try before).
				this.#renewAt = this.#refreshAt;
				this.#start().catch(() => undefined);
			}

			return this.#token;
		}

		return this.#start();
	}

	/**
	 * Whether `token` (one this manager handed out) has reached its refresh point by now: a 401 for it is then
	 * explained by its age (it lapsed on the way, or the tenant's clock runs ahead), not by the credentials.
	 */
	lapsed(token: string): boolean {
		const refreshAt = this.#refreshPoints.get(token);
		return refreshAt !== undefined && this.#now() >= refreshAt;
	}

	/**
	 * Forgets the cached token (after a 401). Given the token that was rejected, forgets only if it is still the
	 * current one, so many requests that met the same 401 together cause a single new token request.
	 */
	invalidate(rejected?: string): void {
		if (rejected === undefined || rejected === this.#token) {
			this.#token = undefined;
			this.#refreshAt = 0;
			this.#renewAt = 0;
		}
	}

	async #start(): Promise<string> {
		this.#inFlight ??= this.#refresh().finally(() => {
			this.#inFlight = undefined;
		});
		return this.#inFlight;
	}

	async #refresh(): Promise<string> {
		this.#requests++;
		const askedAt = this.#now();
		const grant = await this.#fetch();
		const lifetimeMs = grant.expiresInSec * 1000;
		this.#token = grant.accessToken;
		this.#refreshAt = askedAt + lifetimeMs - refreshMarginMs(lifetimeMs);
		this.#renewAt = this.#refreshAt - renewLeadMs(lifetimeMs);
		this.#refreshPoints.set(grant.accessToken, this.#refreshAt);
		for (const old of this.#refreshPoints.keys()) {
			if (this.#refreshPoints.size <= REMEMBERED_TOKENS) {
				break;
			}

			this.#refreshPoints.delete(old);
		}

		return grant.accessToken;
	}
}
