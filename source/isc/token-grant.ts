import {IscError} from '../domain/errors.js';
import type {TokenGrant} from './token-manager.js';

/** Validates the token endpoint's 200 body: access_token (string) and expires_in (seconds, > 0). */
export function parseTokenGrant(body: unknown): TokenGrant {
	if (body === null || typeof body !== 'object' || Array.isArray(body)) {
		throw new IscError({kind: 'bad-response', message: 'The token answer is not a JSON object'});
	}

	const source = body as Record<string, unknown>;
	const accessToken = source['access_token'];
	if (typeof accessToken !== 'string' || accessToken === '') {
		throw new IscError({kind: 'bad-response', message: 'The token answer\'s "access_token" is missing or not a string'});
	}

	const expiresIn = source['expires_in'];
	if (typeof expiresIn !== 'number' || !Number.isFinite(expiresIn) || expiresIn <= 0) {
		throw new IscError({kind: 'bad-response', message: 'The token answer\'s "expires_in" is not a positive number'});
	}

	return {accessToken, expiresInSec: expiresIn};
}
