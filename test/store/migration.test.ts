import {copyFileSync, readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, describe, expect, it} from 'vitest';
import {openStore} from '../../source/store/config.js';
import {tempDirs} from './helpers/temp-dirs.js';

const temp = tempDirs();
afterEach(() => {
	temp.cleanup();
});

const fixture = (name: string): string => fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));

function storeWith(fixtureName: string): string {
	const dir = temp.make();
	copyFileSync(fixture(fixtureName), path.join(dir, 'config.json'));
	return dir;
}

describe('migration', () => {
	it('turns a v0 file (one tenant, bare ids) into v1 rows, prefs and a saved tenant', () => {
		const dir = storeWith('v0-config.json');
		const {store, warnings} = openStore({cwd: dir, now: () => 1_700_000_000_000});

		expect(warnings).toEqual([]);
		expect(store.listTracked()).toEqual([
			{id: '2c9180835d2e5168015d32f890ca1581', tenant: 'acme', addedAt: 1_700_000_000_000},
			{id: '2c9180867d2e5168015d32f890ca1999', tenant: 'acme', addedAt: 1_700_000_000_000},
		]);
		expect(store.getPrefs()).toEqual({sort: 'progress', detail: false});
		expect(store.listTenants()).toEqual({acme: {baseUrl: 'https://acme.api.identitynow.com'}});
		expect(store.getDefaultTenant()).toBe('acme');

		const onDisk = JSON.parse(readFileSync(store.path, 'utf8')) as Record<string, unknown>;
		expect(onDisk['schemaVersion']).toBe(1);
		expect(onDisk).not.toHaveProperty('aggregations');
		expect(onDisk['__internal__']).toEqual({migrations: {version: '1.0.0'}});
	});

	it('runs once: a later open keeps rows added since', () => {
		const dir = storeWith('v0-config.json');
		openStore({cwd: dir, now: () => 1}).store.addTracked([{id: 'new', tenant: 'globex', addedAt: 2}]);
		const again = openStore({cwd: dir, now: () => 3}).store;
		expect(again.listTracked().map(row => [row.tenant, row.id, row.addedAt])).toEqual([
			['acme', '2c9180835d2e5168015d32f890ca1581', 1],
			['acme', '2c9180867d2e5168015d32f890ca1999', 1],
			['globex', 'new', 2],
		]);
	});

	it('sets aside the original bytes of a v0 file it cannot migrate', () => {
		const dir = storeWith('v0-broken.json');
		const {store, warnings} = openStore({cwd: dir});

		const backups = readdirSync(dir).filter(name => name.startsWith('config.json.bak-'));
		expect(backups).toHaveLength(1);
		expect(readFileSync(path.join(dir, backups[0]!), 'utf8')).toBe(readFileSync(fixture('v0-broken.json'), 'utf8'));
		expect(warnings).toHaveLength(1);
		expect(warnings[0]).toMatch(/could not be upgraded.*aggregations/);
		expect(warnings[0]).toContain(path.join(dir, backups[0]!));
		expect(store.listTracked()).toEqual([]);
	});
});
