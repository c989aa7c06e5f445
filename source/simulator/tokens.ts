import {randomBytes, randomUUID} from 'node:crypto';

interface TokenRecord {
	clientId: string;
	expiresAt: number;
}

export type TokenCheck = {ok: true; clientId: string} | {ok: false; reason: 'missing' | 'unknown' | 'expired'; clientId?: string};

function base64url(value: string | Buffer): string {
	return Buffer.from(value).toString('base64url');
}

/**
 * Issued bearer tokens. They look like JWTs (three base64url parts) but are opaque random strings to the simulator:
 * only the store decides whether one is valid, by the simulator clock.
 */
export class TokenStore {
	readonly #tokens = new Map<string, TokenRecord>();

	/** `userContext`: the token of a personal access token, whose claims name the user (as ISC's do); else an API client's. */
	issue(clientId: string, now: number, lifetimeSec: number, userContext = true): {token: string; jti: string} {
		const jti = randomUUID();
		const header = base64url(JSON.stringify({alg: 'RS256', typ: 'JWT'}));
		const user = userContext ? {user_name: `user-${clientId}`, identity_id: '2c9180857182305e0171993735622948'} : {};
		const payload = base64url(JSON.stringify({client_id: clientId, ...user, jti, exp: Math.floor(now / 1000) + lifetimeSec}));
		const token = `${header}.${payload}.${base64url(randomBytes(32))}`;
		this.#tokens.set(token, {clientId, expiresAt: now + lifetimeSec * 1000});
		return {token, jti};
	}

	/** Reads an Authorization header value. Expired tokens keep their client id so the log can show it. */
	check(authorization: string | undefined, now: number): TokenCheck {
		const match = /^bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
		if (!match?.[1]) {
			return {ok: false, reason: 'missing'};
		}

		const record = this.#tokens.get(match[1]);
		if (record === undefined) {
			return {ok: false, reason: 'unknown'};
		}

		if (now >= record.expiresAt) {
			return {ok: false, reason: 'expired', clientId: record.clientId};
		}

		return {ok: true, clientId: record.clientId};
	}

	expireAll(): void {
		this.#tokens.clear();
	}

	expireClient(clientId: string): void {
		for (const [token, record] of this.#tokens) {
			if (record.clientId === clientId) {
				this.#tokens.delete(token);
			}
		}
	}
}
