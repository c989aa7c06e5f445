import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {openStore} from '../../source/store/config.js';
import {buildChild, runTogether} from './helpers/children.js';
import {tempDirs} from './helpers/temp-dirs.js';

const temp = tempDirs();
let child: ReturnType<typeof buildChild>;

beforeAll(() => {
	child = buildChild();
});

afterAll(() => {
	child.cleanup();
});

afterEach(() => {
	temp.cleanup();
});

describe('two aggwatch processes on one store', () => {
	it('keep every row both of them add', async () => {
		const cwd = temp.make();
		openStore({cwd});
		await runTogether(child.script, [
			['add', cwd, 'acme', 'first', '50'],
			['add', cwd, 'acme', 'second', '50'],
		]);

		const ids = openStore({cwd})
			.store.listTracked()
			.map(row => row.id);
		expect(ids).toHaveLength(100);
		expect(new Set(ids)).toEqual(
			new Set([...Array.from({length: 50}, (_, index) => `first-${index}`), ...Array.from({length: 50}, (_, index) => `second-${index}`)]),
		);
	});

	it('do not bring back rows one removes while the other keeps saving snapshots', async () => {
		const cwd = temp.make();
		const ids = Array.from({length: 20}, (_, index) => `agg-${index}`);
		const {store} = openStore({cwd});
		store.addTracked(ids.map(id => ({id, tenant: 'acme', addedAt: 1})));
		const doomed = ids.filter((_, index) => index % 2 === 0);

		await runTogether(child.script, [
			['save', cwd, 'acme', '30', ...ids],
			['remove', cwd, 'acme', ...doomed],
		]);

		const rows = store.listTracked();
		expect(rows.map(row => row.id)).toEqual(ids.filter(id => !doomed.includes(id)));
		for (const row of rows) {
			expect(row.snapshot).toEqual({status: 'ACCOUNTS_COLLECTED', totalAccounts: 100, processedAccounts: 30});
		}
	});
});
