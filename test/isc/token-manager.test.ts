import {describe, expect, it} from 'vitest';
import {IscError} from '../../source/domain/errors.js';
import type {TokenGrant} from '../../source/isc/token-manager.js';
import {TokenManager, refreshMarginMs, renewLeadMs} from '../../source/isc/token-manager.js';

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

/** Lets the promises settled so far run on. */
async function settled(): Promise<void> {
	await new Promise(resolve => {
		setImmediate(resolve);
	});
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

	it('stops sending a token min(60 s, 10%) before expiry, and asks for the next half that margin (at most 5 s) earlier', async () => {
		let now = 1_000_000;
		const server = endpoint();
		const manager = new TokenManager({fetch: server.fetch, now: () => now});
		const first = manager.token();
		server.answer(749);
		await first;

		// A 749 s token is renewed from 749 - 60 - 5 s on, while it is still served.
		now += 749_000 - 60_000 - 5000 - 1;
		expect(await manager.token()).toBe('token-1');
		expect(server.pending).toHaveLength(0);
		now += 1;
		expect(await manager.token()).toBe('token-1');
		expect(server.pending).toHaveLength(1);
		expect(await manager.token()).toBe('token-1');
		expect(server.pending).toHaveLength(1);
		server.answer(30);
		await settled();
		expect(await manager.token()).toBe('token-2');
		expect(manager.tokenRequests).toBe(2);

		// A 30 s token: renewed from 25.5 s on, no longer sent from 27 s on. A renewal not answered by then is waited for.
		now += 25_500 - 1;
		expect(await manager.token()).toBe('token-2');
		expect(server.pending).toHaveLength(0);
		now += 1;
		expect(await manager.token()).toBe('token-2');
		expect(server.pending).toHaveLength(1);
		now += 1500;
		let third: string | undefined;
		const waiting = manager.token().then(token => {
			third = token;
		});
		await settled();
		expect(third).toBeUndefined();
		server.answer();
		await waiting;
		expect(third).toBe('token-3');
		expect(manager.tokenRequests).toBe(3);
		expect(refreshMarginMs(749_000)).toBe(60_000);
		expect(refreshMarginMs(30_000)).toBe(3000);
		expect(renewLeadMs(749_000)).toBe(5000);
		expect(renewLeadMs(4000)).toBe(200);
	});

	it('a renewal that fails is not reported, nor tried again, before the refresh point; the call made then reports it', async () => {
		let now = 0;
		const server = endpoint();
		const manager = new TokenManager({fetch: server.fetch, now: () => now});
		const first = manager.token();
		server.answer(100);
		await first;

		now = 85_000;
		expect(await manager.token()).toBe('token-1');
		const auth = new IscError({kind: 'auth', message: 'secret rotated'});
		server.pending.shift()?.reject(auth);
		await settled();
		now = 89_999;
		expect(await manager.token()).toBe('token-1');
		expect(server.pending).toHaveLength(0);
		now = 90_000;
		const failing = manager.token();
		server.pending.shift()?.reject(auth);
		await expect(failing).rejects.toBe(auth);
		expect(manager.tokenRequests).toBe(3);
	});

	it('says whether a token it handed out has reached its refresh point (a 401 for it is then no sign of bad credentials)', async () => {
		let now = 0;
		const server = endpoint();
		const manager = new TokenManager({fetch: server.fetch, now: () => now});
		const first = manager.token();
		server.answer(4);
		await first;
		now = 3599;
		expect(manager.lapsed('token-1')).toBe(false);
		now = 3600;
		expect(manager.lapsed('token-1')).toBe(true);
		expect(manager.lapsed('a token it never handed out')).toBe(false);
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
