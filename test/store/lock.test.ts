import {spawnSync} from 'node:child_process';
import {existsSync, readFileSync, utimesSync, writeFileSync} from 'node:fs';
import {hostname} from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {afterEach, describe, expect, it} from 'vitest';
import {openStore, StoreError} from '../../source/store/config.js';
import {tempDirs} from './helpers/temp-dirs.js';

const temp = tempDirs();
afterEach(() => {
	temp.cleanup();
});

function storeWithLock(owner: object | string, ageMs = 0) {
	const opened = openStore({cwd: temp.make(), lock: {timeoutMs: 300}});
	const lockPath = `${opened.store.path}.lock`;
	writeFileSync(lockPath, typeof owner === 'string' ? owner : JSON.stringify(owner));
	if (ageMs > 0) {
		const then = (Date.now() - ageMs) / 1000;
		utimesSync(lockPath, then, then);
	}

	return {store: opened.store, lockPath};
}

function deadPid(): number {
	const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {encoding: 'utf8'});
	return Number(child.stdout);
}

describe('the store lock', () => {
	it('waits for a live holder and gives up with an error naming it, changing nothing', () => {
		const {store, lockPath} = storeWithLock({pid: process.pid, host: hostname(), token: 'theirs'});
		const before = readFileSync(store.path, 'utf8');
		expect(() => store.addTracked([{id: 'a', tenant: 'acme', addedAt: 1}])).toThrow(StoreError);
		expect(() => store.addTracked([{id: 'a', tenant: 'acme', addedAt: 1}])).toThrow(`process ${process.pid}`);
		expect(readFileSync(store.path, 'utf8')).toBe(before);
		expect(existsSync(lockPath)).toBe(true);
	});

	it('breaks a lock whose process is gone right away', () => {
		const {store, lockPath} = storeWithLock({pid: deadPid(), host: hostname(), token: 'crashed'});
		store.addTracked([{id: 'a', tenant: 'acme', addedAt: 1}]);
		expect(store.listTracked().map(row => row.id)).toEqual(['a']);
		expect(existsSync(lockPath)).toBe(false);
	});

	it('breaks a lock older than the stale limit, even from another host', () => {
		const {store, lockPath} = storeWithLock({pid: 1, host: 'elsewhere', token: 'old'}, 60_000);
		store.addTracked([{id: 'a', tenant: 'acme', addedAt: 1}]);
		expect(store.listTracked().map(row => row.id)).toEqual(['a']);
		expect(existsSync(lockPath)).toBe(false);
	});

	it('breaks an old lock file that has no owner written in it', () => {
		const {store} = storeWithLock('', 60_000);
		store.setPrefs({detail: true});
		expect(store.getPrefs().detail).toBe(true);
	});

	it('respects a recent lock from another host', () => {
		const {store} = storeWithLock({pid: 1, host: 'elsewhere', token: 'theirs'});
		expect(() => store.setPrefs({detail: true})).toThrow(/locked by process 1 on elsewhere/);
	});

	it('removes its own lock after each change', () => {
		const {store} = openStore({cwd: temp.make()});
		store.addTracked([{id: 'a', tenant: 'acme', addedAt: 1}]);
		expect(existsSync(`${store.path}.lock`)).toBe(false);
		expect(existsSync(path.dirname(store.path))).toBe(true);
	});
});
