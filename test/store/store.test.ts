import {readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import {afterEach, describe, expect, it} from 'vitest';
import {openStore, type StoredRow} from '../../source/store/config.js';
import {tempDirs} from './helpers/temp-dirs.js';

const temp = tempDirs();
afterEach(() => {
	temp.cleanup();
});

const acme = (id: string, addedAt = 1000): StoredRow => ({id, tenant: 'acme', addedAt});

describe('TrackedStore', () => {
	it('shows the same rows, last known state and prefs after a restart', () => {
		const cwd = temp.make();
		const first = openStore({cwd});
		expect(first.warnings).toEqual([]);
		first.store.addTracked([acme('a1', 1000), {...acme('b2', 2000), label: 'HR source'}, {id: 'a1', tenant: 'globex', addedAt: 3000}]);
		first.store.saveSnapshots([
			{
				...acme('a1'),
				phase: 'ended',
				lastOkAt: 5000,
				endedAt: 5000,
				snapshot: {start: '2025-01-01T00:00:00Z', status: 'COMPLETED', totalAccounts: 10, processedAccounts: 10},
			},
			{...acme('b2'), phase: 'running', snapshot: {start: null, status: 'SOMETHING_NEW'}},
		]);
		first.store.setPrefs({sort: 'status'});
		first.store.setPrefs({detail: true});

		const second = openStore({cwd});
		expect(second.warnings).toEqual([]);
		expect(second.store.listTracked()).toEqual([
			{
				id: 'a1',
				tenant: 'acme',
				addedAt: 1000,
				phase: 'ended',
				lastOkAt: 5000,
				endedAt: 5000,
				snapshot: {start: '2025-01-01T00:00:00Z', status: 'COMPLETED', totalAccounts: 10, processedAccounts: 10},
			},
			{id: 'b2', tenant: 'acme', addedAt: 2000, label: 'HR source', phase: 'running', snapshot: {start: null, status: 'SOMETHING_NEW'}},
			{id: 'a1', tenant: 'globex', addedAt: 3000},
		]);
		expect(second.store.getPrefs()).toEqual({sort: 'status', detail: true});
	});

	it('starts with no rows and the default prefs', () => {
		const {store} = openStore({cwd: temp.make()});
		expect(store.listTracked()).toEqual([]);
		expect(store.getPrefs()).toEqual({sort: 'added', detail: false});
		expect(JSON.parse(readFileSync(store.path, 'utf8'))).toMatchObject({schemaVersion: 1, tracked: [], tenants: {}});
	});

	it.runIf(process.platform !== 'win32')('creates the folder 0700 and the file 0600, also after later writes', () => {
		const dir = path.join(temp.make(), 'nested', 'aggwatch');
		const {store} = openStore({cwd: dir});
		expect(statSync(dir).mode & 0o777).toBe(0o700);
		expect(statSync(store.path).mode & 0o777).toBe(0o600);
		store.addTracked([acme('x')]);
		expect(statSync(store.path).mode & 0o777).toBe(0o600);
	});

	it('adds each tenant+id once and reports the ones already tracked', () => {
		const {store} = openStore({cwd: temp.make()});
		expect(store.addTracked([acme('a'), acme('b')]).added.map(row => row.id)).toEqual(['a', 'b']);
		const again = store.addTracked([{...acme('b', 9999), label: 'changed?'}, acme('c'), acme('c')]);
		expect(again.added.map(row => row.id)).toEqual(['c']);
		expect(again.existing).toEqual([acme('b'), acme('c')]);
		expect(store.listTracked().map(row => row.id)).toEqual(['a', 'b', 'c']);
	});

	it('keeps only the stored fields of a row, not monitor-only state', () => {
		const {store} = openStore({cwd: temp.make()});
		const monitorRow = {...acme('a'), key: 'acme\u0000a', failures: 3, inFlight: true, samples: [{at: 1, processed: 2}]};
		store.addTracked([monitorRow]);
		const onDisk = JSON.parse(readFileSync(store.path, 'utf8')) as {tracked: unknown[]};
		expect(onDisk.tracked).toEqual([acme('a')]);
	});

	it('rejects a row without an id instead of writing it', () => {
		const {store} = openStore({cwd: temp.make()});
		expect(() => store.addTracked([{id: '', tenant: 'acme', addedAt: 1}])).toThrow(TypeError);
		expect(store.listTracked()).toEqual([]);
	});

	it('removes rows by tenant and id only', () => {
		const {store} = openStore({cwd: temp.make()});
		store.addTracked([acme('a'), acme('b'), {id: 'a', tenant: 'globex', addedAt: 1}]);
		expect(
			store.removeTracked([
				{tenant: 'acme', id: 'a'},
				{tenant: 'acme', id: 'nope'},
			]),
		).toEqual([acme('a')]);
		expect(store.listTracked()).toEqual([acme('b'), {id: 'a', tenant: 'globex', addedAt: 1}]);
	});

	it('does not bring back a removed row when saving snapshots, and says which were gone', () => {
		const cwd = temp.make();
		const monitor = openStore({cwd}).store;
		monitor.addTracked([acme('a'), acme('b')]);
		const rows = monitor.listTracked();
		openStore({cwd}).store.removeTracked([{tenant: 'acme', id: 'a'}]);

		const result = monitor.saveSnapshots(rows.map(row => ({...row, phase: 'running', snapshot: {status: 'STARTED'}})));
		expect(result).toEqual({updated: 1, missing: [{tenant: 'acme', id: 'a'}]});
		expect(monitor.listTracked()).toEqual([{...acme('b'), phase: 'running', snapshot: {status: 'STARTED'}}]);
	});

	it('does not rewrite the file when a save changes nothing', () => {
		const {store} = openStore({cwd: temp.make()});
		store.addTracked([{...acme('a'), snapshot: {status: 'STARTED'}}]);
		const before = statSync(store.path);
		store.saveSnapshots([{...acme('a'), snapshot: {status: 'STARTED'}}]);
		const after = statSync(store.path);
		expect(after.ino).toBe(before.ino);
		expect(after.mtimeMs).toBe(before.mtimeMs);
	});

	it('rejects an unknown sort', () => {
		const {store} = openStore({cwd: temp.make()});
		// @ts-expect-error: not a sort key
		expect(() => store.setPrefs({sort: 'name'})).toThrow(/Unknown sort/);
		expect(store.getPrefs().sort).toBe('added');
	});

	it('saves, replaces and forgets tenants without storing anything but the known fields', () => {
		const cwd = temp.make();
		const {store} = openStore({cwd});
		store.setTenant('acme', {baseUrl: 'https://acme.api.identitynow.com', clientId: 'cid'});
		const withSecret = {baseUrl: 'https://globex.api.identitynow.com', clientSecret: 'hunter2'};
		store.setTenant('globex', withSecret);
		store.setDefaultTenant('acme');

		const reopened = openStore({cwd}).store;
		expect(reopened.listTenants()).toEqual({
			acme: {baseUrl: 'https://acme.api.identitynow.com', clientId: 'cid'},
			globex: {baseUrl: 'https://globex.api.identitynow.com'},
		});
		expect(reopened.getTenant('acme')?.clientId).toBe('cid');
		expect(reopened.getTenant('toString')).toBeUndefined();
		expect(reopened.getDefaultTenant()).toBe('acme');
		expect(readFileSync(store.path, 'utf8')).not.toContain('hunter2');

		expect(reopened.removeTenant('acme')).toBe(true);
		expect(reopened.removeTenant('acme')).toBe(false);
		expect(reopened.getDefaultTenant()).toBeUndefined();
		expect(Object.keys(reopened.listTenants())).toEqual(['globex']);
		expect(() => reopened.setTenant('__proto__', {baseUrl: 'x'})).toThrow(TypeError);
		expect(() => reopened.setTenant(' padded', {baseUrl: 'x'})).toThrow(TypeError);
	});
});
