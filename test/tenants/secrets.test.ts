/**
 * Where client secrets live: the OS keychain when there is one, else a 0600 file of its own with a one-line
 * warning; reads find a secret either way. The real keychain is never touched here: a keychain that works is an
 * in-memory stand-in (none exists on a headless test machine), one that fails throws what @napi-rs/keyring throws.
 */
import {readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {openStore} from '../../source/store/config.js';
import {SecretStore, type KeyringBackend} from '../../source/store/secrets.js';
import {ensureBuilt, ndjson, runCli} from '../helpers/cli.js';
import {ACME, RUNNING_ID, tenantSimulator, testSandbox} from './fixtures.js';

class MemoryKeyring implements KeyringBackend {
	readonly entries = new Map<string, string>();
	get(account: string) {
		return this.entries.get(account);
	}

	set(account: string, password: string) {
		this.entries.set(account, password);
	}

	delete(account: string) {
		return this.entries.delete(account);
	}
}

/** What @napi-rs/keyring throws on a machine without a Secret Service. */
const unavailable: KeyringBackend = {
	get() {
		throw new Error("Couldn't access platform storage: AccessDenied");
	},
	set() {
		throw new Error("Couldn't access platform storage: AccessDenied GenericFailure");
	},
	delete() {
		throw new Error("Couldn't access platform storage: AccessDenied");
	},
};

function mode(file: string): number {
	return statSync(file).mode & 0o777;
}

beforeAll(async () => {
	await ensureBuilt();
}, 120_000);

describe('SecretStore', () => {
	it('keeps secrets in the keychain when it works, and nothing in the file', () => {
		const box = testSandbox();
		const keyring = new MemoryKeyring();
		const warnings: string[] = [];
		const secrets = new SecretStore({dir: box.config, env: {}, keyring, onWarning: line => warnings.push(line)});
		expect(secrets.set('acme', ACME.clientSecret)).toBe('keychain');
		expect(keyring.entries.get('acme')).toBe(ACME.clientSecret);
		expect(secrets.get('acme')).toEqual({secret: ACME.clientSecret, location: 'keychain'});
		expect(secrets.file.names()).toEqual([]);
		expect(warnings).toEqual([]);
	});

	it('falls back to a 0600 file in a 0700 folder with one warning when the keychain cannot be used', () => {
		const box = testSandbox();
		const warnings: string[] = [];
		const secrets = new SecretStore({dir: box.config, env: {}, keyring: unavailable, onWarning: line => warnings.push(line)});
		expect(secrets.set('acme', ACME.clientSecret)).toBe('file');
		expect(warnings).toHaveLength(1);
		expect(warnings[0]).toBe(
			`no OS keychain is available (Couldn't access platform storage: AccessDenied GenericFailure); the client secret of "acme" is kept in ${path.join(box.config, 'secrets.json')}, readable only by you`,
		);
		expect(mode(path.join(box.config, 'secrets.json'))).toBe(0o600);
		expect(mode(box.config)).toBe(0o700);

		// A later process (a new SecretStore) reads it back.
		const again = new SecretStore({dir: box.config, env: {}, keyring: unavailable, onWarning() {}});
		expect(again.get('acme')).toEqual({secret: ACME.clientSecret, location: 'file'});
	});

	it('still finds a secret saved to the file once a keychain is there, and moves it on the next save', () => {
		const box = testSandbox();
		new SecretStore({dir: box.config, env: {}, keyring: unavailable, onWarning() {}}).set('acme', 'old-secret');
		const keyring = new MemoryKeyring();
		const secrets = new SecretStore({dir: box.config, env: {}, keyring, onWarning() {}});
		expect(secrets.get('acme')).toEqual({secret: 'old-secret', location: 'file'});
		secrets.set('acme', ACME.clientSecret);
		expect(secrets.get('acme')).toEqual({secret: ACME.clientSecret, location: 'keychain'});
		expect(readFileSync(secrets.file.path, 'utf8')).not.toContain('old-secret');
	});

	it('uses the file when AGGWATCH_KEYRING=off, even with a working keychain', () => {
		const box = testSandbox();
		const keyring = new MemoryKeyring();
		const warnings: string[] = [];
		const secrets = new SecretStore({dir: box.config, env: {AGGWATCH_KEYRING: 'off'}, keyring, onWarning: line => warnings.push(line)});
		expect(secrets.set('acme', ACME.clientSecret)).toBe('file');
		expect(keyring.entries.size).toBe(0);
		expect(warnings[0]).toContain('the OS keychain is turned off (AGGWATCH_KEYRING=off)');
	});

	it('deletes a secret from both places', () => {
		const box = testSandbox();
		new SecretStore({dir: box.config, env: {}, keyring: unavailable, onWarning() {}}).set('acme', 'file-copy');
		const keyring = new MemoryKeyring();
		keyring.set('acme', 'keychain-copy');
		const secrets = new SecretStore({dir: box.config, env: {}, keyring, onWarning() {}});
		expect(secrets.delete('acme')).toBe(true);
		expect(secrets.get('acme')).toBeUndefined();
		expect(keyring.entries.size).toBe(0);
		expect(secrets.delete('acme')).toBe(false);
	});

	it('never writes a secret into the main config file', () => {
		const box = testSandbox();
		const {store} = openStore({cwd: box.config});
		store.setTenant('acme', {
			baseUrl: 'https://acme.api.identitynow.com',
			clientId: ACME.clientId,
			clientSecret: ACME.clientSecret,
		} as never);
		new SecretStore({dir: box.config, env: {}, keyring: unavailable, onWarning() {}}).set('acme', ACME.clientSecret);
		store.close();
		expect(readFileSync(path.join(box.config, 'config.json'), 'utf8')).not.toContain(ACME.clientSecret);
	});
});

describe('tenant add without a keychain', () => {
	it('saves the secret to the file, prints the one-line warning, and the tenant works afterwards', async () => {
		const sim = await tenantSimulator();
		const box = testSandbox();
		const add = await runCli(['tenant', 'add', 'acme', '--base-url', sim.url, '--client-id', ACME.clientId], {
			env: box.env,
			cwd: box.work,
			input: `${ACME.clientSecret}\n`,
		});
		expect(add.code).toBe(0);
		const warnings = add.stderr.split('\n').filter(line => line.includes('warning'));
		expect(warnings).toEqual([
			`aggwatch: warning: the OS keychain is turned off (AGGWATCH_KEYRING=off); the client secret of "acme" is kept in ${path.join(box.config, 'secrets.json')}, readable only by you`,
		]);
		expect(add.stdout).toContain(`acme: saved (client secret in ${path.join(box.config, 'secrets.json')})`);
		expect(mode(path.join(box.config, 'secrets.json'))).toBe(0o600);
		expect(readFileSync(path.join(box.config, 'config.json'), 'utf8')).not.toContain(ACME.clientSecret);

		const status = await runCli(['status', RUNNING_ID], {env: box.env, cwd: box.work});
		expect(status.code).toBe(0);
		expect(status.stdout).toContain('ACCOUNTS_COLLECTED');
	});

	it.runIf(process.platform === 'linux' && !process.env['DBUS_SESSION_BUS_ADDRESS'])(
		'falls back by itself when the real keychain is unavailable (headless Linux)',
		async () => {
			const sim = await tenantSimulator();
			const box = testSandbox();
			const add = await runCli(['tenant', 'add', 'acme', '--base-url', sim.url, '--client-id', ACME.clientId], {
				env: {...box.env, AGGWATCH_KEYRING: undefined, SAIL_CLIENT_SECRET: ACME.clientSecret},
				cwd: box.work,
			});
			expect(add.code).toBe(0);
			expect(add.stderr).toMatch(
				/^aggwatch: warning: no OS keychain is available \(.+\); the client secret of "acme" is kept in .+secrets\.json, readable only by you$/m,
			);
			// The keychain module itself loaded (the bundle leaves the native addon to Node): it is the keychain that is missing.
			expect(add.stderr).not.toContain('could not be loaded');
			const list = await runCli(['tenant', 'list', '--json'], {env: {...box.env, AGGWATCH_KEYRING: undefined}, cwd: box.work});
			expect(ndjson(list.stdout)).toEqual([
				{name: 'acme', baseUrl: sim.url, clientId: ACME.clientId, default: true, secret: 'file', trackedRows: 0},
			]);
		},
	);
});
