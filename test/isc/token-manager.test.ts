import {describe, expect, it} from 'vitest';
import {IscError} from '../../source/domain/errors.js';
import type {TokenGrant} from '../../source/isc/token-manager.js';
import {TokenManager, refreshMarginMs} from '../../source/isc/token-manager.js';

/** A token endpoint stand-in whose answers the test releases one by one (the HTTP path is covered by the integration tests). */
function endpoint() {
	const pending: Array<{resolve: (grant: TokenGrant) => void; reject: (error: unknown) => void}> = [];
	let issued = 0;
	return {
		pending,
		fetch: async () =>
			new Promise<TokenGrant>((resolve, reject) => {
				pending.push({resolve, reject});
			}),
		answer(expiresInSec = 749) {
			issued++;
			pending.shift()?.resolve({accessToken: `token-${issued}`, expiresInSec});
		},
	};
}

describe('TokenManager', () => {
	it('shares one request among concurrent callers, then serves the cache', async () => {
		const server = endpoint();
		const manager = new TokenManager({fetch: server.fetch, now: () => 0});
		const waiting = Promise.all([manager.token(), manager.token(), manager.token()]);
		expect(server.pending).toHaveLength(1);
		server.answer();
		expect(await waiting).toEqual(['token-1', 'token-1', 'token-1']);
		expect(await manager.token()).toBe('token-1');
		expect(manager.tokenRequests).toBe(1);
	});

	it('refreshes shortly before expiry: min(60 s, 10%) early', async () => {
		let now = 1_000_000;
		const server = endpoint();
		const manager = new TokenManager({fetch: server.fetch, now: () => now});
		const first = manager.token();
		server.answer(749);
		await first;

		now += 749_000 - 60_000 - 1;
		expect(await manager.token()).toBe('token-1');
		now += 1;
		const second = manager.token();
		server.answer(30);
		expect(await second).toBe('token-2');
		expect(manager.tokenRequests).toBe(2);

		// A 30 s token is replaced 3 s early.
		now += 27_000 - 1;
		expect(await manager.token()).toBe('token-2');
		now += 1;
		const third = manager.token();
		server.answer();
		expect(await third).toBe('token-3');
		expect(refreshMarginMs(749_000)).toBe(60_000);
		expect(refreshMarginMs(30_000)).toBe(3000);
	});

	it('invalidate(rejected) forgets only the token that was rejected', async () => {
		const server = endpoint();
		const manager = new TokenManager({fetch: server.fetch, now: () => 0});
		const first = manager.token();
		server.answer();
		await first;

		manager.invalidate('token-1');
		const second = manager.token();
		server.answer();
		expect(await second).toBe('token-2');

		// A late 401 for the old token must not throw away the new one.
		manager.invalidate('token-1');
		expect(await manager.token()).toBe('token-2');
		manager.invalidate();
		const third = manager.token();
		server.answer();
		expect(await third).toBe('token-3');
		expect(manager.tokenRequests).toBe(3);
	});

	it('passes a failure to every waiting caller and tries again on the next call', async () => {
		const server = endpoint();
		const manager = new TokenManager({fetch: server.fetch, now: () => 0});
		const failing = [manager.token(), manager.token()];
		const auth = new IscError({kind: 'auth', message: 'no'});
		server.pending.shift()?.reject(auth);
		for (const call of failing) {
			await expect(call).rejects.toBe(auth);
		}

		const next = manager.token();
		server.answer();
		expect(await next).toBe('token-1');
		expect(manager.tokenRequests).toBe(2);
	});
});
