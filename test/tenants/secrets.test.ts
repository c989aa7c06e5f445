/**
 * Where client secrets live: the OS keychain when there is one, else a 0600 file of its own with a one-line
 * warning that says why; the settings say where each went. The real keychain is never touched here (see
 * keychain.test.ts for that): a keychain that works is an in-memory stand-in, one that fails throws what
 * @napi-rs/keyring throws.
 */
import {readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {openStore} from '../../source/store/config.js';
import {keychainProblemOf} from '../../source/store/keychain-problem.js';
import {SecretStore, type KeyringBackend} from '../../source/store/secrets.js';
import {ensureBuilt, ndjson, runCli} from '../helpers/cli.js';
import {ACME, GLOBEX, RUNNING_ID, tenantSimulator, testSandbox} from './fixtures.js';

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

/** A keychain that throws what @napi-rs/keyring throws, pinned to the Secret Service, on a machine without one. */
function failing(message: string): KeyringBackend {
	return {
		get() {
			throw new Error(message);
		},
		set() {
			throw new Error(message);
		},
		delete() {
			throw new Error(message);
		},
	};
}

const NO_BUS =
	'Platform failure: DBus error: Using X11 for dbus-daemon autolaunch was disabled at compile time, set your DBUS_SESSION_BUS_ADDRESS instead';
const LOCKED = "Couldn't access platform storage: Secret Service: unlock prompt was dismissed";
const unavailable = failing(NO_BUS);

function mode(file: string): number {
	return statSync(file).mode & 0o777;
}

beforeAll(async () => {
	await ensureBuilt();
}, 120_000);

describe('SecretStore', () => {
	it("keeps secrets in the keychain under the folder's own account when it works, and nothing in the file", () => {
		const box = testSandbox();
		const keyring = new MemoryKeyring();
		const warnings: string[] = [];
		const secrets = new SecretStore({dir: box.config, env: {}, keyring, onWarning: line => warnings.push(line)});
		expect(secrets.set({name: 'acme', folder: 'f1'}, ACME.clientSecret)).toBe('keychain');
		expect([...keyring.entries]).toEqual([['acme@f1', ACME.clientSecret]]);
		expect(secrets.lookup({name: 'acme', folder: 'f1', location: 'keychain'})).toEqual({
			found: true,
			secret: ACME.clientSecret,
			location: 'keychain',
		});
		// Another folder's acme is another entry.
		expect(secrets.lookup({name: 'acme', folder: 'f2', location: 'keychain'})).toEqual({found: false, location: 'keychain'});
		expect(secrets.file.names()).toEqual([]);
		expect(warnings).toEqual([]);
	});

	it('falls back to a 0600 file in a 0700 folder with one warning that says why the keychain cannot be used', () => {
		const box = testSandbox();
		const warnings: string[] = [];
		const debug: unknown[] = [];
		const secrets = new SecretStore({
			dir: box.config,
			env: {},
			keyring: unavailable,
			onWarning: line => warnings.push(line),
			onDebug: entry => debug.push(entry),
		});
		expect(secrets.set({name: 'acme', folder: 'f1'}, ACME.clientSecret)).toBe('file');
		expect(warnings).toEqual([
			`no keychain service is running (no Secret Service on the D-Bus session bus); the client secret of "acme" is kept in ${path.join(box.config, 'secrets.json')}, readable only by you`,
		]);
		// The platform's own words go to --debug only.
		expect(debug).toEqual([{keychain: 'set', tenant: 'acme', reason: NO_BUS}]);
		expect(mode(path.join(box.config, 'secrets.json'))).toBe(0o600);
		expect(mode(box.config)).toBe(0o700);

		// A later process (a new SecretStore) reads it back, from where the settings say, without asking the keychain.
		const again = new SecretStore({dir: box.config, env: {}, keyring: failing('must not be asked'), onWarning() {}});
		expect(again.lookup({name: 'acme', folder: 'f1', location: 'file'})).toEqual({
			found: true,
			secret: ACME.clientSecret,
			location: 'file',
		});
	});

	it('says a locked keychain is locked, and never takes it for a missing secret', () => {
		const box = testSandbox();
		const warnings: string[] = [];
		const secrets = new SecretStore({dir: box.config, env: {}, keyring: failing(LOCKED), onWarning: line => warnings.push(line)});
		const found = secrets.lookup({name: 'acme', folder: 'f1', location: 'keychain'});
		expect(found).toEqual({found: false, location: 'keychain', problem: {kind: 'locked', reason: 'the keyring is locked', raw: LOCKED}});
		expect(secrets.set({name: 'acme', folder: 'f1'}, 'new-secret')).toBe('file');
		expect(warnings).toEqual([
			`the keyring is locked; the client secret of "acme" is kept in ${secrets.file.path}, readable only by you (to keep it in the keychain, unlock it and run "aggwatch tenant add acme" again)`,
		]);
		const removal = secrets.delete({name: 'acme', folder: 'f1', location: 'keychain'});
		expect(removal).toMatchObject({problem: {kind: 'locked'}, account: 'acme@f1'});
	});

	it('uses the secret stored last: the settings say where it is, and an older keychain copy is not read', () => {
		const box = testSandbox();
		const keyring = new MemoryKeyring();
		keyring.set('acme@f1', 'old-keychain-secret');
		const locked = new SecretStore({dir: box.config, env: {}, keyring: failing(LOCKED), onWarning() {}});
		expect(locked.set({name: 'acme', folder: 'f1'}, 'new-file-secret')).toBe('file');
		// Back where the keychain opens: the settings say "file", so the new secret is used.
		const unlocked = new SecretStore({dir: box.config, env: {}, keyring, onWarning() {}});
		expect(unlocked.lookup({name: 'acme', folder: 'f1', location: 'file'})).toMatchObject({found: true, secret: 'new-file-secret'});
		// Stored again with the keychain open: the keychain has it, the file copy goes.
		expect(unlocked.set({name: 'acme', folder: 'f1'}, ACME.clientSecret)).toBe('keychain');
		expect(unlocked.lookup({name: 'acme', folder: 'f1', location: 'keychain'})).toMatchObject({found: true, secret: ACME.clientSecret});
		expect(readFileSync(unlocked.file.path, 'utf8')).not.toContain('new-file-secret');
	});

	it('finds a secret saved before the settings said where: the bare name in the keychain, then the file', () => {
		const box = testSandbox();
		new SecretStore({dir: box.config, env: {}, keyring: unavailable, onWarning() {}}).set({name: 'globex'}, 'file-secret');
		const keyring = new MemoryKeyring();
		keyring.set('acme', 'legacy-keychain-secret');
		const secrets = new SecretStore({dir: box.config, env: {}, keyring, onWarning() {}});
		expect(secrets.lookup({name: 'acme', folder: 'f1'})).toEqual({found: true, secret: 'legacy-keychain-secret', location: 'keychain'});
		expect(secrets.lookup({name: 'globex'})).toEqual({found: true, secret: 'file-secret', location: 'file'});
		expect(secrets.lookup({name: 'initech'})).toEqual({found: false});
	});

	it('uses the file when AGGWATCH_KEYRING=off, even with a working keychain, and says so for a keychain secret', () => {
		const box = testSandbox();
		const keyring = new MemoryKeyring();
		const warnings: string[] = [];
		const secrets = new SecretStore({dir: box.config, env: {AGGWATCH_KEYRING: 'off'}, keyring, onWarning: line => warnings.push(line)});
		expect(secrets.set({name: 'acme', folder: 'f1'}, ACME.clientSecret)).toBe('file');
		expect(keyring.entries.size).toBe(0);
		expect(warnings[0]).toContain('the OS keychain is turned off (AGGWATCH_KEYRING=off)');
		expect(secrets.lookup({name: 'globex', folder: 'f1', location: 'keychain'})).toMatchObject({found: false, problem: {kind: 'off'}});
	});

	it("deletes a secret from where the settings say, and only this folder's", () => {
		const box = testSandbox();
		new SecretStore({dir: box.config, env: {}, keyring: unavailable, onWarning() {}}).set({name: 'acme'}, 'file-copy');
		const keyring = new MemoryKeyring();
		keyring.set('acme@f1', 'keychain-copy');
		keyring.set('acme@f2', 'other-folder');
		const secrets = new SecretStore({dir: box.config, env: {}, keyring, onWarning() {}});
		expect(secrets.delete({name: 'acme', folder: 'f1', location: 'keychain'})).toEqual({removed: true, account: 'acme@f1'});
		expect(secrets.lookup({name: 'acme', folder: 'f1', location: 'keychain'})).toEqual({found: false, location: 'keychain'});
		expect(secrets.file.names()).toEqual([]);
		expect([...keyring.entries]).toEqual([['acme@f2', 'other-folder']]);
		expect(secrets.delete({name: 'acme', folder: 'f1', location: 'keychain'})).toEqual({removed: false, account: 'acme@f1'});
	});

	it("the settings keep one keychain id per folder, made once, and where each tenant's secret is", () => {
		const [one, two] = [testSandbox(), testSandbox()];
		const {store} = openStore({cwd: one.config});
		expect(store.getKeychainId()).toBeUndefined();
		const id = store.ensureKeychainId();
		expect(id).toMatch(/^[\da-f]{16}$/);
		expect(store.ensureKeychainId()).toBe(id);
		store.setTenant('acme', {baseUrl: 'https://acme.api.identitynow.com', secret: 'keychain'});
		store.close();
		const again = openStore({cwd: one.config}).store;
		expect(again.getKeychainId()).toBe(id);
		expect(again.getTenant('acme')).toEqual({baseUrl: 'https://acme.api.identitynow.com', secret: 'keychain'});
		again.close();
		const other = openStore({cwd: two.config}).store;
		expect(other.ensureKeychainId()).not.toBe(id);
		other.close();
	});

	it('never writes a secret into the main config file', () => {
		const box = testSandbox();
		const {store} = openStore({cwd: box.config});
		store.setTenant('acme', {
			baseUrl: 'https://acme.api.identitynow.com',
			clientId: ACME.clientId,
			clientSecret: ACME.clientSecret,
		} as never);
		new SecretStore({dir: box.config, env: {}, keyring: unavailable, onWarning() {}}).set({name: 'acme'}, ACME.clientSecret);
		store.close();
		expect(readFileSync(path.join(box.config, 'config.json'), 'utf8')).not.toContain(ACME.clientSecret);
	});
});

describe('keychain reasons', () => {
	it('maps what the platforms say to what is wrong', () => {
		const kinds = [
			NO_BUS,
			'Platform failure: DBus error: The name org.freedesktop.secrets was not provided by any .service files',
			LOCKED,
			"Couldn't access platform storage: AccessDenied",
			"Couldn't access platform storage: Secret Service: no result found",
			'the keychain module could not be loaded (Cannot find module)',
			'something new',
		].map(raw => keychainProblemOf(new Error(raw)));
		expect(kinds.map(problem => problem.reason)).toEqual([
			'no keychain service is running (no Secret Service on the D-Bus session bus)',
			'no keychain service is running (no Secret Service on the D-Bus session bus)',
			'the keyring is locked',
			'the OS keychain refused access',
			'the Secret Service has no default keyring to keep secrets in',
			'the keychain module could not be loaded on this system',
			'the OS keychain failed (something new)',
		]);
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

	it('takes the secret from standard input with --client-secret-stdin, as the README says', async () => {
		const sim = await tenantSimulator();
		const box = testSandbox();
		const add = await runCli(['tenant', 'add', 'acme', '--base-url', sim.url, '--client-id', ACME.clientId, '--client-secret-stdin'], {
			env: {...box.env, SAIL_CLIENT_SECRET: 'not-this-one'},
			cwd: box.work,
			input: ACME.clientSecret,
		});
		expect(add.code).toBe(0);
		expect(add.stdout).toContain('acme: the credentials work');
		const empty = await runCli(
			['tenant', 'add', 'globex', '--base-url', sim.url, '--client-id', GLOBEX.clientId, '--client-secret-stdin'],
			{
				env: box.env,
				cwd: box.work,
			},
		);
		expect(empty.code).toBe(1);
		expect(empty.stderr).toContain('--client-secret-stdin was given but standard input was empty; pipe the secret in');
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
				/^aggwatch: warning: no keychain service is running \(no Secret Service on the D-Bus session bus\); the client secret of "acme" is kept in .+secrets\.json, readable only by you$/m,
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
