import {readdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {openStore} from '../../source/store/config.js';
import {tempDirs} from './helpers/temp-dirs.js';

const temp = tempDirs();
afterEach(() => {
	temp.cleanup();
});

const NOW = Date.UTC(2025, 4, 6, 7, 8, 9, 123);

function backups(dir: string): string[] {
	return readdirSync(dir)
		.filter(name => name.startsWith('config.json.bak-'))
		.map(name => path.join(dir, name));
}

/** Opens a store over `contents` and checks the file was moved aside, reported and replaced by an empty store. */
function expectSetAside(contents: string | Buffer, reason: RegExp): void {
	const dir = temp.make();
	const file = path.join(dir, 'config.json');
	writeFileSync(file, contents);

	const {store, warnings} = openStore({cwd: dir, now: () => NOW});

	const [backup, ...more] = backups(dir);
	expect(more).toEqual([]);
	expect(backup).toBe(`${file}.bak-2025-05-06T07-08-09.123Z`);
	expect(readFileSync(backup!)).toEqual(Buffer.from(contents));
	expect(warnings).toHaveLength(1);
	const [warning] = warnings;
	expect(warning).not.toContain('\n');
	expect(warning).toContain(file);
	expect(warning).toContain(backup);
	expect(warning).toMatch(reason);

	expect(store.listTracked()).toEqual([]);
	store.addTracked([{id: 'fresh', tenant: 'acme', addedAt: 1}]);
	expect(
		openStore({cwd: dir})
			.store.listTracked()
			.map(row => row.id),
	).toEqual(['fresh']);
}

describe('an unusable store file', () => {
	it('is moved aside when it is not JSON', () => {
		expectSetAside('{"schemaVersion": 1, "tracked": [{"id": "a", ', /not valid JSON/);
	});

	it('is moved aside when it has the wrong shape', () => {
		const invalid = {schemaVersion: 1, tracked: 'a,b', prefs: {sort: 'added', detail: false}, tenants: {}};
		expectSetAside(JSON.stringify(invalid), /expected shape.*tracked/);
	});

	it('loses only the row that is missing its tenant (the rest of the file is kept)', () => {
		const dir = temp.make();
		const file = path.join(dir, 'config.json');
		const contents = JSON.stringify({
			schemaVersion: 1,
			tracked: [{id: 'a', addedAt: 1}],
			prefs: {sort: 'added', detail: false},
			tenants: {acme: {baseUrl: 'acme'}},
			__internal__: {migrations: {version: '1.0.0'}},
		});
		writeFileSync(file, contents);
		const {store, warnings} = openStore({cwd: dir, now: () => NOW});
		expect(store.listTracked()).toEqual([]);
		expect(Object.keys(store.listTenants())).toEqual(['acme']);
		expect(warnings).toHaveLength(1);
		expect(warnings[0]).toMatch(/one entry .*\/tracked\/0\/tenant/);
		expect(readFileSync(backups(dir)[0]!, 'utf8')).toBe(contents);
		store.close();
	});

	it('is moved aside when it is JSON but not an object', () => {
		expectSetAside('null', /not a JSON object/);
		expectSetAside('[1, 2]', /not a JSON object/);
	});

	it('is moved aside, not downgraded, when a newer aggwatch wrote it', () => {
		expectSetAside(JSON.stringify({schemaVersion: 2, tracked: [], things: {}}), /newer aggwatch/);
	});

	it('keeps bytes that are not UTF-8 exactly', () => {
		expectSetAside(Buffer.from([0x7b, 0xff, 0xfe, 0x00, 0x7d]), /not valid JSON/);
	});

	it('is simply replaced when it is empty', () => {
		const dir = temp.make();
		writeFileSync(path.join(dir, 'config.json'), '  \n');
		const {store, warnings} = openStore({cwd: dir});
		expect(warnings).toEqual([]);
		expect(backups(dir)).toEqual([]);
		expect(store.listTracked()).toEqual([]);
	});

	it('found while running is moved aside and reported through onWarning', () => {
		const dir = temp.make();
		const seen: string[] = [];
		const {store} = openStore({cwd: dir, onWarning: line => seen.push(line), now: () => NOW});
		store.addTracked([{id: 'a', tenant: 'acme', addedAt: 1}]);
		writeFileSync(store.path, 'garbage');

		expect(store.listTracked()).toEqual([]);
		expect(seen).toHaveLength(1);
		expect(seen[0]).toContain(store.path);
		expect(seen[0]).toContain(`${store.path}.bak-2025-05-06T07-08-09.123Z`);
		expect(readFileSync(`${store.path}.bak-2025-05-06T07-08-09.123Z`, 'utf8')).toBe('garbage');
		expect(JSON.parse(readFileSync(store.path, 'utf8'))).toMatchObject({schemaVersion: 1, tracked: []});
	});

	it('gets a distinct backup name when two are set aside in the same millisecond', () => {
		const dir = temp.make();
		writeFileSync(path.join(dir, 'config.json'), 'one');
		openStore({cwd: dir, now: () => NOW});
		writeFileSync(path.join(dir, 'config.json'), 'two');
		openStore({cwd: dir, now: () => NOW});
		expect(
			backups(dir)
				.map(file => readFileSync(file, 'utf8'))
				.sort(),
		).toEqual(['one', 'two']);
	});
});

describe('a store file with some wrong entries', () => {
	it('sets aside only what is wrong: the other tenants, rows and preferences are kept', () => {
		const dir = temp.make();
		const file = path.join(dir, 'config.json');
		const contents = JSON.stringify({
			schemaVersion: 1,
			tracked: [
				{id: 'a0000000000000000000000000000001', tenant: 'acme', addedAt: 1},
				{id: 'a0000000000000000000000000000002', tenant: 'acme', addedAt: 'yesterday'},
				{id: 'a0000000000000000000000000000003', tenant: 'globex', addedAt: 3},
			],
			prefs: {sort: 'sideways', detail: true, bell: false},
			tenants: {acme: {baseUrl: 'https://acme.api.identitynow.com', clientId: 'a'}, broken: {baseUrl: 5}, globex: {baseUrl: 'globex'}},
			defaultTenant: 'acme',
		});
		writeFileSync(file, contents);

		const {store, warnings} = openStore({cwd: dir, now: () => NOW});

		expect(Object.keys(store.listTenants()).sort()).toEqual(['acme', 'globex']);
		expect(store.getDefaultTenant()).toBe('acme');
		expect(store.listTracked().map(row => row.id)).toEqual(['a0000000000000000000000000000001', 'a0000000000000000000000000000003']);
		expect(store.getPrefs()).toMatchObject({sort: 'added', detail: true, bell: false});
		const [backup, ...more] = backups(dir);
		expect(more).toEqual([]);
		expect(readFileSync(backup!, 'utf8')).toBe(contents);
		expect(warnings).toHaveLength(1);
		expect(warnings[0]).not.toContain('\n');
		expect(warnings[0]).toContain('3 entries');
		expect(warnings[0]).toContain('/tracked/1/addedAt');
		expect(warnings[0]).toContain('/tenants/broken/baseUrl');
		expect(warnings[0]).toContain(backup);
		store.close();
	});

	it('a wrong entry written by another process while the store is open costs only itself', () => {
		const dir = temp.make();
		const {store} = openStore({cwd: dir, now: () => NOW});
		store.setTenant('acme', {baseUrl: 'https://acme.api.identitynow.com'});
		const file = path.join(dir, 'config.json');
		const data = JSON.parse(readFileSync(file, 'utf8')) as {tenants: Record<string, unknown>};
		data.tenants['broken'] = {baseUrl: ['not', 'a', 'string']};
		writeFileSync(file, JSON.stringify(data));
		const warnings: string[] = [];
		const reopened = openStore({cwd: dir, now: () => NOW + 1, onWarning: line => warnings.push(line)});
		expect(Object.keys(reopened.store.listTenants())).toEqual(['acme']);
		expect(reopened.warnings.join('')).toContain('/tenants/broken/baseUrl');
		store.close();
		reopened.store.close();
	});
});
