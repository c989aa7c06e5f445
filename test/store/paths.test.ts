import path from 'node:path';
import process from 'node:process';
import Conf from 'conf';
import {afterEach, describe, expect, it} from 'vitest';
import {demoStoreDir, openStore, resolveStoreDir} from '../../source/store/config.js';
import {tempDirs} from './helpers/temp-dirs.js';

const temp = tempDirs();
afterEach(() => {
	temp.cleanup();
});

describe('store location', () => {
	it('uses an explicit cwd over AGGWATCH_CONFIG_DIR', () => {
		const cwd = temp.make();
		expect(resolveStoreDir({cwd, env: {AGGWATCH_CONFIG_DIR: '/somewhere/else'}})).toBe(cwd);
	});

	it('uses AGGWATCH_CONFIG_DIR when there is no cwd', () => {
		const dir = temp.make();
		const {store} = openStore({env: {AGGWATCH_CONFIG_DIR: dir}});
		expect(store.path).toBe(path.join(dir, 'config.json'));
	});

	it.runIf(process.platform === 'linux')('defaults to the folder conf picks for projectName "aggwatch"', () => {
		const home = temp.make();
		const saved = process.env['XDG_CONFIG_HOME'];
		process.env['XDG_CONFIG_HOME'] = home;
		try {
			const conf = new Conf({projectName: 'aggwatch'});
			expect(resolveStoreDir({env: {}})).toBe(path.dirname(conf.path));
			expect(path.dirname(conf.path).startsWith(home)).toBe(true);
		} finally {
			if (saved === undefined) {
				delete process.env['XDG_CONFIG_HOME'];
			} else {
				process.env['XDG_CONFIG_HOME'] = saved;
			}
		}
	});

	it('keeps the demo store apart from the real one', () => {
		const dir = temp.make();
		for (const location of [
			{cwd: dir},
			{env: {AGGWATCH_CONFIG_DIR: dir}},
			{env: {AGGWATCH_CONFIG_DIR: path.join(dir, 'demo')}},
			{env: {}},
		]) {
			expect(demoStoreDir(location)).not.toBe(resolveStoreDir(location));
		}

		const real = openStore({cwd: dir}).store;
		const demo = openStore({cwd: dir, demo: true}).store;
		demo.addTracked([{id: 'demo-1', tenant: 'demo', addedAt: 1}]);
		expect(demo.path).not.toBe(real.path);
		expect(real.listTracked()).toEqual([]);
		expect(demo.listTracked().map(row => row.id)).toEqual(['demo-1']);
	});
});
